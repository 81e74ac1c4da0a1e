import t from 'tap'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../src/config.js'
import { readSeed } from '../src/db/seed.js'
import { productionEntry, requireBuild } from './server-process.js'

const freePort = () => new Promise<number>((resolve, reject) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number }
    server.close(() => resolve(port))
  }).on('error', reject)
})

t.test('WORKERS is 1 to 256, one per core by default', async (t) => {
  t.ok(loadConfig({}).WORKERS >= 1)
  t.equal(loadConfig({ WORKERS: '2' }).WORKERS, 2)
  t.throws(() => loadConfig({ WORKERS: '0' }), /WORKERS/)
  t.throws(() => loadConfig({ WORKERS: '257' }), /WORKERS/)
  t.throws(() => loadConfig({ WORKERS: 'many' }), /WORKERS/)
})

t.test('npm start with WORKERS=2 prepares the database once, serves from two workers and stops on SIGTERM', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-main-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const port = await freePort()
  requireBuild()
  const child = spawn(process.execPath, [productionEntry], {
    // Load shedding off: a busy CI machine blocks the event loop while the workers load, and that is not under test here.
    env: { ...process.env, WORKERS: '2', PORT: String(port), DATABASE_PATH: join(dir, 'db.sqlite'), LOG_LEVEL: 'warn', MAX_EVENT_LOOP_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (chunk) => { output += chunk })
  child.stderr.on('data', (chunk) => { output += chunk })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })

  let health: Response | undefined
  for (let i = 0; i < 300 && !health; i++) {
    health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined)
    if (!health) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.ok(health, `the server answers (output: ${output})`)
  t.equal(health?.status, 200)
  const seed = readSeed()
  t.same(await health?.json(), { status: 'ok', figures: seed.figures.length, campaigns: seed.campaigns.length }, 'the whole seed/')
  // Many requests on fresh connections: every one is answered, whichever worker takes it.
  const statuses = await Promise.all(Array.from({ length: 20 }, () =>
    fetch(`http://127.0.0.1:${port}/v1/figures/fig-001`, { headers: { connection: 'close' } }).then((r) => r.status)))
  t.same(new Set(statuses), new Set([200]))

  const { execFileSync } = await import('node:child_process')
  const workers = execFileSync('ps', ['-o', 'comm=', '--ppid', String(child.pid)]).toString().trim().split('\n')
    .filter((command) => command === 'node')
  t.equal(workers.length, 2, 'the primary runs two workers')

  child.kill('SIGTERM')
  t.equal(await exited, 0, 'SIGTERM stops the primary and its workers cleanly')
})

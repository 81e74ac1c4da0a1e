import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** What `npm start` runs after its build: the compiled entry point (`npm test` builds it before tap starts). */
export const productionEntry = join(root, 'dist', 'main.js')

export function requireBuild (): void {
  if (!existsSync(productionEntry)) throw new Error(`${productionEntry} does not exist: run \`npm run build\` first`)
}

export interface ServerProcess {
  child: ChildProcess
  base: string
  /** Everything the server wrote to stdout (JSON log lines) and stderr. */
  output: () => string
  exited: Promise<number | null>
  stop: () => Promise<number | null>
}

async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')))
    }).on('error', reject)
  })
}

/** The real server (`npm start`'s dist/main.js, one process: WORKERS=1) as a child process on a fresh database in a temporary folder. */
export async function startServer (env: Record<string, string> = {}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-server-'))
  const port = await freePort()
  requireBuild()
  const child = spawn(process.execPath, [productionEntry], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'campaigns.sqlite'), LOG_LEVEL: 'info', WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout?.on('data', (chunk) => { output += chunk })
  child.stderr?.on('data', (chunk) => { output += chunk })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    rmSync(dir, { recursive: true, force: true })
    resolve(code)
  }))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`)
    try {
      if ((await fetch(`${base}/health`)).ok) break
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not answer within 60 s: ${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    child,
    base,
    output: () => output,
    exited,
    stop: async () => { if (child.exitCode === null) child.kill('SIGTERM'); return exited }
  }
}

import t, { type Test } from 'tap'
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { parse } from 'yaml'
import { buildApp } from '../../src/app.js'
import { prepareDatabase } from '../../src/db/prepare.js'
import { manifestPath } from '../../src/release/downloads.js'
import { editRecord, seedCopy } from '../release/seed-copy.js'

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const figuresIn = (seed: string) => (parse(readFileSync(join(seed, 'figures.yaml'), 'utf8')) as unknown[]).length
const setMetadata = (path: string, key: string, value: string) => {
  const db = new Database(path)
  db.prepare('UPDATE dataset_metadata SET value = ? WHERE key = ?').run(value, key)
  db.close()
}
async function servedFigures (t: Test, path: string): Promise<number> {
  const app = await buildApp({ databasePath: path, loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 } })
  t.teardown(() => app.close())
  return (await app.inject({ url: '/health' })).json().figures
}

/** Starts a build in another process and kills it (SIGKILL) as soon as its temporary file exists. */
async function killBuildMidway (path: string, seed: string): Promise<boolean> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/release/prepare-child.ts', path, seed], { stdio: 'ignore' })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const dir = join(path, '..')
  let killedWhileBuilding = false
  while (child.exitCode === null) {
    if (readdirSync(dir).some((name) => name.includes('.building-') && name.startsWith('campaigns.sqlite.building-'))) {
      child.kill('SIGKILL')
      killedWhileBuilding = true
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  await exited
  return killedWhileBuilding
}

t.test('a build killed midway is never served: the next start builds a complete dataset', async (t) => {
  const { dir, seed } = seedCopy(t)
  const path = join(dir, 'campaigns.sqlite')
  t.ok(await killBuildMidway(path, seed), 'the build was killed while it ran')
  t.notOk(existsSync(path), 'nothing half-built is in place')
  const prepared = prepareDatabase(path, seed)
  t.equal(prepared.seeded, true)
  t.equal(await servedFigures(t, path), figuresIn(seed), 'every figure is served')
  t.same(readdirSync(dir).filter((name) => name.includes('.building-')), [], 'the abandoned build was cleared away')
})

t.test('a rebuild killed midway leaves the previous file whole, and the next start serves the new data', async (t) => {
  const { dir, seed } = seedCopy(t)
  const path = join(dir, 'campaigns.sqlite')
  prepareDatabase(path, seed)
  const before = sha(path)
  editRecord(seed, 'figures.yaml', 'fig-015', 'confidence: high', 'confidence: medium')
  t.ok(await killBuildMidway(path, seed), 'the rebuild was killed while it ran')
  t.equal(sha(path), before, 'the served file was not touched')
  t.equal(prepareDatabase(path, seed).seeded, true, 'the next start rebuilds')
  const app = await buildApp({ databasePath: path, loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 } })
  t.teardown(() => app.close())
  t.equal((await app.inject({ url: '/v1/figures/fig-015' })).json().data.confidence, 'medium')
})

t.test('an unchanged file is kept as it is; a file built before releases existed is rebuilt', async (t) => {
  const { dir, seed } = seedCopy(t)
  const path = join(dir, 'campaigns.sqlite')
  prepareDatabase(path, seed)
  const { mtimeMs } = statSync(path)
  t.equal(prepareDatabase(path, seed).seeded, false)
  t.equal(statSync(path).mtimeMs, mtimeMs, 'not rebuilt, not written')
  setMetadata(path, 'digest', 'from an older seed')
  t.equal(prepareDatabase(path, seed).seeded, true, 'another digest: rebuilt')
})

t.test('a prebuilt release file is served as it is: never rebuilt, never written', async (t) => {
  const { dir, seed } = seedCopy(t)
  const path = join(dir, 'campaigns.sqlite')
  prepareDatabase(path, seed)
  setMetadata(path, 'prebuilt', 'true')
  chmodSync(path, 0o444)
  const before = sha(path)
  editRecord(seed, 'figures.yaml', 'fig-015', 'confidence: high', 'confidence: low')
  const prepared = prepareDatabase(path, seed)
  t.same([prepared.seeded, prepared.prebuilt], [false, true])
  t.equal(sha(path), before)
  t.ok(existsSync(manifestPath(path)), 'its downloads are built beside it')
  const app = await buildApp({ databasePath: path, loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 } })
  t.teardown(() => app.close())
  t.equal((await app.inject({ url: '/v1/figures/fig-015' })).json().data.confidence, 'high', 'the file\'s own data, not seed/')
})

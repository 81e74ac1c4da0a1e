import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { buildApp, type App } from '../../src/app.js'
import { seededDatabaseCopy } from '../helper.js'

const maxEventLoopDelayMs = 50
const sampleIntervalMs = 250

function blockEventLoop (ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until);
}

/** Waits for a new event-loop delay sample: a block right after it is then most of the next one. */
async function nextSample (app: App): Promise<void> {
  const previous = app.memoryUsage().eventLoopDelay
  for (let i = 0; i < 1000 && app.memoryUsage().eventLoopDelay === previous; i++) await sleep(1)
}

/** Waits for the next event-loop delay sample to see the block that came before it. */
async function delaySampled (app: App): Promise<number> {
  for (let i = 0; i < 100 && app.memoryUsage().eventLoopDelay <= maxEventLoopDelayMs; i++) await sleep(5)
  return app.memoryUsage().eventLoopDelay
}

t.test('a fresh server answers at once: the event loop blocked by its own start is not read as load; later load is', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-shedding-'))
  const app = await buildApp({
    databasePath: seededDatabaseCopy(dir), rateLimit: { max: 1_000_000 }, loadShedding: { maxEventLoopDelayMs, maxHeapUsedBytes: 0, sampleIntervalMs }
  })
  t.teardown(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })
  // What a large start does on a busy machine: compiling every route's schemas holds the event loop for seconds.
  blockEventLoop(4 * maxEventLoopDelayMs)
  await app.ready()
  t.ok(await delaySampled(app) > maxEventLoopDelayMs, 'the delay measured right after the start is over the limit')
  t.equal((await app.inject({ url: '/health' })).statusCode, 200, 'and yet /health answers')
  t.equal((await app.inject({ url: '/v1/regulators?limit=1' })).statusCode, 200, 'and so do the data routes')

  await sleep(2 * sampleIntervalMs)
  await nextSample(app)
  // Longer than a sample interval, so that the sample taken right after it is mostly this block.
  blockEventLoop(sampleIntervalMs + 4 * maxEventLoopDelayMs)
  t.ok(await delaySampled(app) > maxEventLoopDelayMs)
  const shed = await app.inject({ url: '/v1/regulators?limit=1' })
  t.equal(shed.statusCode, 503, 'once started, a blocked event loop sheds load')
  t.equal(shed.headers['retry-after'], '10')
})

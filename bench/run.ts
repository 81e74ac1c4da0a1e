import autocannon from 'autocannon'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, freemem, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchServerEnv, children, requireBenchDatabase, requireBuild, serverEntry, sleep } from './processes.js'
import { encodeCursor } from '../src/lib/cursor.js'
import { prepareDatabase } from '../src/db/prepare.js'

// npm run bench: the API (src/main.ts, a child process) and the ceiling (bench/ceiling.ts, another child) on the same
// synthetic database, measured in one run with autocannon, so that the ratios compare like with like on a noisy machine.

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'data/bench-1000000.sqlite' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    // Only the endpoint table: no startup, full-CSV or scaling runs (for trying a change quickly).
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
    // With the answer cache on (repeated questions answered from memory); without it every answer is computed (cold).
    warm: { type: 'boolean', default: false }
  }
})
const duration = Number(args.duration)
const connections = Number(args.connections)
const rounds = Number(args.rounds)
requireBenchDatabase(args.db)
requireBuild()

/** Starts an entry point with node (the API: dist/main.js, what `npm start` runs), and waits for its first 200 on `probe`. */
async function start (entry: string, env: Record<string, string>, probe = '/health') {
  const started = performance.now()
  const child = spawn(process.execPath, entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry], {
    env: { ...process.env, ...benchServerEnv, ANSWER_CACHE_MB: args.warm ? '32' : '0', ...env }, stdio: ['ignore', 'inherit', 'inherit']
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  const url = `http://127.0.0.1:${env.PORT}${probe}`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`)
    const ok = await fetch(url).then((r) => r.status === 200, () => false)
    if (ok) return { child, firstAnswerMs: performance.now() - started }
    await sleep(5)
  }
}

async function stop (child: ChildProcess) {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/** The serving processes of a server: the process itself, or its cluster workers. */
function pidsOf (child: ChildProcess): number[] {
  const pids = [child.pid!]
  try {
    for (const task of readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)) {
      if (task) pids.push(Number(task))
    }
  } catch {}
  return pids
}
const statusKb = (pid: number, field: 'VmRSS' | 'VmHWM') => {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  } catch { return 0 }
}

/** Samples the resident memory of the processes every 50 ms; the peak of any one process and of their sum. */
function rssSampler (pids: number[]) {
  let peakOne = 0
  let peakSum = 0
  const timer = setInterval(() => {
    const each = pids.map((pid) => statusKb(pid, 'VmRSS'))
    peakOne = Math.max(peakOne, ...each)
    peakSum = Math.max(peakSum, each.reduce((a, b) => a + b, 0))
  }, 50)
  return () => {
    clearInterval(timer)
    const hwm = Math.max(...pids.map((pid) => statusKb(pid, 'VmHWM')))
    return { peakRssMb: Math.round(Math.max(peakOne, hwm) / 1024), peakRssSumMb: Math.round(peakSum / 1024) }
  }
}

/**
 * Waits until a server answers /health quickly again: a request autocannon gave up on may still be running (a
 * synchronous query cannot be cancelled), and its backlog must not be charged to the next endpoint.
 */
async function settle (base: string) {
  for (let i = 0; i < 600; i++) {
    const started = performance.now()
    await fetch(`${base}/health`).catch(() => undefined)
    if (performance.now() - started < 20) return
    await sleep(100)
  }
}

interface Load { rps: number, p50: number, p99: number, errors: number, statuses: Record<string, number>, mbPerSec: number }

async function load (url: string, headers: Record<string, string> = {}, options: { connections?: number, duration?: number } = {}): Promise<Load> {
  const result = await autocannon({
    url, headers, connections: options.connections ?? connections, duration: options.duration ?? duration, timeout: 60
  })
  return {
    // Slow endpoints (CSV, stats) finish a few requests a second: keep a decimal, or they all read 0.
    rps: result.requests.average < 10 ? Math.round(result.requests.total / result.duration * 10) / 10 : Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    statuses: { '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
    mbPerSec: Math.round(result.throughput.average / 1e6)
  }
}

function median (loads: Load[]): Load {
  const middle = <T>(values: T[], by: (v: T) => number) => [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]
  return {
    ...middle(loads, (l) => l.rps),
    p50: middle(loads.map((l) => l.p50), (v) => v),
    p99: middle(loads.map((l) => l.p99), (v) => v),
    errors: loads.reduce((sum, l) => sum + l.errors, 0)
  }
}

interface Endpoint {
  name: string
  path: string
  ceiling?: string
  headers?: Record<string, string>
  connections?: number
  target: string
  met: (own: Load, ceiling: Load | undefined, all: Record<string, Load>) => boolean
}

const apiPort = 3811
const ceilingPort = 3812
const api = `http://127.0.0.1:${apiPort}`
const ceiling = `http://127.0.0.1:${ceilingPort}`
const ratio = (own: Load, top: Load | undefined) => top && top.rps ? own.rps / top.rps : NaN

async function main () {
  const machine = {
    cpu: cpus()[0]?.model, cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), freeGb: Math.round(freemem() / 2 ** 30),
    node: process.version, database: args.db, connections, durationSeconds: duration
  }
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB, node ${machine.node}`)
  console.log('note: load generator, server and ceiling share these cores, and other work on the machine adds noise\n')

  // 1. Time to first answer on the seed database (already created: the second and later starts of `npm start`).
  const seedDir = mkdtempSync(join(tmpdir(), 'bench-seed-'))
  const seedDb = join(seedDir, 'seed.sqlite')
  prepareDatabase(seedDb)
  const startups: Record<string, number[]> = { 'WORKERS=1': [], 'WORKERS=2': [] }
  for (let i = 0; i < (args.quick ? 0 : 3); i++) {
    for (const workers of ['1', '2']) {
      const { child, firstAnswerMs } = await start(serverEntry, { PORT: String(apiPort), DATABASE_PATH: seedDb, WORKERS: workers })
      startups[`WORKERS=${workers}`].push(Math.round(firstAnswerMs))
      await stop(child)
    }
  }
  const freshDb = join(seedDir, 'fresh.sqlite')
  const fresh = await start(serverEntry, { PORT: String(apiPort), DATABASE_PATH: freshDb, WORKERS: '1' })
  await stop(fresh.child)
  rmSync(seedDir, { recursive: true, force: true })
  const firstAnswer = {
    medianMs: Object.fromEntries(Object.entries(startups).map(([k, v]) => [k, v.sort((a, b) => a - b)[1]])),
    runsMs: startups,
    emptyFileMs: Math.round(fresh.firstAnswerMs)
  }
  console.log(`first 200 on /health after process start (seed database): ${JSON.stringify(firstAnswer)}\n`)

  // 2. The endpoints against the ceiling, on the large database, one API worker against one ceiling process.
  const server = await start(serverEntry, { PORT: String(apiPort), DATABASE_PATH: args.db, WORKERS: '1' })
  const top = await start('bench/ceiling.ts', { PORT: String(ceilingPort), DATABASE_PATH: args.db })
  const deepId = 'fig-syn-0900000'
  const deepCursor = encodeCursor('id', [deepId])
  const detailPath = '/v1/figures/fig-syn-0500000'
  const etag = (await fetch(api + detailPath)).headers.get('etag') ?? ''
  const ceilingEtag = (await fetch(`${ceiling}/revalidate/fig-syn-0500000`)).headers.get('etag') ?? ''
  const csvPath = '/v1/figures?format=csv&unit=items&min_value=1000'
  const csvRows = ((await (await fetch(`${api}/v1/figures?unit=items&min_value=1000&limit=1&include_total=true`)).json()) as
    { page: { total: number } }).page.total

  const endpoints: Endpoint[] = [
    { name: '/health', path: '/health', ceiling: '/health', target: '>= 0.5 of a bare route', met: (o, c) => ratio(o, c) >= 0.5 },
    { name: 'detail', path: detailPath, ceiling: '/detail/fig-syn-0500000', target: '>= 0.6 of ceiling', met: (o, c) => ratio(o, c) >= 0.6 },
    { name: 'list page (50, embedded)', path: '/v1/figures?limit=50', ceiling: '/list', target: '>= 0.8 of ceiling', met: (o, c) => ratio(o, c) >= 0.8 },
    {
      name: 'filtered list', path: '/v1/figures?unit=accounts&action=closed', ceiling: '/filtered?unit=accounts&action=closed',
      target: '>= 0.7 of ceiling', met: (o, c) => ratio(o, c) >= 0.7
    },
    {
      name: 'deep page (after 900,000)', path: `/v1/figures?limit=50&cursor=${deepCursor}`, ceiling: `/deep?after=${deepId}`,
      target: 'cost <= 1.2x page one', met: (o, _c, all) => all['list page (50, embedded)'].rps / o.rps <= 1.2
    },
    {
      name: 'stats by year', path: '/v1/stats/figures?unit=accounts&action=closed&group_by=year', ceiling: '/stats?unit=accounts&action=closed&group_by=year',
      target: 'p99 < 50 ms', met: (o) => o.p99 < 50
    },
    {
      name: 'stats by category', path: '/v1/stats/figures?unit=accounts&action=closed&group_by=violation_category',
      ceiling: '/stats?unit=accounts&action=closed&group_by=violation_category', target: 'p99 < 50 ms', met: (o) => o.p99 < 50
    },
    { name: 'search, common word (q=accounts: 301,341 hits ranked)', path: '/v1/search?q=accounts', target: 'p99 < 20 ms', met: (o) => o.p99 < 20 },
    { name: 'search, rare word (q=weibo: 19 hits)', path: '/v1/search?q=weibo', target: 'p99 < 20 ms', met: (o) => o.p99 < 20 },
    {
      name: '304 revalidation', path: detailPath, headers: { 'if-none-match': etag }, ceiling: '/revalidate/fig-syn-0500000',
      target: '>= 0.8 of ceiling', met: (o, c) => ratio(o, c) >= 0.8 && o.statuses['3xx'] > 0
    },
    // Compression must cost nothing for clients that do not ask for it: the same 500-row page three ways.
    { name: 'list page (500), no Accept-Encoding', path: '/v1/figures?limit=500', target: 'compare with the next two', met: () => true },
    {
      name: 'list page (500), Accept-Encoding: gzip', path: '/v1/figures?limit=500', headers: { 'accept-encoding': 'gzip' },
      target: 'informational (CPU for ~10x fewer bytes)', met: () => true
    },
    {
      name: 'list page (500), Accept-Encoding: br', path: '/v1/figures?limit=500', headers: { 'accept-encoding': 'br' },
      target: 'informational (CPU for ~11x fewer bytes)', met: () => true
    },
    {
      name: `CSV export (${csvRows.toLocaleString('en-US')} rows, 4 conn.)`, path: csvPath, ceiling: '/csv?unit=items&min_value=1000',
      connections: 4, target: 'streamed (RSS below)', met: () => true
    }
  ]

  const results: Array<Record<string, unknown>> = []
  const byName: Record<string, Load> = {}
  const stopSampling = rssSampler(pidsOf(server.child))
  for (const endpoint of endpoints) {
    if (args.only && !endpoint.name.includes(args.only)) continue
    // The API and the ceiling take turns, several rounds each, and each figure is the median of its rounds: other
    // work on the machine then weighs on both sides alike.
    const options = { connections: endpoint.connections }
    const ceilingHeaders: Record<string, string> = endpoint.name.startsWith('304') ? { 'if-none-match': ceilingEtag } : {}
    await load(api + endpoint.path, endpoint.headers, { ...options, duration: 1 })
    if (endpoint.ceiling) await load(ceiling + endpoint.ceiling, ceilingHeaders, { ...options, duration: 1 })
    const ownRounds: Load[] = []
    const topRounds: Load[] = []
    for (let round = 0; round < rounds; round++) {
      await settle(api)
      ownRounds.push(await load(api + endpoint.path, endpoint.headers, options))
      await settle(api)
      if (endpoint.ceiling) {
        await settle(ceiling)
        topRounds.push(await load(ceiling + endpoint.ceiling, ceilingHeaders, options))
        await settle(ceiling)
      }
    }
    const own = median(ownRounds)
    const top = endpoint.ceiling ? median(topRounds) : undefined
    byName[endpoint.name] = own
    const row = {
      endpoint: endpoint.name, path: endpoint.path, rps: own.rps, p50: own.p50, p99: own.p99, errors: own.errors,
      statuses: own.statuses, mbPerSec: own.mbPerSec,
      ceilingRps: top?.rps, ceilingP99: top?.p99, ratio: top ? Number(ratio(own, top).toFixed(2)) : undefined,
      target: endpoint.target, met: endpoint.met(own, top, byName)
    }
    results.push(row)
    console.log(`${row.endpoint}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ceiling ${row.ceilingRps ?? '-'} req/s, ` +
      `ratio ${row.ratio ?? '-'}, ${row.target}: ${row.met ? 'met' : 'MISSED'}${own.errors ? ` (${own.errors} errors)` : ''}`)
  }
  const underLoad = stopSampling()
  await stop(server.child)
  await stop(top.child)

  if (args.quick) {
    printTable(results)
    return
  }

  // 3. A fresh server streaming every figure as CSV: its memory high-water mark while it does.
  const csvServer = await start(serverEntry, { PORT: String(apiPort), DATABASE_PATH: args.db, WORKERS: '1' })
  const idleRss = Math.round(statusKb(csvServer.child.pid!, 'VmRSS') / 1024)
  const sampleCsv = rssSampler([csvServer.child.pid!])
  const csvStarted = performance.now()
  const response = await fetch(`${api}/v1/figures?format=csv`)
  let bytes = 0
  let lines = 0
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length
    for (const byte of chunk) if (byte === 10) lines++
  }
  const csvSeconds = (performance.now() - csvStarted) / 1000
  const csvMemory = sampleCsv()
  await stop(csvServer.child)
  const fullCsv = {
    rows: lines - 1, megabytes: Math.round(bytes / 1e6), seconds: Number(csvSeconds.toFixed(1)),
    idleRssMb: idleRss, peakRssMb: csvMemory.peakRssMb, target: 'peak RSS < 200 MB', met: csvMemory.peakRssMb < 200
  }
  console.log(`\nfull CSV export: ${JSON.stringify(fullCsv)}`)
  const serverRss = { ...underLoad, target: 'RSS under load < 250 MB', met: underLoad.peakRssMb < 250 }
  console.log(`server RSS under load (one worker): ${JSON.stringify(serverRss)}`)

  // 4. Scaling: the cheap endpoints with one and with two workers (the load generator takes a core too).
  const scaling: Array<Record<string, unknown>> = []
  for (const workers of ['1', '2']) {
    const cluster = await start(serverEntry, { PORT: String(apiPort), DATABASE_PATH: args.db, WORKERS: workers })
    await sleep(500) // let every worker listen
    for (const [name, path] of [['detail', detailPath], ['list page', '/v1/figures?limit=50']]) {
      await load(api + path, {}, { duration: 1 })
      const own = await load(api + path)
      scaling.push({ workers: Number(workers), endpoint: name, rps: own.rps, p50: own.p50, p99: own.p99 })
      console.log(`WORKERS=${workers} ${name}: ${own.rps} req/s, p99 ${own.p99} ms`)
    }
    await stop(cluster.child)
  }

  printTable(results)
  mkdirSync('bench/results', { recursive: true })
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`
  writeFileSync(file, JSON.stringify({ machine, warm: args.warm, firstAnswer, endpoints: results, serverRss, fullCsv, scaling }, null, 2) + '\n')
  console.log(`\nwritten ${file}`)
}

function printTable (results: Array<Record<string, unknown>>) {
  console.log('\n| endpoint | req/s | p50 ms | p99 ms | ceiling req/s | ratio | target | met? |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |')
  for (const r of results) {
    if (r.note) {
      console.log(`| ${r.endpoint} | | | | | | ${r.target} | ${r.note} |`)
      continue
    }
    console.log(`| ${r.endpoint} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ceilingRps ?? ''} | ${r.ratio ?? ''} | ${r.target} | ${r.met ? 'met' : 'missed'} |`)
  }
}

await main()
process.exit(0)

import autocannon from 'autocannon'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, freemem, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchServerEnv, children, requireBenchDatabase, requireBuild, serverEntry, sleep } from './processes.js'
import { installPeers, peerDatabase, peerKey, platformaticConfig, platformaticEntry } from './peers.js'
import { encodeCursor } from '../src/lib/cursor.js'
import { prepareDatabase } from '../src/db/prepare.js'
import { listQuestions, readBenchValues, statsDimensions, statsQuestions } from './first-time.js'

// npm run bench: the API (dist/main.js, a child process), the ceiling (bench/ceiling.ts, another child) and the peer
// (Platformatic DB 2.x, bench/peers.ts) on the same synthetic rows, measured in one run with autocannon, taking
// turns, so that the ratios compare like with like on a noisy machine. The API runs with its production stack
// (security headers, rate limit with its maximum raised for one loopback client, request ids, ETags, one log line per
// request at info, written to /dev/null); its answer cache is off (cold) for the main table and on for the warm one.

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'data/bench-1000000.sqlite' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '50' },
    // Only the endpoints whose name contains it, or one group: search, list-first, stats-first, start-1m; several
    // comma-separated (--only list-first,stats-first).
    only: { type: 'string' },
    // Only the endpoint table: no startup on the seed, full-CSV or scaling runs, and 50 first-time questions a group
    // instead of 200 (for trying a change quickly).
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' }
  }
})
const duration = Number(args.duration)
const connections = Number(args.connections)
const rounds = Number(args.rounds)
requireBenchDatabase(args.db)
requireBuild()
/** Whether a group of measurements runs: all of them, or those whose name contains one of --only's. */
const wanted = (name: string) => !args.only || args.only.split(',').some((only) => only !== '' && name.includes(only))
/** Issue 13 times its first-time questions over 200 varied requests; --quick asks 50. */
const firstTimeCount = args.quick ? 50 : 200

/**
 * Starts an entry point with node (the API: dist/main.js, what `npm start` runs), and waits for its first 200 on
 * `probe`. Its standard output (the API's request log) goes to /dev/null: written, not kept.
 */
async function start (entry: string, env: Record<string, string>, probe = '/health', entryArgs: string[] = []) {
  const started = performance.now()
  const child = spawn(process.execPath, [...(entry.endsWith('.ts') ? ['--import', 'tsx'] : []), entry, ...entryArgs], {
    env: { ...process.env, ...benchServerEnv, LOG_LEVEL: 'info', ANSWER_CACHE_MB: '0', ...env }, stdio: ['ignore', 'ignore', 'inherit']
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  const url = `http://127.0.0.1:${env.PORT ?? env.PLT_PORT}${probe}`
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
  // 50 ms, not less: on a machine shared with other work a quiet server can take that long to answer.
  for (let i = 0; i < 100; i++) {
    const started = performance.now()
    await fetch(`${base}${base === peer ? peerProbe : '/health'}`).catch(() => undefined)
    if (performance.now() - started < 50) return
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
  /** The same question to Platformatic DB. */
  peer?: string
  headers?: Record<string, string>
  connections?: number
  target: string
  met: (own: Load, ceiling: Load | undefined, all: Record<string, Load>, peer: Load | undefined) => boolean
}

const apiPort = 3811
const ceilingPort = 3812
const peerPort = 3813
const api = `http://127.0.0.1:${apiPort}`
const ceiling = `http://127.0.0.1:${ceilingPort}`
const peer = `http://127.0.0.1:${peerPort}`
/** Platformatic has no health route: its smallest question. */
const peerProbe = '/figures?limit=1'

type Row = Record<string, unknown>

/**
 * Each endpoint on the API, the ceiling and the peer in turn, several rounds each, each figure the median of its
 * rounds: other work on the machine then weighs on all sides alike.
 */
async function measureAll (endpoints: Endpoint[], { ceilingEtag }: { ceilingEtag: string }, label: string): Promise<Row[]> {
  const results: Row[] = []
  const byName: Record<string, Load> = {}
  for (const endpoint of endpoints) {
    if (!wanted(endpoint.name)) continue
    const options = { connections: endpoint.connections }
    const ceilingHeaders: Record<string, string> = endpoint.name.startsWith('304') ? { 'if-none-match': ceilingEtag } : {}
    const sides = [
      { base: api, path: endpoint.path, headers: endpoint.headers ?? {}, rounds: [] as Load[] },
      ...(endpoint.ceiling ? [{ base: ceiling, path: endpoint.ceiling, headers: ceilingHeaders, rounds: [] as Load[] }] : []),
      ...(endpoint.peer ? [{ base: peer, path: endpoint.peer, headers: {}, rounds: [] as Load[] }] : [])
    ]
    for (const side of sides) await load(side.base + side.path, side.headers, { ...options, duration: 1 })
    for (let round = 0; round < rounds; round++) {
      for (const side of sides) {
        await settle(side.base)
        side.rounds.push(await load(side.base + side.path, side.headers, options))
        await settle(side.base)
      }
    }
    const [own, top, other] = [api, ceiling, peer].map((base) => {
      const side = sides.find((s) => s.base === base)
      return side ? median(side.rounds) : undefined
    })
    byName[endpoint.name] = own!
    const row = {
      endpoint: endpoint.name, path: endpoint.path, rps: own!.rps, p50: own!.p50, p99: own!.p99, errors: own!.errors,
      statuses: own!.statuses, mbPerSec: own!.mbPerSec,
      ceilingRps: top?.rps, ceilingP99: top?.p99, ratio: top ? Number(ratio(own!, top).toFixed(2)) : undefined,
      peerRps: other?.rps, peerP99: other?.p99, peerStatuses: other?.statuses,
      peerRatio: other ? Number(ratio(own!, other).toFixed(2)) : undefined,
      target: endpoint.target, met: endpoint.met(own!, top, byName, other)
    }
    results.push(row)
    console.log(`${label} ${row.endpoint}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ceiling ${row.ceilingRps ?? '-'} req/s, ` +
      `ratio ${row.ratio ?? '-'}, Platformatic ${row.peerRps ?? '-'} req/s, ratio ${row.peerRatio ?? '-'}, ${row.target}: ` +
      `${row.met ? 'met' : 'MISSED'}${own!.errors ? ` (${own!.errors} errors)` : ''}`)
  }
  return results
}

// Common words: each in more than 50,000 of the ~1.8 million records of the million-figure database (the synthetic
// figures' wording); rare words: real names in the seed, in a few dozen records.
const commonWords = ['accounts', 'handled', 'deleted', 'posts', 'campaign', 'closed', 'items', 'people', 'online', 'report',
  'enforcement', 'intercepted', 'xinhua', 'reuters', 'banned', 'suspended', 'videos', 'websites', 'permanently', 'functions']
const rareWords = ['weibo', 'douyin', 'kuaishou', 'bilibili', 'wechat', 'baidu', 'zhihu', 'xiaohongshu', 'qinglang', 'toutiao',
  'miit', 'samr', 'censorship', 'rumours', 'tencent', 'minors', 'fandom', 'celebrity', 'cyberspace', 'algorithm']

interface Percentiles { requests: number, p50: number, p99: number, max: number }
interface Latency extends Percentiles { hits: Record<string, number> }

/** p50, p99 and max of some times in ms (the nearest-rank value: p99 of 200 is the second slowest). */
function percentiles (times: number[]): Percentiles {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (share: number) => Number(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)].toFixed(1))
  return { requests: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) }
}

/** One connection, each word asked in turn (10 times each, 200 requests a kind), with the answer cache off. */
async function searchLatencies (): Promise<Record<'common' | 'rare', Latency>> {
  const measure = async (words: string[]): Promise<Latency> => {
    const times: number[] = []
    const hits: Record<string, number> = {}
    for (const word of words) {
      const answer = (await (await fetch(`${api}/v1/search?q=${word}&limit=1&include_total=true`)).json()) as { page: { total: number } }
      hits[word] = answer.page.total
    }
    await settle(api)
    for (let round = 0; round < 10; round++) {
      for (const word of words) {
        const started = performance.now()
        const response = await fetch(`${api}/v1/search?q=${word}`)
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`/v1/search?q=${word} answered ${response.status}`)
        times.push(performance.now() - started)
      }
    }
    return { ...percentiles(times), hits }
  }
  const result = { common: await measure(commonWords), rare: await measure(rareWords) }
  console.log(`search, one connection: ${JSON.stringify({ common: { ...result.common, hits: undefined }, rare: { ...result.rare, hits: undefined } })}`)
  return result
}

interface FirstTime extends Percentiles {
  /** Answer sizes in bytes. */
  bytes: { p50: number, max: number }
  slowest: Array<{ url: string, ms: number, bytes: number }>
}

/**
 * Each URL asked once, in turn, on one connection: the first time the server is asked it (the URLs are distinct and
 * the answer cache is off). Every answer must be a 200.
 */
async function firstTimeLatencies (urls: string[]): Promise<FirstTime> {
  const answers: Array<{ url: string, ms: number, bytes: number }> = []
  for (const url of urls) {
    const started = performance.now()
    const response = await fetch(api + url)
    const bytes = (await response.arrayBuffer()).byteLength
    const ms = performance.now() - started
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
    answers.push({ url, ms: Number(ms.toFixed(1)), bytes })
  }
  const sizes = percentiles(answers.map((a) => a.bytes))
  return {
    ...percentiles(answers.map((a) => a.ms)),
    bytes: { p50: sizes.p50, max: sizes.max },
    slowest: [...answers].sort((a, b) => b.ms - a.ms).slice(0, 5)
  }
}

const describe = (t: FirstTime) => `p50 ${t.p50} ms, p99 ${t.p99} ms, max ${t.max} ms, ${t.requests} distinct requests, ` +
  `answers p50 ${kb(t.bytes.p50)}, max ${kb(t.bytes.max)}; slowest ${t.slowest[0]?.url} (${t.slowest[0]?.ms} ms)`
/** The group's line: its figures and its three slowest questions. */
const report = (label: string, t: FirstTime) => console.log(`${label}: ${describe(t)}\n  slowest: ` +
  t.slowest.slice(0, 3).map((a) => `${a.url} ${a.ms} ms`).join(', '))
const kb = (bytes: number) => bytes < 1e6 ? `${Math.round(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`

interface FirstTimeResults {
  list?: FirstTime
  stats?: { alone: FirstTime, oneFilter: FirstTime, byCampaignOrSource: FirstTime }
}

/**
 * Issue 13's first-time questions, each group on a fresh server (WORKERS=1, answer cache off), so that a group's
 * figures do not depend on what else the run asked before: list pages under the documented sorts and the README's
 * list questions, and totals by each dimension, alone and with one filter.
 */
async function firstTimeQuestions (): Promise<FirstTimeResults> {
  const results: FirstTimeResults = {}
  if (!wanted('list-first') && !wanted('stats-first')) return results
  const values = readBenchValues(args.db)
  // One question of the same kind that is not in the set, first: the first request a process answers also pays for
  // its own warming (code compiled, pages of the file read), which is not what "the first time a query is asked" means.
  const onFreshServer = async <T>(warmUp: string, measure: () => Promise<T>): Promise<T> => {
    const server = await start(serverEntry, { PORT: String(apiPort), DATABASE_PATH: args.db, WORKERS: '1' })
    try {
      await (await fetch(api + warmUp)).arrayBuffer()
      return await measure()
    } finally {
      await stop(server.child)
    }
  }
  if (wanted('list-first')) {
    results.list = await onFreshServer('/v1/regulators?sort=-id', () => firstTimeLatencies(listQuestions(values, firstTimeCount)))
    report('list pages (documented sorts, README list questions), first time, one connection', results.list)
  }
  if (wanted('stats-first')) {
    const questions = statsQuestions(values, firstTimeCount, args.quick ? 4 : 8)
    results.stats = await onFreshServer('/v1/stats/figures?campaign=camp-qinglang-2023-self-media&group_by=unit,action', async () => ({
      alone: await firstTimeLatencies(questions.alone),
      oneFilter: await firstTimeLatencies(questions.oneFilter),
      byCampaignOrSource: await firstTimeLatencies(questions.perRecord)
    }))
    report(`stats by ${statsDimensions.join('/')}, measure alone, first time, one connection`, results.stats.alone)
    report(`stats by ${statsDimensions.join('/')}, measure + one filter, first time, one connection`, results.stats.oneFilter)
    report('stats by campaign/source (informational: one row per campaign or source), first time', results.stats.byCampaignOrSource)
  }
  return results
}

interface StartOnBench { runsMs: number[], medianMs: number, maxMs: number }

/**
 * Start on the bench file as it is: the run has already served it once, so it was checked and its downloads and
 * manifest built (what a first start does); every start after that only sees that it is unchanged.
 */
async function startsOnBench (runs: number): Promise<StartOnBench> {
  const runsMs: number[] = []
  for (let i = 0; i < runs; i++) {
    const { child, firstAnswerMs } = await start(serverEntry, { PORT: String(apiPort), DATABASE_PATH: args.db, WORKERS: '1' })
    runsMs.push(Math.round(firstAnswerMs))
    await stop(child)
  }
  const sorted = [...runsMs].sort((a, b) => a - b)
  const result = { runsMs, medianMs: sorted[Math.floor(sorted.length / 2)], maxMs: sorted[sorted.length - 1] }
  console.log(`first 200 on /health after process start, unchanged ${args.db} (WORKERS=1): ${JSON.stringify(result)}`)
  return result
}

interface Target { target: string, measured: string, met: boolean | undefined }

/** Every target of issue 13 this run measures, with its figure. */
function targetTable (cold: Row[], warm: Row[], search: Record<'common' | 'rare', Latency> | undefined,
  firstTime: FirstTimeResults, startOnBench: StartOnBench | undefined): Target[] {
  const find = (rows: Row[], name: string) => rows.find((r) => String(r.endpoint).startsWith(name))
  const targets: Target[] = []
  const versus = (rows: Row[], name: string, key: 'ratio' | 'peerRatio', atLeast: number, what: string, strict = false) => {
    const row = find(rows, name)
    const value = row?.[key] as number | undefined
    targets.push({
      target: what,
      measured: row && value !== undefined ? `${value} (${row.rps} vs ${key === 'ratio' ? row.ceilingRps : row.peerRps} req/s)` : 'not measured',
      met: value === undefined ? undefined : strict ? value > atLeast : value >= atLeast
    })
  }
  versus(cold, '/health', 'ratio', 0.5, '/health >= 0.5x a bare Fastify route')
  versus(cold, 'detail', 'ratio', 0.6, 'detail >= 0.6x the same-shape ceiling (cold)')
  versus(cold, 'list page (50', 'ratio', 0.8, 'list of 50 >= 0.8x the same-shape ceiling (cold)')
  for (const [rows, label] of [[cold, 'cold'], [warm, 'warm']] as const) {
    versus(rows, 'list page (50', 'peerRatio', 1, `list of 50 ahead of Platformatic DB (${label})`, true)
    versus(rows, 'detail', 'peerRatio', 1, `detail ahead of Platformatic DB (${label})`, true)
    versus(rows, 'filtered list', 'peerRatio', 1, `filtered list ahead of Platformatic DB (${label})`, true)
  }
  for (const [kind, limit] of [['common', 50], ['rare', 10]] as const) {
    const measured = search?.[kind]
    targets.push({
      target: `search, ${kind} word, first page, one connection, cold: p99 < ${limit} ms`,
      measured: measured ? `p99 ${measured.p99} ms (p50 ${measured.p50}, ${measured.requests} requests, ${Object.keys(measured.hits).length} words of ` +
        `${Math.min(...Object.values(measured.hits)).toLocaleString('en-US')}-${Math.max(...Object.values(measured.hits)).toLocaleString('en-US')} hits)` : 'not measured',
      met: measured ? measured.p99 < limit : undefined
    })
  }
  const under = (target: string, measured: FirstTime | undefined, limit: number) => targets.push({
    target: `${target}: p99 < ${limit} ms`, measured: measured ? describe(measured) : 'not measured', met: measured ? measured.p99 < limit : undefined
  })
  under('list page, documented sorts and README list questions, first time, one connection, cold', firstTime.list, 20)
  under('stats by any dimension, one measure, first time, one connection, cold', firstTime.stats?.alone, 50)
  under('stats by any dimension with one filter, first time, one connection, cold', firstTime.stats?.oneFilter, 50)
  for (const name of ['stats by year', 'stats by category']) {
    const row = find(cold, name)
    targets.push({ target: `${name}, 50 connections: p99 < 50 ms`, measured: row ? `p99 ${row.p99} ms` : 'not measured', met: row ? Boolean(row.met) : undefined })
  }
  targets.push({
    target: 'start on an unchanged million-figure file, first 200 on /health: < 2 s (median)',
    measured: startOnBench ? `median ${startOnBench.medianMs} ms, max ${startOnBench.maxMs} ms (${startOnBench.runsMs.length} starts)` : 'not measured',
    met: startOnBench ? startOnBench.medianMs < 2000 : undefined
  })
  return targets
}

function printTargets (targets: Target[]) {
  console.log('\n| target (issue 13) | measured | met? |')
  console.log('| --- | --- | --- |')
  for (const t of targets) console.log(`| ${t.target} | ${t.measured} | ${t.met === undefined ? 'not measured' : t.met ? 'met' : 'missed'} |`)
}
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

  // 2. The endpoints against the ceiling and the peer, on the large database, one process each. The ceiling and the
  // peer are started only when --only leaves an endpoint that needs them (the peer's copy of the figures is built once).
  const server = await start(serverEntry, { PORT: String(apiPort), DATABASE_PATH: args.db, WORKERS: '1' })
  const comparedNames = ['detail', 'list page (50, embedded)', 'filtered list']
  const peerPath = comparedNames.some(wanted) ? (installPeers(), peerDatabase(args.db)) : undefined
  const deepId = 'fig-syn-0900000'
  const deepCursor = encodeCursor('id', [deepId])
  const detailId = 'fig-syn-0500000'
  const detailPath = `/v1/figures/${detailId}`
  const etag = (await fetch(api + detailPath)).headers.get('etag') ?? ''
  const csvPath = '/v1/figures?format=csv&unit=items&min_value=1000'
  const csvRows = ((await (await fetch(`${api}/v1/figures?unit=items&min_value=1000&limit=1&include_total=true`)).json()) as
    { page: { total: number } }).page.total
  const searchHits = async (q: string) => ((await (await fetch(`${api}/v1/search?q=${q}&limit=1&include_total=true`)).json()) as
    { page: { total: number } }).page.total.toLocaleString('en-US')

  // The three questions asked of all three servers: the same rows in the same order (by id), 50 a page.
  const compared: Endpoint[] = [
    {
      name: 'detail', path: detailPath, ceiling: `/detail/${detailId}`, peer: peerPath && `/figures/${peerKey(peerPath, detailId)}`,
      target: '>= 0.6 of ceiling, ahead of Platformatic', met: (o, c, _a, p) => ratio(o, c) >= 0.6 && ratio(o, p) > 1
    },
    {
      name: 'list page (50, embedded)', path: '/v1/figures?limit=50', ceiling: '/list', peer: '/figures?limit=50&orderby.id=asc',
      target: '>= 0.8 of ceiling, ahead of Platformatic', met: (o, c, _a, p) => ratio(o, c) >= 0.8 && ratio(o, p) > 1
    },
    {
      name: 'filtered list', path: '/v1/figures?unit=accounts&action=closed', ceiling: '/filtered?unit=accounts&action=closed',
      peer: '/figures?limit=50&where.unit.eq=accounts&where.action.eq=closed&orderby.id=asc',
      target: 'ahead of Platformatic', met: (o, _c, _a, p) => ratio(o, p) > 1
    }
  ]
  const endpoints: Endpoint[] = [
    { name: '/health', path: '/health', ceiling: '/health', target: '>= 0.5 of a bare route', met: (o, c) => ratio(o, c) >= 0.5 },
    ...compared,
    {
      name: 'deep page (after 900,000)', path: `/v1/figures?limit=50&cursor=${deepCursor}`, ceiling: `/deep?after=${deepId}`,
      target: 'cost <= 1.2x page one', met: (o, _c, all) => all['list page (50, embedded)'] !== undefined && all['list page (50, embedded)'].rps / o.rps <= 1.2
    },
    {
      name: 'stats by year', path: '/v1/stats/figures?unit=accounts&action=closed&group_by=year', ceiling: '/stats?unit=accounts&action=closed&group_by=year',
      target: 'p99 < 50 ms', met: (o) => o.p99 < 50
    },
    {
      name: 'stats by category', path: '/v1/stats/figures?unit=accounts&action=closed&group_by=violation_category',
      ceiling: '/stats?unit=accounts&action=closed&group_by=violation_category', target: 'p99 < 50 ms', met: (o) => o.p99 < 50
    },
    {
      name: `search, common word (q=accounts: ${await searchHits('accounts')} hits), 50 conn.`, path: '/v1/search?q=accounts',
      target: 'informational (one connection below)', met: () => true
    },
    {
      name: `search, rare word (q=weibo: ${await searchHits('weibo')} hits), 50 conn.`, path: '/v1/search?q=weibo',
      target: 'informational (one connection below)', met: () => true
    },
    {
      name: '304 revalidation', path: detailPath, headers: { 'if-none-match': etag }, ceiling: `/revalidate/${detailId}`,
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

  const top = endpoints.some((e) => e.ceiling && wanted(e.name))
    ? await start('bench/ceiling.ts', { PORT: String(ceilingPort), DATABASE_PATH: args.db })
    : undefined
  const platformatic = peerPath
    ? await start(platformaticEntry, { PLT_PORT: String(peerPort), PLT_DATABASE_PATH: peerPath }, peerProbe, ['start', '-c', platformaticConfig])
    : undefined
  const ceilingEtag = top ? (await fetch(`${ceiling}/revalidate/${detailId}`)).headers.get('etag') ?? '' : ''

  const stopSampling = rssSampler(pidsOf(server.child))
  const results = await measureAll(endpoints, { ceilingEtag }, 'cold')
  // The search questions of issue 13: one connection, answer cache off, each word asked in turn, p99 of each kind.
  const searchLatency = wanted('search') ? await searchLatencies() : undefined
  const underLoad = stopSampling()
  await stop(server.child)

  // 3. The same three questions with the answer cache on (warm: repeated questions are answered from memory).
  let warm: Row[] = []
  if (comparedNames.some(wanted)) {
    const warmServer = await start(serverEntry, { PORT: String(apiPort), DATABASE_PATH: args.db, WORKERS: '1', ANSWER_CACHE_MB: '32' })
    warm = await measureAll(compared, { ceilingEtag }, 'warm')
    await stop(warmServer.child)
  }
  if (top) await stop(top.child)
  if (platformatic) await stop(platformatic.child)

  // 4. Issue 13's first-time questions (one connection, distinct URLs, answer cache off), and starts on the bench file,
  // which the servers above have already served once: checked, its downloads and manifest built, now unchanged.
  const firstTime = await firstTimeQuestions()
  const startOnBench = wanted('start-1m') ? await startsOnBench(3) : undefined
  const targets = targetTable(results, warm, searchLatency, firstTime, startOnBench)
  printTargets(targets)

  if (args.quick) {
    printTable(results, warm)
    printTargets(targets)
    return
  }

  // 5. A fresh server streaming every figure as CSV: its memory high-water mark while it does.
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

  // 6. Scaling: the cheap endpoints with one and with two workers (the load generator takes a core too).
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

  printTable(results, warm)
  printTargets(targets)
  mkdirSync('bench/results', { recursive: true })
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`
  writeFileSync(file, JSON.stringify({
    machine, targets, firstAnswer, endpoints: results, warm, searchLatency, firstTime, startOnBench, serverRss, fullCsv, scaling
  }, null, 2) + '\n')
  console.log(`\nwritten ${file}`)
}

function printTable (results: Row[], warm: Row[]) {
  console.log('\n| endpoint | req/s | p50 ms | p99 ms | ceiling req/s | ratio | Platformatic req/s | ratio | target | met? |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |')
  for (const [rows, label] of [[results, 'cold'], [warm, 'warm']] as const) {
    for (const r of rows) {
      console.log(`| ${r.endpoint} (${label}) | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ceilingRps ?? ''} | ${r.ratio ?? ''} | ` +
        `${r.peerRps ?? ''} | ${r.peerRatio ?? ''} | ${r.target} | ${r.met ? 'met' : 'missed'} |`)
    }
  }
}

await main()
process.exit(0)

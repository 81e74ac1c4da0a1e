import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildApp } from '../src/app.js'
import { prepareDatabase } from '../src/db/prepare.js'
import { rememberedTotals } from '../src/db/queries/stats.js'
import { figures } from '../src/resources/figures.js'

// npm run bench:cache-accounting [-- --mb 16 --requests 6000 --page 50]   (--mb 0: the answer cache off)
// How honest the caches' counts are: fills the answer cache (and the totals) with distinct answers (lists, searches
// in English and Chinese, totals; identity, gzip and br), then empties each, and compares the memory that emptying
// gave back (V8 heap and buffers, after full GCs) with the bytes the cache counted. 1.0: it holds what it counts.
const { values: args } = parseArgs({ options: { mb: { type: 'string', default: '16' }, requests: { type: 'string', default: '6000' }, page: { type: 'string', default: '50' } } })
const gc = globalThis.gc
if (!gc) throw new Error('needs node --expose-gc (npm run bench:cache-accounting passes it)')

const dir = mkdtempSync(join(tmpdir(), 'cache-accounting-'))
const databasePath = join(dir, 'seed.sqlite')
prepareDatabase(databasePath)
const app = await buildApp({
  databasePath,
  fastify: { logger: false },
  rateLimit: { max: 1_000_000 },
  loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 },
  answerCache: { maxEntries: 100_000, maxBytes: Number(args.mb) * 1024 * 1024 }
})
await app.ready()

/** The i-th question: mostly lists of 1 to --page figures, as bench/memory.ts asks, with searches and totals. */
function question (i: number): string {
  const fields = Object.keys(figures.sort)
  const first = i % fields.length
  const sort = `${i % 2 ? '-' : ''}${fields[first]},${fields[(first + 1 + Math.floor(i / 7) % (fields.length - 1)) % fields.length]}`
  const words = ['weibo', 'accounts', 'douyin', '自媒体', '谣言', '删除', 'campaign', 'posts', '网络', '账号']
  const types = ['campaign', 'figure', 'source', 'campaign,figure', 'figure,source']
  const dimensions = ['year', 'regulator', 'platform', 'campaign', 'source']
  if (i % 32 === 1) return `/v1/stats/figures?group_by=unit,action,${dimensions[i % dimensions.length]}&min_value=${i % 997}`
  if (i % 4 === 3) return `/v1/search?q=${encodeURIComponent(words[i % words.length])}&type=${types[Math.floor(i / 40) % types.length]}&limit=${1 + (Math.floor(i / 200) % page)}`
  return `/v1/figures?sort=${sort}&min_value=${i % 997}&limit=${1 + (i % page)}`
}
const page = Number(args.page)
const codings = ['br', 'gzip', 'identity']

function settled () {
  for (let i = 0; i < 3; i++) gc!()
  return process.memoryUsage()
}
const mb = (bytes: number) => Math.round(bytes / 1024 / 10.24) / 100
const ratio = (held: number, counted: number) => Math.round(held / counted * 100) / 100

// Lazy state (compiled code, serializers, prepared statements) made before the first reading.
for (let i = 0; i < 400; i++) await app.inject({ url: question(i), headers: { 'accept-encoding': codings[i % 3] } })
app.answerCache?.clear()
rememberedTotals(app.db)?.clear()
const before = settled()
const statuses: Record<number, number> = {}
for (let i = 0; i < Number(args.requests); i++) {
  const response = await app.inject({ url: question(i), headers: { 'accept-encoding': codings[Math.floor(i / 4) % 3] } })
  statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1
}
const answers = app.answerCache
const totals = rememberedTotals(app.db)!
const counted = { answers: answers?.calculatedSize ?? 0, totals: totals.calculatedSize }
const entries = { answers: answers?.size ?? 0, totals: totals.size }
const full = settled()
answers?.clear()
const withoutAnswers = settled()
totals.clear()
const withoutEither = settled()

const held = (from: NodeJS.MemoryUsage, to: NodeJS.MemoryUsage) => (from.heapUsed + from.external) - (to.heapUsed + to.external)
const answersHeld = held(full, withoutAnswers)
const totalsHeld = held(withoutAnswers, withoutEither)
console.log(JSON.stringify({
  statuses,
  answers: answers && { entries: entries.answers, countedMb: mb(counted.answers), heldMb: mb(answersHeld), ratio: ratio(answersHeld, counted.answers) },
  totals: { entries: entries.totals, countedMb: mb(counted.totals), heldMb: mb(totalsHeld), ratio: ratio(totalsHeld, counted.totals) },
  rssMb: { start: mb(before.rss), full: mb(full.rss) }
}))
await app.close()
rmSync(dir, { recursive: true, force: true })

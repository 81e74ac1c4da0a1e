import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchServerEnv, children, sleep } from './processes.js'
import { prepareDatabase } from '../src/db/prepare.js'
import { figures } from '../src/resources/figures.js'

// npm run bench:memory: one client sends 10,000 distinct questions (sorts, filters, searches: each a new SQL shape
// or a new answer), then stays quiet for a minute; the server's RSS at start, at its peak and at the end.
// Target: the end within 50 MB of the start (every cache bounded).
const { values: args } = parseArgs({ options: { db: { type: 'string' }, requests: { type: 'string', default: '10000' }, quiet: { type: 'string', default: '60' } } })
const port = 3821
const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'))
const database = args.db ?? join(dir, 'seed.sqlite')
if (!args.db) prepareDatabase(database)

const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024)

/** The i-th question: a sort of two or three keys in any direction, a filter, a search word, a page size. */
function question (i: number): string {
  const fields = Object.keys(figures.sort)
  const pick = (n: number) => fields[n % fields.length]
  const sign = (n: number) => (n % 2 ? '-' : '')
  const keys = [...new Set([pick(i), pick(Math.floor(i / 10)), pick(Math.floor(i / 100))])]
  const sort = keys.map((key, k) => sign(Math.floor(i / (2 ** k))) + key).join(',')
  const filters = [`min_value=${i % 997}`, 'unit=accounts', 'qualifier=over', `from=${2015 + (i % 11)}`, 'preferred=true']
  const filter = filters[i % filters.length]
  const words = ['weibo', 'accounts', 'douyin', 'rumour', 'self', 'media', '自媒体', 'campaign', 'posts', 'deleted']
  return i % 4 === 3
    ? `/v1/search?q=${encodeURIComponent(words[i % words.length])}&limit=${1 + (i % 50)}`
    : `/v1/figures?sort=${sort}&${filter}&limit=${1 + (i % 50)}`
}

const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  env: { ...process.env, ...benchServerEnv, PORT: String(port), DATABASE_PATH: database, WORKERS: '1' }, stdio: ['ignore', 'inherit', 'inherit']
})
children.add(server)
for (;;) {
  if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) break
  await sleep(50)
}
for (let i = 0; i < 200; i++) await fetch(`http://127.0.0.1:${port}/v1/figures?limit=10`).then((r) => r.arrayBuffer())
const start = rssMb(server.pid!)
let peak = start
const statuses: Record<number, number> = {}
const total = Number(args.requests)
for (let i = 0; i < total; i++) {
  const response = await fetch(`http://127.0.0.1:${port}${question(i)}`)
  await response.arrayBuffer()
  statuses[response.status] = (statuses[response.status] ?? 0) + 1
  if (i % 100 === 0) peak = Math.max(peak, rssMb(server.pid!))
}
peak = Math.max(peak, rssMb(server.pid!))
await sleep(Number(args.quiet) * 1000)
const end = rssMb(server.pid!)
const result = { requests: total, statuses, rssStartMb: start, rssPeakMb: peak, rssEndMb: end, growthMb: end - start, target: 'end within 50 MB of start', met: end - start <= 50 }
console.log(JSON.stringify(result))
server.kill('SIGTERM')
rmSync(dir, { recursive: true, force: true })
process.exit(0)

import { readFileSync, writeFileSync } from 'node:fs'
import { startServer } from '../test/server-process.js'

// Soak: the real server as a child process, SOAK_SECONDS (default 600) of mixed normal and hostile traffic on
// loopback. Prints requests served by status class, 5xx (must be 0) and the server's RSS at start, peak and end.
const seconds = Number(process.env.SOAK_SECONDS ?? 600)
const concurrency = Number(process.env.SOAK_CONCURRENCY ?? 16)

const normal = [
  '/v1/campaigns', '/v1/campaigns?sort=-window_from&limit=5', '/v1/campaigns/camp-qinglang-2023-self-media',
  '/v1/figures?sort=-value&limit=10', '/v1/figures?limit=500', '/v1/figures?format=csv', '/v1/figures/fig-015',
  '/v1/regulators', '/v1/regulators/reg-cac', '/v1/platforms', '/v1/platforms/plat-weibo', '/v1/violation-categories',
  '/v1/sources?sort=-date', '/v1/stats/figures', '/v1/figures?fields=id,value&include_total=true', '/health', '/openapi.json'
]
const junk = () => {
  const pieces = ['%', '%zz', '%E0%A4%A', '\u0000', '😀', '𝕏', '\u202e', "'; DROP TABLE figures;--", '../../etc/passwd', '-1', '1e309',
    'NaN', '9'.repeat(40), '<script>', '{"$ne":1}', ',,,', 'null', '']
  let value = ''
  for (let i = Math.floor(Math.random() * 4); i >= 0; i--) value += pieces[Math.floor(Math.random() * pieces.length)]
  return Math.random() < 0.05 ? value + 'x'.repeat(8000) : value
}
const params = ['limit', 'cursor', 'sort', 'fields', 'format', 'include_total', 'q', 'regulator', 'platform', 'unit', 'from', 'to', 'id']
const lists = ['/v1/campaigns', '/v1/figures', '/v1/regulators', '/v1/platforms', '/v1/violation-categories', '/v1/sources', '/v1/stats/figures']
function hostile (): { url: string, init: RequestInit } {
  const list = lists[Math.floor(Math.random() * lists.length)]
  const raw = (s: string) => encodeURIComponent(s).replace(/%25/g, Math.random() < 0.3 ? '%' : '%25')
  switch (Math.floor(Math.random() * 6)) {
    case 0: return { url: `${list}?${params[Math.floor(Math.random() * params.length)]}=${raw(junk())}`, init: {} }
    case 1: return { url: `${list}?limit=1&limit=2&sort=id&sort=-id`, init: {} }
    case 2: return { url: `${list}/${raw(junk()).slice(0, 400)}`, init: {} }
    case 3: return { url: list, init: { method: 'POST', body: 'x'.repeat(Math.random() < 0.5 ? 100 : 40_000), headers: { 'content-type': 'application/json' } } }
    case 4: return { url: list, init: { headers: { accept: 'application/xml', 'if-none-match': encodeURIComponent(junk().slice(0, 200)) || 'x' } } }
    default: return { url: `${list}?cursor=${raw(Buffer.from(junk()).toString('base64url'))}`, init: {} }
  }
}

// A limit the single-address client reaches within a minute or two; the others rotate addresses.
const server = await startServer({ LOG_LEVEL: 'warn', TRUST_PROXY: 'true', RATE_LIMIT_MAX: process.env.RATE_LIMIT_MAX ?? '300' })
const pid = server.child.pid as number
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
const rss = { start: rssMb(), peak: 0, end: 0 }
rss.peak = rss.start
const sampler = setInterval(() => { rss.peak = Math.max(rss.peak, rssMb()) }, 1000)

const counts: Record<string, number> = {}
const fivexx: string[] = []
let errors = 0
const until = Date.now() + seconds * 1000
// Normal clients each look like a different address (X-Forwarded-For, TRUST_PROXY=true); one abusive client also
// hammers from a single address and meets the rate limit.
async function client (n: number) {
  for (let i = 0; Date.now() < until; i++) {
    const isHostile = n % 4 === 0
    const { url, init } = isHostile ? hostile() : { url: normal[i % normal.length], init: {} }
    const forwardedFor = n === 0 ? '203.0.113.66' : `10.${n}.${(i >> 8) & 255}.${i & 255}`
    try {
      const response = await fetch(server.base + url, { ...init, headers: { ...init.headers as Record<string, string>, 'x-forwarded-for': forwardedFor } })
      await response.arrayBuffer()
      const key = `${response.status}`
      counts[key] = (counts[key] ?? 0) + 1
      if (response.status >= 500 && fivexx.length < 20) fivexx.push(`${response.status} ${init.method ?? 'GET'} ${url.slice(0, 200)}`)
    } catch (error) {
      errors++
      if (errors < 5) console.error(`client error on ${url.slice(0, 200)}: ${(error as Error).message}`)
    }
  }
}
const started = Date.now()
const progress = setInterval(() => {
  const served = Object.values(counts).reduce((a, b) => a + b, 0)
  console.error(`${Math.round((Date.now() - started) / 1000)} s: ${served} requests, RSS ${rssMb().toFixed(1)} MB`)
}, 60_000)
await Promise.all(Array.from({ length: concurrency }, (_, n) => client(n)))
clearInterval(progress)
clearInterval(sampler)
rss.end = rssMb()
rss.peak = Math.max(rss.peak, rss.end)
const served = Object.values(counts).reduce((a, b) => a + b, 0)
const serverErrors = Object.entries(counts).filter(([status]) => Number(status) >= 500).reduce((a, [, n]) => a + n, 0)
const exitCode = await server.stop()
const report = {
  seconds,
  concurrency,
  requests_served: served,
  requests_per_second: Math.round(served / ((Date.now() - started) / 1000)),
  by_status: counts,
  server_errors_5xx: serverErrors,
  examples_5xx: fivexx,
  client_errors: errors,
  rss_mb: { start: +rss.start.toFixed(1), peak: +rss.peak.toFixed(1), end: +rss.end.toFixed(1) },
  server_exit_code: exitCode,
  server_warnings: server.output().split('\n').filter((line) => line.includes('"level":40') || line.includes('"level":50')).length
}
console.log(JSON.stringify(report, null, 2))
writeFileSync(new URL(`results/soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, import.meta.url), JSON.stringify(report, null, 2))
process.exitCode = serverErrors === 0 && errors === 0 ? 0 : 1

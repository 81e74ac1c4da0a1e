import { buildApp } from '/work/wt-speed/src/app.js'
const t0 = performance.now()
const app = await buildApp({ databasePath: process.env.DB!, rateLimit: { max: 1e6 }, loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 }, answerCache: { maxEntries: 0 } })
await app.ready()
console.log('ready', Math.round(performance.now() - t0))
for (const url of process.argv.slice(2)) {
  const s = performance.now()
  const r = await app.inject({ url })
  const s2 = performance.now()
  await app.inject({ url: url + (url.includes('?') ? '&' : '?') + 'limit=49' })
  console.log(r.statusCode, Math.round(s2 - s), 'ms then', Math.round(performance.now() - s2), 'ms', url)
}
await app.close()

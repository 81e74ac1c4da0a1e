import t from 'tap'
import { build } from '../helper.js'

// Headers that are made per request or per client, not part of the answer.
const perRequest = ['x-request-id', 'date', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']
const answerHeaders = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !perRequest.includes(name)))

t.test('a repeated question is answered from the cache: the same body and headers, ETag included, without the database', async (t) => {
  const app = await build(t)
  const first = await app.inject({ url: '/v1/figures?unit=accounts&sort=-value&limit=3' })
  t.equal(first.statusCode, 200)
  t.ok(first.headers.etag)
  app.db.close()
  const again = await app.inject({ url: '/v1/figures?unit=accounts&sort=-value&limit=3' })
  t.equal(again.statusCode, 200, 'answered with the database closed: from the cache')
  t.equal(again.body, first.body)
  t.same(answerHeaders(again.headers), answerHeaders(first.headers))
  const reordered = await app.inject({ url: '/v1/figures?limit=3&sort=-value&unit=accounts' })
  t.equal(reordered.body, first.body, 'the same parameters in another order are the same question')
  const revalidated = await app.inject({ url: '/v1/figures?unit=accounts&sort=-value&limit=3', headers: { 'if-none-match': String(first.headers.etag) } })
  t.equal(revalidated.statusCode, 304)
  t.equal(revalidated.headers.etag, first.headers.etag)
  t.equal(revalidated.body, '')
  t.equal((await app.inject({ url: '/v1/figures?unit=accounts&sort=-value&limit=4' })).statusCode, 500, 'another question does reach the (closed) database')
})

t.test('another representation is another entry; errors and /health are never kept', async (t) => {
  const app = await build(t)
  const cache = app.answerCache!
  await app.inject({ url: '/v1/regulators?limit=2', headers: { accept: 'application/json' } })
  t.equal(cache.size, 1)
  await app.inject({ url: '/v1/regulators?limit=2', headers: { accept: 'application/json' } })
  t.equal(cache.size, 1, 'a repeat adds nothing')
  await app.inject({ url: '/v1/regulators?limit=2', headers: { accept: '*/*' } })
  await app.inject({ url: '/v1/regulators?limit=2', headers: { accept: 'application/json', 'accept-encoding': 'gzip' } })
  t.equal(cache.size, 3, 'a different Accept or Accept-Encoding is a different entry')
  await app.inject({ url: '/health' })
  await app.inject({ url: '/v1/regulators?limit=0' })
  await app.inject({ url: '/v1/regulators/reg-nobody' })
  t.equal(cache.size, 3, 'no entry for /health, a 400 or a 404')
})

t.test('the cache is bounded in entries and in bytes', async (t) => {
  const byCount = await build(t, { answerCache: { maxEntries: 5, maxBytes: 64 * 1024 * 1024 } })
  for (let limit = 1; limit <= 20; limit++) t.equal((await byCount.inject({ url: `/v1/figures?limit=${limit}` })).statusCode, 200)
  t.equal(byCount.answerCache!.size, 5, 'the 5 most recent of 20 answers')

  const maxBytes = 40_000
  const byBytes = await build(t, { answerCache: { maxEntries: 1000, maxBytes } })
  let bodies = 0
  for (let limit = 10; limit <= 40; limit++) bodies += (await byBytes.inject({ url: `/v1/figures?limit=${limit}` })).rawPayload.length
  t.ok(bodies > 5 * maxBytes, `${bodies} bytes of answers`)
  t.ok(byBytes.answerCache!.calculatedSize <= maxBytes, `${byBytes.answerCache!.calculatedSize} bytes kept`)
  t.ok(byBytes.answerCache!.size > 0, 'recent answers are kept')
})

t.test('an answer from the cache still counts against the rate limit and carries the security headers', async (t) => {
  const app = await build(t, { rateLimit: { max: 3, windowMs: 60_000 } })
  const statuses = []
  for (let i = 0; i < 4; i++) statuses.push((await app.inject({ url: '/v1/platforms?limit=1' })).statusCode)
  t.same(statuses, [200, 200, 200, 429])
  const hit = await build(t)
  await hit.inject({ url: '/v1/platforms?limit=1' })
  const cached = await hit.inject({ url: '/v1/platforms?limit=1' })
  t.equal(cached.headers['x-content-type-options'], 'nosniff')
  t.ok(cached.headers['x-request-id'])
  t.equal(cached.headers['access-control-allow-origin'], '*')
})

t.test('ANSWER_CACHE_MB=0 turns it off', async (t) => {
  const app = await build(t, { answerCache: { maxBytes: 0 } })
  t.equal(app.answerCache, undefined)
  t.equal((await app.inject({ url: '/v1/platforms?limit=1' })).statusCode, 200)
})

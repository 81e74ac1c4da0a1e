import t, { type Test } from 'tap'
import * as crypto from 'node:crypto'
import * as zlib from 'node:zlib'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
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

t.test('another media type is another entry, another coding is not; errors and /health are never kept', async (t) => {
  const app = await build(t)
  const cache = app.answerCache!
  await app.inject({ url: '/v1/regulators?limit=2', headers: { accept: 'application/json' } })
  t.equal(cache.size, 1)
  await app.inject({ url: '/v1/regulators?limit=2', headers: { accept: 'application/json' } })
  t.equal(cache.size, 1, 'a repeat adds nothing')
  await app.inject({ url: '/v1/regulators?limit=2', headers: { accept: '*/*' } })
  t.equal(cache.size, 2, 'a different Accept is a different entry')
  for (const acceptEncoding of ['gzip', 'br', 'br;q=0.5, gzip', 'identity']) {
    await app.inject({ url: '/v1/regulators?limit=2', headers: { accept: 'application/json', 'accept-encoding': acceptEncoding } })
  }
  t.equal(cache.size, 2, 'no entry per Accept-Encoding: one entry holds the answer and the codings made of it')
  await app.inject({ url: '/health' })
  await app.inject({ url: '/v1/regulators?limit=0' })
  await app.inject({ url: '/v1/regulators/reg-nobody' })
  t.equal(cache.size, 2, 'no entry for /health, a 400 or a 404')
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

t.test('a warm answer carries the tag of the cold one, in every coding, and revalidates to a 304 without the database', async (t) => {
  const cold = await build(t, { answerCache: { maxBytes: 0 } })
  const app = await build(t)
  const url = '/v1/figures?unit=accounts&limit=50'
  const decoders = { br: brotliDecompressSync, gzip: gunzipSync, identity: (body: Buffer) => body }
  const identity = (await app.inject({ url })).rawPayload
  for (const [acceptEncoding, coding] of [['br, gzip', 'br'], ['gzip', 'gzip'], [undefined, 'identity'], ['br', 'br']] as const) {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
    const uncached = await cold.inject({ url, headers })
    const warm = await app.inject({ url, headers })
    t.equal(warm.headers['content-encoding'], coding === 'identity' ? undefined : coding)
    t.equal(warm.headers.etag, uncached.headers.etag, `${coding}: the same tag as an answer made without the cache`)
    t.same(decoders[coding](warm.rawPayload), identity, `${coding}: the same answer`)
  }
  app.db.close()
  for (const [acceptEncoding, suffix] of [['br', '-br'], ['gzip', '-gzip'], [undefined, '']] as const) {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
    const tag = (await app.inject({ url, headers })).headers.etag as string
    t.match(tag, new RegExp(`^"[^"]+${suffix}"$`))
    const revalidated = await app.inject({ url, headers: { ...headers, 'if-none-match': `W/${tag}` } })
    t.equal(revalidated.statusCode, 304, `If-None-Match ${acceptEncoding ?? 'identity'}: 304 from the cache (the database is closed)`)
    t.equal(revalidated.headers.etag, `W/${tag}`.replace(/^W\//, ''), 'the 304 names the tag the client holds')
    t.equal(revalidated.body, '')
  }
  const otherCoding = await app.inject({ url, headers: { 'accept-encoding': 'gzip', 'if-none-match': (await cold.inject({ url, headers: { 'accept-encoding': 'br' } })).headers.etag as string } })
  t.equal(otherCoding.statusCode, 304, 'a tag of another coding of the same answer revalidates it too')
})

/** Counts the calls of a method of a built-in class (the plugins import functions, not objects a test could wrap). */
function calls (t: Test, prototype: object, method: string): { count: number } {
  const counter = { count: 0 }
  const own = Object.hasOwn(prototype, method)
  const original = Reflect.get(prototype, method) as (...args: unknown[]) => unknown
  Reflect.set(prototype, method, function (this: unknown, ...args: unknown[]) {
    counter.count++
    return original.apply(this, args)
  })
  t.teardown(() => own ? Reflect.set(prototype, method, original) : Reflect.deleteProperty(prototype, method))
  return counter
}

t.test('a warm hit neither hashes nor compresses again; each coding is made once and counted in the bound', async (t) => {
  const app = await build(t)
  const hashes = calls(t, crypto.Hash.prototype, 'digest')
  const brotli = calls(t, zlib.BrotliCompress.prototype, 'end')
  const gzip = calls(t, zlib.Gzip.prototype, 'end')
  const url = '/v1/figures?limit=50'
  const first = await app.inject({ url, headers: { 'accept-encoding': 'br' } })
  t.same([hashes.count, brotli.count], [1, 1], 'the cold answer is hashed and compressed once')
  const afterOne = app.answerCache!.calculatedSize
  for (let i = 0; i < 5; i++) {
    const hit = await app.inject({ url, headers: { 'accept-encoding': 'br' } })
    t.equal(hit.headers.etag, first.headers.etag)
    t.same(hit.rawPayload, first.rawPayload)
  }
  t.same([hashes.count, brotli.count], [1, 1], 'five hits: no hash, no compression')
  await app.inject({ url, headers: { 'accept-encoding': 'gzip' } })
  await app.inject({ url, headers: { 'accept-encoding': 'gzip' } })
  await app.inject({ url })
  t.same([hashes.count, gzip.count], [1, 1], 'gzip made once, on its first request')
  const entry = [...app.answerCache!.values()][0]
  t.ok(app.answerCache!.calculatedSize >= afterOne + entry.representation.encoded.gzip!.length, 'the gzip coding counts in the bound')
  t.equal(app.answerCache!.size, 1)
})

t.test('the bound in bytes counts the codings: compressed answers never take the cache past it', async (t) => {
  const maxBytes = 60_000
  const app = await build(t, { answerCache: { maxEntries: 1000, maxBytes } })
  for (let limit = 20; limit <= 40; limit++) {
    for (const acceptEncoding of ['br', 'gzip', 'identity']) {
      t.equal((await app.inject({ url: `/v1/figures?limit=${limit}`, headers: { 'accept-encoding': acceptEncoding } })).statusCode, 200)
      t.ok(app.answerCache!.calculatedSize <= maxBytes, `${app.answerCache!.calculatedSize} bytes kept`)
    }
  }
  t.ok(app.answerCache!.size > 0 && app.answerCache!.size < 21, `${app.answerCache!.size} of 21 answers kept`)
})

t.test('the count covers every byte the kept answers hold: a tiny compressed answer keeps no larger buffer alive', async (t) => {
  const maxBytes = 200_000
  const app = await build(t, { answerCache: { maxEntries: 1000, maxBytes } })
  for (const sort of ['id', '-id', 'value', '-value', 'date', '-date']) {
    for (const acceptEncoding of ['br', 'gzip', 'identity']) {
      t.equal((await app.inject({ url: `/v1/figures?limit=2&sort=${sort}`, headers: { 'accept-encoding': acceptEncoding } })).statusCode, 200)
    }
  }
  const answers = [...app.answerCache!.values()]
  t.ok(answers.some((answer) => answer.representation.encoded.br && answer.representation.encoded.gzip), 'answers kept with both codings')
  const stores = new Set<ArrayBufferLike>()
  for (const { representation } of answers) {
    for (const bytes of [representation.body, ...Object.values(representation.encoded)]) stores.add(bytes.buffer)
  }
  const held = [...stores].reduce((sum, store) => sum + store.byteLength, 0)
  t.ok(held <= app.answerCache!.calculatedSize, `${held} bytes of buffers held, ${app.answerCache!.calculatedSize} counted`)
  t.ok(app.answerCache!.calculatedSize <= maxBytes)
})

t.test('an answer in Chinese is counted at its UTF-8 bytes, not at its length in characters', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: `/v1/search?q=${encodeURIComponent('自媒体')}&limit=20` })
  t.equal(response.statusCode, 200)
  t.ok(Buffer.byteLength(response.body) > response.body.length * 1.1, 'the answer is partly Chinese: more bytes than characters')
  t.ok(app.answerCache!.calculatedSize >= Buffer.byteLength(response.body), `${app.answerCache!.calculatedSize} counted for ${Buffer.byteLength(response.body)} bytes`)
})

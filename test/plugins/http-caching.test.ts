import t from 'tap'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { build, buildOnFixture } from '../helper.js'

t.test('every GET has an ETag; If-None-Match with it answers 304 without a body', async (t) => {
  const app = await buildOnFixture(t)
  for (const url of ['/v1/campaigns', '/v1/figures/fig-001', '/v1/sources?sort=-date&limit=3']) {
    const first = await app.inject({ url })
    t.ok(first.headers.etag, `${url} has an ETag`)
    t.equal(first.headers['cache-control'], 'public, max-age=300, stale-while-revalidate=3600')
    const again = await app.inject({ url, headers: { 'if-none-match': first.headers.etag as string } })
    t.equal(again.statusCode, 304, url)
    t.equal(again.body, '')
  }
})

t.test('a different page has a different ETag', async (t) => {
  const app = await buildOnFixture(t)
  const a = await app.inject({ url: '/v1/figures?limit=2' })
  const b = await app.inject({ url: '/v1/figures?limit=3' })
  t.not(a.headers.etag, b.headers.etag)
})

t.test('CORS is open for reads, and exposes the Link header to browsers', async (t) => {
  const app = await buildOnFixture(t)
  const response = await app.inject({ url: '/v1/figures?limit=1', headers: { origin: 'https://newsroom.example' } })
  t.equal(response.headers['access-control-allow-origin'], '*')
  t.match(response.headers['access-control-expose-headers'], /Link/)
  const preflight = await app.inject({
    method: 'OPTIONS', url: '/v1/figures', headers: { origin: 'https://newsroom.example', 'access-control-request-method': 'GET' }
  })
  t.equal(preflight.statusCode, 204)
  t.match(preflight.headers['access-control-allow-methods'], /GET/)
})

t.test('writes are refused with 405 problem+json and the data stays as it was', async (t) => {
  const app = await buildOnFixture(t)
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    const response = await app.inject({ method, url: '/v1/figures/fig-001', payload: { value: 1 } })
    t.equal(response.statusCode, 405, method)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    t.equal(response.headers.allow, 'GET, HEAD')
  }
  t.equal((await app.inject({ url: '/v1/figures/fig-001' })).json().data.value, 1400000, 'fig-001 of the fixture is unchanged')
})

t.test('content negotiation honours q-values and case, and says so in Vary', async (t) => {
  const app = await build(t)
  const url = '/v1/figures?limit=2'
  const cases: Array<[string | undefined, RegExp]> = [
    [undefined, /^application\/json/],
    ['text/csv;q=0.1, application/json', /^application\/json/],
    ['application/json;q=0.5, text/csv', /^text\/csv/],
    ['TEXT/CSV', /^text\/csv/],
    ['*/*', /^application\/json/],
    ['text/html, */*;q=0.8', /^application\/json/]
  ]
  for (const [accept, type] of cases) {
    const response = await app.inject({ url, headers: accept === undefined ? {} : { accept } })
    t.equal(response.statusCode, 200)
    t.match(response.headers['content-type'], type, `Accept: ${accept}`)
    t.match(response.headers.vary, /\baccept\b/i, 'Vary names Accept')
    t.match(response.headers.vary, /accept-encoding/i, 'Vary names Accept-Encoding')
  }
  const csv = await app.inject({ url, headers: { accept: 'text/csv' } })
  const json = await app.inject({ url })
  t.not(csv.headers.etag, json.headers.etag, 'CSV and JSON of one URL have different ETags')
  t.equal((await app.inject({ url: '/v1/stats/figures?group_by=unit,action', headers: { accept: 'text/csv' } })).headers['content-type'], 'text/csv; charset=utf-8')
})

t.test('If-None-Match takes *, lists and weak tags (RFC 9110 13.1.2)', async (t) => {
  const app = await build(t)
  const url = '/v1/figures/fig-001'
  const { etag } = (await app.inject({ url })).headers
  t.match(etag, /^"[^"]+"$/, 'a strong ETag')
  const conditional = async (ifNoneMatch: string) => (await app.inject({ url, headers: { 'if-none-match': ifNoneMatch } })).statusCode
  t.equal(await conditional('*'), 304, '* matches any current answer')
  t.equal(await conditional(`"nope", ${etag as string}`), 304, 'a list holding the tag')
  t.equal(await conditional(`W/${etag as string}`), 304, 'the weak form of the tag')
  t.equal(await conditional('"nope", "other"'), 200, 'a list without it')
  t.equal((await app.inject({ url: '/v1/figures/fig-nope', headers: { 'if-none-match': '*' } })).statusCode, 404, '* does not turn a 404 into a 304')
})

t.test('compression: gzip and brotli on request, each with its own ETag, none for clients that do not ask', async (t) => {
  const app = await build(t)
  const url = '/v1/figures?limit=100'
  const plain = await app.inject({ url })
  t.equal(plain.headers['content-encoding'], undefined)
  t.match(plain.headers.vary, /accept-encoding/i, 'an uncompressed answer still says it varies by Accept-Encoding')
  const tags = new Set([plain.headers.etag])
  for (const [acceptEncoding, coding, decode] of [['gzip', 'gzip', gunzipSync], ['br, gzip', 'br', brotliDecompressSync]] as const) {
    const response = await app.inject({ url, headers: { 'accept-encoding': acceptEncoding } })
    t.equal(response.headers['content-encoding'], coding)
    t.ok(response.rawPayload.length < plain.rawPayload.length / 3, `${coding} is smaller`)
    t.same(JSON.parse(decode(response.rawPayload).toString()), plain.json(), `${coding} decodes to the same page`)
    tags.add(response.headers.etag)
    const revalidated = await app.inject({ url, headers: { 'accept-encoding': acceptEncoding, 'if-none-match': response.headers.etag as string } })
    t.equal(revalidated.statusCode, 304, `${coding} revalidates`)
    t.equal(revalidated.headers.etag, response.headers.etag)
  }
  t.equal(tags.size, 3, 'identity, gzip and brotli answers have different ETags')
  for (const doc of ['/openapi.json', '/openapi.yaml', '/v1/figures?format=csv']) {
    t.equal((await app.inject({ url: doc, headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding'], 'gzip', `${doc} is compressed`)
  }
})

t.test('CORS exposes every header a browser client reads and lets preflights be cached', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/figures?limit=1', headers: { origin: 'https://newsroom.example' } })
  const exposed = String(response.headers['access-control-expose-headers']).toLowerCase().split(/\s*,\s*/)
  for (const header of ['link', 'etag', 'x-total-count', 'x-request-id', 'content-disposition', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) {
    t.ok(exposed.includes(header), `${header} is exposed`)
  }
  const preflight = await app.inject({
    method: 'OPTIONS', url: '/v1/figures', headers: { origin: 'https://newsroom.example', 'access-control-request-method': 'GET' }
  })
  t.ok(Number(preflight.headers['access-control-max-age']) > 0)
})

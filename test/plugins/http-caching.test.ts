import t from 'tap'
import { buildOnFixture } from '../helper.js'

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

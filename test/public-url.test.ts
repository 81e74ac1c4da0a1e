import t from 'tap'
import { parse } from 'csv-parse/sync'
import { loadConfig } from '../src/config.js'
import { buildOnFixture } from './helper.js'

t.test('with PUBLIC_URL, the Link header and search hits carry absolute URLs', async (t) => {
  const app = await buildOnFixture(t, { publicUrl: 'https://api.example.org/' })
  const page = await app.inject({ url: '/v1/figures?limit=2&unit=accounts' })
  const cursor = page.json().page.next_cursor
  t.equal(page.headers.link, `<https://api.example.org/v1/figures?limit=2&unit=accounts&cursor=${cursor}>; rel="next"`)
  const hits = (await app.inject({ url: '/v1/search?q=Fixblog' })).json().data as Array<{ type: string, id: string, url: string }>
  t.ok(hits.length > 0)
  const paths: Record<string, string> = { platform: 'platforms', campaign: 'campaigns', source: 'sources' }
  for (const hit of hits) t.equal(hit.url, `https://api.example.org/v1/${paths[hit.type]}/${hit.id}`, hit.id)
  const csv = parse((await app.inject({ url: '/v1/search?q=Fixblog&format=csv' })).body, { columns: true }) as Array<{ url: string }>
  t.same(csv.map((row) => row.url), hits.map((hit) => hit.url), 'in CSV too')
  const followed = await app.inject({ url: new URL(hits[0].url).pathname })
  t.equal(followed.statusCode, 200, 'the URL leads to the record')
})

t.test('without it, they are paths on the same host', async (t) => {
  const app = await buildOnFixture(t)
  t.match((await app.inject({ url: '/v1/figures?limit=2' })).headers.link, /^<\/v1\/figures\?limit=2&cursor=/)
  t.equal((await app.inject({ url: '/v1/search?q=Fixblog&type=platform' })).json().data[0].url, '/v1/platforms/plat-fx-blog')
})

t.test('PUBLIC_URL must be an absolute http(s) URL', async (t) => {
  t.equal(loadConfig({ PUBLIC_URL: 'https://api.example.org' }).PUBLIC_URL, 'https://api.example.org')
  for (const bad of ['api.example.org', '/v1', 'https://api.example.org/?x=1', 'ftp://example.org']) {
    t.throws(() => loadConfig({ PUBLIC_URL: bad }), /PUBLIC_URL/, bad)
  }
})

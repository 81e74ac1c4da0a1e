import t from 'tap'
import { allPages, buildOnFixture } from '../../helper.js'

t.test('GET /v1/sources?sort=-date lists every source, newest first, partial dates among them, undated last', async (t) => {
  const app = await buildOnFixture(t)
  const all = await allPages(app, '/v1/sources?limit=4&sort=-date')
  t.same(all.map((s) => s.date), ['2024-02-29', '2023-05-27', '2023-05-22', '2023-05', '2021', null])
  t.equal(all.at(-1)!.id, 'src-fx-notes-undated')
})

t.test('a source lists the figures it reports and the campaigns it covers', async (t) => {
  const app = await buildOnFixture(t)
  const source = (await app.inject({ url: '/v1/sources/src-fx-daily-2023-05-27' })).json().data
  t.same(source.figures.map((f: { id: string }) => f.id), ['fig-001', 'fig-002', 'fig-004', 'fig-005', 'fig-006'])
  t.equal(source.url, null)
  t.same(source.campaigns.map((c: { id: string }) => c.id), ['camp-fx-2023-self-media'])
})

t.test('a source that carries other sources\' numbers lists them as second copies', async (t) => {
  const app = await buildOnFixture(t)
  const mirror = (await app.inject({ url: '/v1/sources/src-fx-wire-mirror-2023-05' })).json().data
  t.same(mirror.figures, [], 'it reports none of its own')
  t.same(mirror.also_reported_figures.map((f: { id: string }) => f.id), ['fig-003', 'fig-010'])
})

t.test('unknown source is a 404 problem', async (t) => {
  const app = await buildOnFixture(t)
  t.equal((await app.inject({ url: '/v1/sources/src-unknown' })).statusCode, 404)
})

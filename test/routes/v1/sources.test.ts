import t from 'tap'
import { allPages, build } from '../../helper.js'

t.test('GET /v1/sources lists all 105 sources', async (t) => {
  const app = await build(t)
  const all = await allPages(app, '/v1/sources?limit=30&sort=-date')
  t.equal(all.length, 105)
  t.equal(all[0].date, '2025-06-21', 'newest first')
  t.equal(all.at(-1)!.date, null, 'undated sources last')
})

t.test('the seed report lists the 12 figures it reports', async (t) => {
  const app = await build(t)
  const source = (await app.inject({ url: '/v1/sources/src-seed-gadgets360-2023-05-27' })).json().data
  t.same(source.figures.map((f: { id: string }) => f.id),
    ['fig-001', 'fig-002', 'fig-003', 'fig-004', 'fig-005', 'fig-006', 'fig-007', 'fig-008', 'fig-009', 'fig-010', 'fig-011', 'fig-012'])
  t.equal(source.url, null)
  t.ok(source.campaigns.some((c: { id: string }) => c.id === 'camp-qinglang-2023-self-media'))
})

t.test('a source that carries other sources\' numbers lists them as second copies', async (t) => {
  const app = await build(t)
  const hnrb = (await app.inject({ url: '/v1/sources/src-hnrb-2023-05-29' })).json().data
  t.same(hnrb.also_reported_figures.map((f: { id: string }) => f.id), ['fig-013', 'fig-014', 'fig-015'])
})

t.test('unknown source is a 404 problem', async (t) => {
  const app = await build(t)
  t.equal((await app.inject({ url: '/v1/sources/src-unknown' })).statusCode, 404)
})

import t from 'tap'
import { buildOnFixture } from '../../helper.js'

t.test('GET /v1/regulators lists the regulators by id', async (t) => {
  const app = await buildOnFixture(t)
  const body = (await app.inject({ url: '/v1/regulators' })).json()
  t.same(body.data.map((r: { id: string }) => r.id), ['reg-fx-city-cyber', 'reg-fx-council', 'reg-fx-cyber', 'reg-fx-police'])
})

t.test('GET /v1/regulators/{id} embeds its parent, its campaigns and its sources', async (t) => {
  const app = await buildOnFixture(t)
  const office = (await app.inject({ url: '/v1/regulators/reg-fx-cyber' })).json().data
  t.same([office.abbreviation, office.name_zh, office.founded, office.country], ['FCO', '样例网信办', '2011-05-05', 'CN'])
  t.equal(office.parent.id, 'reg-fx-council')
  t.same(office.campaigns.map((c: { id: string }) => c.id).sort(), ['camp-fx-2016-cleanup', 'camp-fx-2023-self-media', 'camp-fx-qinglang-series'])
  t.same(office.sources.map((s: { id: string }) => s.id), ['src-fx-reference-2024-02-29', 'src-fx-wire-2023-05-22'], 'in the seed\'s order')
})

t.test('a founding date the sources disagree on keeps the conflict', async (t) => {
  const app = await buildOnFixture(t)
  const police = (await app.inject({ url: '/v1/regulators/reg-fx-police' })).json().data
  t.equal(police.founded, '1949')
  t.match(police.founding_notes.join(' '), /Formed 1954/)
  t.equal(police.parent_id, null)
  t.match(police.parent_text, /State Council/)
})

t.test('unknown regulator is a 404 problem', async (t) => {
  const app = await buildOnFixture(t)
  t.equal((await app.inject({ url: '/v1/regulators/reg-fcc' })).statusCode, 404)
})

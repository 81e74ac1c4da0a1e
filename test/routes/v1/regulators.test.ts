import t from 'tap'
import { build } from '../../helper.js'

t.test('GET /v1/regulators lists the 8 regulators', async (t) => {
  const app = await build(t)
  const body = (await app.inject({ url: '/v1/regulators' })).json()
  t.equal(body.data.length, 8)
  t.same(body.data.map((r: { id: string }) => r.id).slice(0, 3), ['reg-beijing-cac', 'reg-cac', 'reg-ccac'])
})

t.test('GET /v1/regulators/reg-cac embeds its parent, its campaigns and its sources', async (t) => {
  const app = await build(t)
  const cac = (await app.inject({ url: '/v1/regulators/reg-cac' })).json().data
  t.same([cac.abbreviation, cac.name_zh, cac.founded, cac.country], ['CAC', '国家互联网信息办公室', '2011-05-05', 'CN'])
  t.equal(cac.parent.id, 'reg-ccac')
  t.ok(cac.campaigns.some((c: { id: string }) => c.id === 'camp-qinglang-2023-self-media'))
  t.same(cac.sources.map((s: { id: string }) => s.id), ['src-wiki-cac-wikiwand', 'src-wiki-cac-inventaire', 'src-wiki-ccac'])
})

t.test('a founding date the sources disagree on keeps the conflict', async (t) => {
  const app = await build(t)
  const mps = (await app.inject({ url: '/v1/regulators/reg-mps' })).json().data
  t.equal(mps.founded, '1949')
  t.match(mps.founding_notes.join(' '), /Formed 1954/)
  t.equal(mps.parent_id, null)
  t.match(mps.parent_text, /State Council/)
})

t.test('unknown regulator is a 404 problem', async (t) => {
  const app = await build(t)
  t.equal((await app.inject({ url: '/v1/regulators/reg-fcc' })).statusCode, 404)
})

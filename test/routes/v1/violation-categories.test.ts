import t from 'tap'
import { build } from '../../helper.js'

t.test('GET /v1/violation-categories lists the 28 categories', async (t) => {
  const app = await build(t)
  t.equal((await app.inject({ url: '/v1/violation-categories?limit=100' })).json().data.length, 28)
})

t.test('a category names its parent and lists its children and campaigns', async (t) => {
  const app = await build(t)
  const general = (await app.inject({ url: '/v1/violation-categories/cat-self-media-general' })).json().data
  t.ok(general.children.some((c: { id: string }) => c.id === 'cat-impersonation-military'))
  const military = (await app.inject({ url: '/v1/violation-categories/cat-impersonation-military' })).json().data
  t.equal(military.parent.id, 'cat-self-media-general')
  t.same(military.examples, ['Chinese Red Army Command (中国红军指挥部)', 'Chinese Anti-terrorist Force', 'Strategic Missile Force'])
  t.same(military.campaigns.map((c: { id: string }) => c.id), ['camp-qinglang-2023-self-media'])
})

t.test('unknown category is a 404 problem', async (t) => {
  const app = await build(t)
  t.equal((await app.inject({ url: '/v1/violation-categories/cat-jaywalking' })).statusCode, 404)
})

import t from 'tap'
import { buildOnFixture } from '../../helper.js'

t.test('GET /v1/violation-categories lists every category, sub-categories too', async (t) => {
  const app = await buildOnFixture(t)
  t.same((await app.inject({ url: '/v1/violation-categories' })).json().data.map((c: { id: string }) => c.id),
    ['cat-fx-anchors', 'cat-fx-general', 'cat-fx-impersonation', 'cat-fx-rumours'])
})

t.test('a category names its parent and lists its children and campaigns', async (t) => {
  const app = await buildOnFixture(t)
  const general = (await app.inject({ url: '/v1/violation-categories/cat-fx-general' })).json().data
  t.same(general.children.map((c: { id: string }) => c.id), ['cat-fx-impersonation'])
  const impersonation = (await app.inject({ url: '/v1/violation-categories/cat-fx-impersonation' })).json().data
  t.equal(impersonation.parent.id, 'cat-fx-general')
  t.same(impersonation.examples, ['Fixture Army Command (样例军指挥部)', 'Fixture Anti-rumour Force'])
  t.same(impersonation.campaigns.map((c: { id: string }) => c.id), ['camp-fx-2023-self-media'])
})

t.test('unknown category is a 404 problem', async (t) => {
  const app = await buildOnFixture(t)
  t.equal((await app.inject({ url: '/v1/violation-categories/cat-jaywalking' })).statusCode, 404)
})

import t from 'tap'
import { allPages, buildOnFixture } from '../../helper.js'

const app = await buildOnFixture(t)
const ids = async (query: string) => (await allPages(app, `/v1/violation-categories?limit=2&${query}`)).map((r) => r.id)

t.test('parent and top_level', async (t) => {
  const everything = await allPages(app, '/v1/violation-categories')
  t.same(await ids('parent=cat-fx-general'), ['cat-fx-impersonation'], 'direct children only, not the grandchild')
  t.same(await ids('top_level=true'), everything.filter((c) => c.parent_id === null).map((c) => c.id))
  t.same(await ids('top_level=false'), everything.filter((c) => c.parent_id !== null).map((c) => c.id))
  t.same(await ids('parent=cat-fx-rumours'), [], 'a category without children: an empty list')
  const counted = await app.inject({ url: '/v1/violation-categories?top_level=false&include_total=true&limit=1' })
  t.equal(counted.json().page.total, everything.filter((c) => c.parent_id !== null).length)
})

t.test('bad values', async (t) => {
  const response = await app.inject({ url: '/v1/violation-categories?parent=cat-nope' })
  t.equal(response.statusCode, 400)
  t.match(response.json().detail, /names no violation category: "cat-nope".*\/v1\/violation-categories/)
})

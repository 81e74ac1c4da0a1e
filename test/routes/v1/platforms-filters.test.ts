import t from 'tap'
import { allPages, buildOnFixture } from '../../helper.js'

const app = await buildOnFixture(t)
const ids = async (query: string) => (await allPages(app, `/v1/platforms?limit=2&${query}`)).map((r) => r.id)

t.test('owner, directly or through a subsidiary', async (t) => {
  t.same(await ids('owner=org-fx-group'), ['plat-fx-blog', 'plat-fx-video'], 'Fixblog belongs to Fixblog Corp., a subsidiary')
  t.same(await ids('owner=org-fx-blog-corp'), ['plat-fx-blog'])
  t.same(await ids('owner=org-fx-blog-corp,org-fx-chat-inc&sort=-name_en'), ['plat-fx-chat', 'plat-fx-blog'])
  t.same(await ids('confidence=medium'), ['plat-fx-video'])
  t.same(await ids('owner=org-fx-chat-inc&confidence=medium'), [], 'no match: an empty list')
})

t.test('bad values', async (t) => {
  const unknown = await app.inject({ url: '/v1/platforms?owner=org-nope' })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.json().detail, /names no owner: "org-nope".*\/v1\/platforms/)
  const fields = await app.inject({ url: '/v1/platforms?fields=owner&format=csv' })
  t.equal(fields.body.split('\r\n')[0], 'id,owner_id,owner_name_en,owner_name_zh')
})

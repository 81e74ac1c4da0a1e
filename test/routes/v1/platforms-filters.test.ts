import t from 'tap'
import { allPages, build } from '../../helper.js'

const app = await build(t)
const ids = async (query: string) => (await allPages(app, `/v1/platforms?limit=2&${query}`)).map((r) => r.id)

t.test('owner, directly or through a subsidiary', async (t) => {
  t.same(await ids('owner=org-bytedance'), ['plat-douyin', 'plat-toutiao'])
  t.same(await ids('owner=org-sina'), ['plat-weibo'], 'Weibo belongs to Weibo Corp., a Sina subsidiary')
  t.same(await ids('owner=org-tencent,org-baidu-inc&sort=-name_en'), ['plat-wechat', 'plat-baidu'])
  t.same(await ids('confidence=medium'), ['plat-zhihu'])
  t.same(await ids('owner=org-tencent&confidence=high'), [], 'no match: an empty list')
})

t.test('bad values', async (t) => {
  const unknown = await app.inject({ url: '/v1/platforms?owner=org-nope' })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.json().detail, /names no owner: "org-nope".*\/v1\/platforms/)
  const fields = await app.inject({ url: '/v1/platforms?fields=owner&format=csv' })
  t.equal(fields.body.split('\r\n')[0], 'id,owner_id,owner_name_en,owner_name_zh')
})

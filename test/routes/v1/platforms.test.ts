import t from 'tap'
import { buildOnFixture } from '../../helper.js'

t.test('GET /v1/platforms lists the platforms, each with its owner', async (t) => {
  const app = await buildOnFixture(t)
  const platforms = (await app.inject({ url: '/v1/platforms' })).json().data
  t.same(platforms.map((p: { id: string }) => p.id), ['plat-fx-blog', 'plat-fx-chat', 'plat-fx-video'])
  const blog = platforms.find((p: { id: string }) => p.id === 'plat-fx-blog')
  t.same([blog.owner.id, blog.owner.parent_id, blog.launched], ['org-fx-blog-corp', 'org-fx-group', '2009-08-14'])
  t.equal(platforms.find((p: { id: string }) => p.id === 'plat-fx-video').owner.id, 'org-fx-group')
})

t.test('GET /v1/platforms/{id} lists the campaigns that named it or whose figures cover it', async (t) => {
  const app = await buildOnFixture(t)
  const video = (await app.inject({ url: '/v1/platforms/plat-fx-video' })).json().data
  t.same(video.campaigns.map((c: { id: string }) => c.id), ['camp-fx-2023-self-media'], 'no campaign names it; its figures cover it')
  const chat = (await app.inject({ url: '/v1/platforms/plat-fx-chat' })).json().data
  t.same(chat.campaigns.map((c: { id: string }) => c.id), ['camp-fx-2016-cleanup', 'camp-fx-2023-self-media'])
  t.same(chat.sources.map((s: { id: string }) => s.id), ['src-fx-notes-undated', 'src-fx-reference-2024-02-29'])
})

t.test('unknown platform is a 404 problem', async (t) => {
  const app = await buildOnFixture(t)
  t.equal((await app.inject({ url: '/v1/platforms/plat-myspace' })).statusCode, 404)
})

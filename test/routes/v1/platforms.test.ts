import t from 'tap'
import { build } from '../../helper.js'

t.test('GET /v1/platforms lists the 9 platforms, each with its owner', async (t) => {
  const app = await build(t)
  const platforms = (await app.inject({ url: '/v1/platforms' })).json().data
  t.equal(platforms.length, 9)
  const weibo = platforms.find((p: { id: string }) => p.id === 'plat-weibo')
  t.same([weibo.owner.id, weibo.owner.parent_id, weibo.launched], ['org-weibo-corp', 'org-sina', '2009-08-14'])
  const toutiao = platforms.find((p: { id: string }) => p.id === 'plat-toutiao')
  t.equal(toutiao.owner.id, 'org-bytedance')
})

t.test('GET /v1/platforms/plat-kuaishou lists the campaigns that named it or whose figures cover it', async (t) => {
  const app = await build(t)
  const kuaishou = (await app.inject({ url: '/v1/platforms/plat-kuaishou' })).json().data
  t.same(kuaishou.campaigns.map((c: { id: string }) => c.id),
    ['camp-qinglang-2021-financial-self-media', 'camp-qinglang-2022-livestream', 'camp-qinglang-2023-self-media'])
  t.equal(kuaishou.sources[0].id, 'src-wiki-kuaishou')
})

t.test('unknown platform is a 404 problem', async (t) => {
  const app = await build(t)
  t.equal((await app.inject({ url: '/v1/platforms/plat-myspace' })).statusCode, 404)
})

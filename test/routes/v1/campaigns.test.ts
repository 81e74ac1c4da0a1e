import t from 'tap'
import { parse } from 'csv-parse/sync'
import { allPages, build } from '../../helper.js'

t.test('GET /v1/campaigns lists all 36 campaigns with their related ids', async (t) => {
  const app = await build(t)
  const all = await allPages(app, '/v1/campaigns?limit=10')
  t.equal(all.length, 36)
  const seed = all.find((c) => c.id === 'camp-qinglang-2023-self-media')!
  t.same(seed.regulator_ids, ['reg-cac'])
  t.equal(seed.series_id, 'camp-qinglang-series')
  t.equal(seed.is_seed_report_subject, true)
  t.same(seed.window, { from: '2023-03-10', to: '2023-05-22', note: null })
  t.equal(seed.figure_count, 21)
})

t.test('GET /v1/campaigns/{id} embeds regulators, platforms as each source named them, categories, figures and sources', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/campaigns/camp-qinglang-2023-self-media' })
  t.equal(response.statusCode, 200)
  const campaign = response.json().data
  t.same(campaign.regulators.map((r: { abbreviation: string }) => r.abbreviation), ['CAC'])
  const namedBy = (source: string) => campaign.platforms
    .filter((p: { named_by_source_id: string }) => p.named_by_source_id === source)
    .map((p: { platform_id: string | null, name: string | null }) => p.platform_id ?? p.name)
  t.same(namedBy('src-seed-gadgets360-2023-05-27'), ['plat-wechat', 'plat-douyin', 'plat-weibo'], 'Reuters names WeChat, Douyin, Weibo')
  t.same(namedBy('src-xinhua-2023-05-27-mirror'), ['plat-weibo', 'Tencent (org-tencent)', 'plat-douyin', 'plat-kuaishou'],
    'Xinhua names a company, not an app')
  t.equal(campaign.figures.length, 21)
  t.ok(campaign.figures.every((f: { campaign_id: string }) => f.campaign_id === 'camp-qinglang-2023-self-media'))
  const cited = new Set(campaign.sources.map((s: { id: string }) => s.id))
  t.ok(campaign.figures.every((f: { source_id: string }) => cited.has(f.source_id)), 'every figure\'s source is embedded')
  t.equal(campaign.series.id, 'camp-qinglang-series')
  t.ok(campaign.violation_categories.some((c: { id: string }) => c.id === 'cat-impersonation-military'))
})

t.test('a series lists its campaigns', async (t) => {
  const app = await build(t)
  const series = (await app.inject({ url: '/v1/campaigns/camp-qinglang-series' })).json().data
  t.equal(series.kind, 'series')
  t.equal(series.sub_campaigns.length, 19)
  t.equal(series.sub_campaigns[0].id, 'camp-qinglang-2016', 'oldest first')
})

t.test('unknown campaign is a 404 problem', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/campaigns/camp-nope' })
  t.equal(response.statusCode, 404)
  t.equal(response.json().detail, 'No campaign has id "camp-nope".')
})

t.test('campaigns export as CSV with one row per campaign', async (t) => {
  const app = await build(t)
  const rows = parse((await app.inject({ url: '/v1/campaigns?format=csv' })).body, { columns: true }) as Array<Record<string, string>>
  t.equal(rows.length, 36)
  const seed = rows.find((r) => r.id === 'camp-qinglang-2023-self-media')!
  t.equal(seed.name_zh, '清朗·从严整治“自媒体”乱象')
  t.equal(seed.platform_ids, 'plat-wechat; plat-douyin; plat-weibo; Tencent (org-tencent); plat-kuaishou')
})

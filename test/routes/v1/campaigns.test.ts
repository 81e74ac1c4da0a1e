import t from 'tap'
import { parse } from 'csv-parse/sync'
import { allPages, buildOnFixture } from '../../helper.js'

// On the fixture dataset (test/fixtures/seed/): 4 campaigns, one of them a series of two.

t.test('GET /v1/campaigns lists every campaign with its related ids', async (t) => {
  const app = await buildOnFixture(t)
  const all = await allPages(app, '/v1/campaigns?limit=3')
  t.same(all.map((c) => c.id), ['camp-fx-2016-cleanup', 'camp-fx-2021-rumours', 'camp-fx-2023-self-media', 'camp-fx-qinglang-series'])
  const selfMedia = all.find((c) => c.id === 'camp-fx-2023-self-media')!
  t.same(selfMedia.regulator_ids, ['reg-fx-cyber'])
  t.equal(selfMedia.series_id, 'camp-fx-qinglang-series')
  t.equal(selfMedia.is_seed_report_subject, true)
  t.same(selfMedia.window, { from: '2023-03-10', to: '2023-05-22', note: null })
  t.equal(selfMedia.figure_count, 10)
  t.same(all.find((c) => c.id === 'camp-fx-2021-rumours')!.regulator_ids, ['reg-fx-police', 'reg-fx-city-cyber'], 'in the order the seed gives')
})

t.test('GET /v1/campaigns/{id} embeds regulators, platforms as each source named them, categories, figures and sources', async (t) => {
  const app = await buildOnFixture(t)
  const response = await app.inject({ url: '/v1/campaigns/camp-fx-2023-self-media' })
  t.equal(response.statusCode, 200)
  const campaign = response.json().data
  t.same(campaign.regulators.map((r: { abbreviation: string }) => r.abbreviation), ['FCO'])
  const namedBy = (source: string) => campaign.platforms
    .filter((p: { named_by_source_id: string }) => p.named_by_source_id === source)
    .map((p: { platform_id: string | null, name: string | null }) => p.platform_id ?? p.name)
  t.same(namedBy('src-fx-daily-2023-05-27'), ['plat-fx-chat', 'plat-fx-blog'], 'in the order the source names them')
  t.same(namedBy('src-fx-wire-2023-05-22'), ['plat-fx-blog', 'Fixture Group (org-fx-group)'], 'a company, not an app, kept as named')
  t.equal(campaign.figures.length, 10)
  t.ok(campaign.figures.every((f: { campaign_id: string }) => f.campaign_id === 'camp-fx-2023-self-media'))
  const cited = new Set(campaign.sources.map((s: { id: string }) => s.id))
  t.ok(campaign.figures.every((f: { source_id: string }) => cited.has(f.source_id)), 'every figure\'s source is embedded')
  t.equal(campaign.series.id, 'camp-fx-qinglang-series')
  t.same(campaign.violation_categories.map((c: { id: string }) => c.id), ['cat-fx-general', 'cat-fx-impersonation'])
})

t.test('a series lists its campaigns, oldest first', async (t) => {
  const app = await buildOnFixture(t)
  const series = (await app.inject({ url: '/v1/campaigns/camp-fx-qinglang-series' })).json().data
  t.equal(series.kind, 'series')
  t.same(series.sub_campaigns.map((c: { id: string }) => c.id), ['camp-fx-2016-cleanup', 'camp-fx-2023-self-media'])
})

t.test('unknown campaign is a 404 problem', async (t) => {
  const app = await buildOnFixture(t)
  const response = await app.inject({ url: '/v1/campaigns/camp-nope' })
  t.equal(response.statusCode, 404)
  t.equal(response.json().detail, 'No campaign has id "camp-nope".')
})

t.test('campaigns export as CSV with one row per campaign', async (t) => {
  const app = await buildOnFixture(t)
  const rows = parse((await app.inject({ url: '/v1/campaigns?format=csv' })).body, { columns: true }) as Array<Record<string, string>>
  t.equal(rows.length, 4)
  const selfMedia = rows.find((r) => r.id === 'camp-fx-2023-self-media')!
  t.equal(selfMedia.name_zh, '清朗·整治“自媒体”乱象')
  t.equal(selfMedia.platform_ids, 'plat-fx-chat; plat-fx-blog; Fixture Group (org-fx-group)', 'each platform once, whoever named it')
})

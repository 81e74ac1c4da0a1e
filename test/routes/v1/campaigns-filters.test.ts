import t from 'tap'
import { allPages, build } from '../../helper.js'

interface Campaign {
  id: string, series_id: string | null, kind: string, confidence: string, regulator_ids: string[]
  violation_category_ids: string[], platforms: Array<{ platform_id: string | null }>
  window: { from: string | null, to: string | null }, announced: { date: string | null }
  results_announced: { date: string | null }
}

const app = await build(t)
const campaigns = await allPages(app, '/v1/campaigns?limit=500') as unknown as Campaign[]
const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id)
const filtered = async (query: string) => ids(await allPages(app, `/v1/campaigns?limit=10&${query}`) as unknown as Campaign[])

t.test('regulator, series, kind and confidence match the records', async (t) => {
  t.same(await filtered('regulator=reg-samr'), ids(campaigns.filter((c) => c.regulator_ids.includes('reg-samr'))))
  t.same(await filtered('regulator=reg-samr'), ['camp-qinglang-2022-livestream', 'camp-samr-2022-online-market'],
    'the livestream campaign is co-run by SAMR')
  t.same(await filtered('series=camp-qinglang-series&kind=annual_programme'),
    ids(campaigns.filter((c) => c.series_id === 'camp-qinglang-series' && c.kind === 'annual_programme')))
  t.notOk((await filtered('series=camp-qinglang-series')).includes('camp-qinglang-series'), 'not the series itself')
  t.same(await filtered('confidence=low'), ids(campaigns.filter((c) => c.confidence === 'low')))
})

t.test('platform and violation category also reach campaigns through their figures', async (t) => {
  const named = ids(campaigns.filter((c) => c.platforms.some((p) => p.platform_id === 'plat-weibo')))
  const weibo = await filtered('platform=plat-weibo')
  for (const id of named) t.ok(weibo.includes(id), `${id} named Weibo`)
  t.ok(weibo.includes('camp-qinglang-2023-self-media'), 'its figures cover Weibo')
  const selfMedia = await filtered('violation_category=cat-self-media-general')
  t.ok(selfMedia.includes('camp-qinglang-2023-news-anchor'), 'targets a grandchild category (news anchors)')
  t.notOk(selfMedia.includes('camp-mps-2024-rumours'))
})

t.test('active_from/active_to: the window may overlap the range, partial dates read widely', async (t) => {
  const may2023 = await filtered('active_from=2023-05&active_to=2023-05')
  t.ok(may2023.includes('camp-qinglang-2023-self-media'), '2023-03-10..2023-05-22 overlaps May 2023')
  t.ok(may2023.includes('camp-cac-enforcement-2023'), 'a window of "2023" may include May')
  t.notOk(may2023.includes('camp-qinglang-2022-annual'), '2022 does not')
  t.notOk(may2023.includes('camp-2018-self-media'), 'a window without an end ends when its results were announced (2018-11-12)')
  t.ok(may2023.includes('camp-qinglang-series'), 'a window with no end and no results is open')
  t.notOk(may2023.includes('camp-2020-malicious-accounts'), 'a campaign with no start date is left out')
  const before = await filtered('active_to=2016-06')
  t.same(before, ['camp-qinglang-2016', 'camp-qinglang-series'], 'only windows starting on or before June 2016')
  t.notOk((await filtered('active_from=2023-05-23')).includes('camp-qinglang-2023-self-media'), 'ended on 2023-05-22')
})

t.test('announced_from/announced_to: the announcement date lies in the range', async (t) => {
  const in2023 = await filtered('announced_from=2023&announced_to=2023')
  t.same(in2023, ids(campaigns.filter((c) => c.announced.date?.startsWith('2023'))))
  t.ok(in2023.includes('camp-mps-2024-rumours'), 'announced on 2023-12-22')
})

t.test('filter + sort + cursor, and an empty result', async (t) => {
  const walked = await allPages(app, '/v1/campaigns?limit=3&regulator=reg-cac&sort=-window_from,name_en')
  const single = (await app.inject({ url: '/v1/campaigns?limit=500&regulator=reg-cac&sort=-window_from,name_en' })).json().data
  t.same(ids(walked as unknown as Campaign[]), ids(single))
  t.equal(new Set(ids(walked as unknown as Campaign[])).size, walked.length)
  const empty = await app.inject({ url: '/v1/campaigns?regulator=reg-nrta&kind=series&include_total=true' })
  t.same(empty.json(), { data: [], page: { limit: 50, next_cursor: null, total: 0 } })
})

t.test('fields= in JSON and CSV', async (t) => {
  const json = (await app.inject({ url: '/v1/campaigns?fields=window,kind&limit=1' })).json()
  t.same(Object.keys(json.data[0]).sort(), ['id', 'kind', 'window'])
  const csv = await app.inject({ url: '/v1/campaigns?fields=window,platforms&limit=1&format=csv' })
  t.equal(csv.body.split('\r\n')[0], 'id,window_from,window_to,window_note,platform_ids')
})

t.test('bad values', async (t) => {
  for (const [query, reason] of [
    ['kind=crackdown', /must be one of: series, annual_programme/],
    ['series=camp-nope', /names no series: "camp-nope"/],
    ['active_from=2023-5', /pattern/],
    ['active_from=2024&active_to=2023-12', /is after active_to/],
    ['announced_to=2023-04-31', /not a real date/]
  ] as const) {
    const response = await app.inject({ url: `/v1/campaigns?${query}` })
    t.equal(response.statusCode, 400, query)
    t.match(response.json().detail, reason, query)
  }
})

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

t.test('active_from/active_to: the window overlaps the range, partial dates read widely', async (t) => {
  const may2023 = await filtered('active_from=2023-05&active_to=2023-05')
  t.ok(may2023.includes('camp-qinglang-2023-self-media'), '2023-03-10..2023-05-22 overlaps May 2023')
  t.ok(may2023.includes('camp-cac-enforcement-2023'), 'a window of "2023" may include May')
  t.notOk(may2023.includes('camp-qinglang-2022-annual'), '2022 does not')
  t.notOk(may2023.includes('camp-2018-self-media'), 'a window without an end ends when its results were announced (2018-11-12)')
  t.notOk((await filtered('active_from=2023-05-23')).includes('camp-qinglang-2023-self-media'), 'ended on 2023-05-22')
  t.same(await filtered('active_to=2016-06'), ['camp-qinglang-2016', 'camp-qinglang-series'], 'windows starting by June 2016')
})

t.test('an unknown start or end is never stretched to infinity nor silently dropped: window_unknown', async (t) => {
  const known = await filtered('active_from=2023&active_to=2023')
  const unknown = await filtered('active_from=2023&active_to=2023&window_unknown=only')
  const both = await filtered('active_from=2023&active_to=2023&window_unknown=include')
  t.same([...known, ...unknown].sort(), [...both].sort(), 'include = the known ones and the unknown ones')
  t.same(known.filter((id) => unknown.includes(id)), [], 'reported apart: no campaign is in both')
  // The 2021 fan-circle campaign started on 2021-06-15 and its end is not known; its figures were counted up to
  // 2021-08-03. It is not known to have run in 2023: it is not in the list, and is in window_unknown=only.
  t.notOk(known.includes('camp-qinglang-2021-fan-circle'), 'not treated as running forever')
  t.ok(unknown.includes('camp-qinglang-2021-fan-circle'))
  t.notOk(known.includes('camp-qinglang-series'), 'the Qinglang series (since 2016, no end) is not known to be running in 2023')
  t.ok(unknown.includes('camp-qinglang-series'))
  // The 2023 annual programme and the 2023 Spring Festival action have no start date: reported, not dropped.
  t.ok(unknown.includes('camp-qinglang-2023-annual'))
  t.ok(unknown.includes('camp-qinglang-2023-spring-festival'), 'no window; its results were announced on 2023-03-07')
  // A campaign with no start is known to run in a range its counted figures fall in.
  t.ok((await filtered('active_from=2021-09-08&active_to=2021-09-08')).includes('camp-qinglang-2021-financial-self-media'),
    'no window, but its figures were counted on 2021-09-08 (fig-041 to fig-043)')
  t.ok(known.includes('camp-mps-2023-rumours'), 'from 2023-04-10; counted until 2023-12-22')
  t.notOk(unknown.includes('camp-2018-self-media'), 'a campaign whose results were announced in 2018 cannot have run in 2023')
  for (const id of unknown) {
    const campaign = campaigns.find((c) => c.id === id)!
    t.ok(campaign.window.from === null || (campaign.window.to ?? campaign.results_announced.date) === null, `${id} has an unknown bound`)
  }
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
    ['active_from=2023&window_unknown=maybe', /must be one of: exclude, include, only/],
    ['announced_to=2023-04-31', /not a real date/]
  ] as const) {
    const response = await app.inject({ url: `/v1/campaigns?${query}` })
    t.equal(response.statusCode, 400, query)
    t.match(response.json().detail, reason, query)
  }
})

import t from 'tap'
import { allPages, buildOnFixture } from '../../helper.js'

// Each filter is checked against the same question answered in JavaScript over the unfiltered list, on the fixture
// dataset (test/fixtures/seed/), whose records are named where a case needs one.

interface Figure {
  id: string, campaign_id: string, violation_category_id: string, platform_ids: string[], value: number | null
  unit: string, action: string | null, qualifier: string, confidence: string, source_id: string
  also_reported_by: string[], date: string | null, same_fact_as: string | null, period: { from: string | null }
}

const app = await buildOnFixture(t)
const figures = await allPages(app, '/v1/figures') as unknown as Figure[]
const campaigns = await allPages(app, '/v1/campaigns') as unknown as Array<{ id: string, regulator_ids: string[] }>
const categories = await allPages(app, '/v1/violation-categories') as unknown as Array<{ id: string, parent_id: string | null }>
const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id)

async function filtered (query: string): Promise<string[]> {
  return ids(await allPages(app, `/v1/figures?limit=20&${query}`) as unknown as Figure[])
}

t.equal(figures.length, 13, 'the oracle sees every figure of the fixture')

t.test('each id filter matches what the records say', async (t) => {
  t.same(await filtered('campaign=camp-fx-2016-cleanup,camp-fx-2021-rumours'),
    ids(figures.filter((f) => ['camp-fx-2016-cleanup', 'camp-fx-2021-rumours'].includes(f.campaign_id))))
  const mpsCampaigns = campaigns.filter((c) => c.regulator_ids.includes('reg-fx-police')).map((c) => c.id)
  const byMps = await filtered('regulator=reg-fx-police')
  t.same(byMps, ['fig-007', 'fig-008'])
  t.same(byMps, ids(figures.filter((f) => mpsCampaigns.includes(f.campaign_id))))
  t.same(await filtered('platform=plat-fx-video'), ids(figures.filter((f) => f.platform_ids.includes('plat-fx-video'))))
  t.same(await filtered('source=src-fx-wire-mirror-2023-05'), ['fig-003', 'fig-010'], 'a source that only carries other sources\' numbers')
  t.same(await filtered('source=src-fx-wire-2023-05-22'), ids(figures.filter((f) =>
    f.source_id === 'src-fx-wire-2023-05-22' || f.also_reported_by.includes('src-fx-wire-2023-05-22'))))
})

t.test('a violation category takes its sub-categories along, to any depth', async (t) => {
  const below = (id: string): string[] => [id, ...categories.filter((c) => c.parent_id === id).flatMap((c) => below(c.id))]
  const tree = below('cat-fx-general')
  t.same(tree, ['cat-fx-general', 'cat-fx-impersonation', 'cat-fx-anchors'], 'a child and a grandchild')
  const matched = await filtered('violation_category=cat-fx-general')
  t.same(matched, ids(figures.filter((f) => tree.includes(f.violation_category_id))))
  t.ok(matched.includes('fig-006'), 'fig-006 (news anchors, a grandchild) is included')
  t.same(await filtered('violation_category=cat-fx-impersonation'), ['fig-004', 'fig-006', 'fig-013'])
})

t.test('vocabulary filters, value range and combinations', async (t) => {
  t.same(await filtered('unit=accounts&qualifier=over&confidence=high'),
    ids(figures.filter((f) => f.unit === 'accounts' && f.qualifier === 'over' && f.confidence === 'high')))
  t.same(await filtered('action=closed_permanently'), ids(figures.filter((f) => f.action === 'closed_permanently')))
  t.same(await filtered('min_value=100000&max_value=1000000'),
    ids(figures.filter((f) => f.value !== null && f.value >= 100000 && f.value <= 1000000)))
  t.notOk((await filtered('min_value=0')).includes('fig-005'), 'a figure without a value is left out of a value range')
})

t.test('dates: a figure is in the range when all of its partial date is', async (t) => {
  const may2023 = await filtered('from=2023-05&to=2023-05')
  t.same(may2023, ids(figures.filter((f) => f.date?.startsWith('2023-05'))))
  t.ok(may2023.includes('fig-001') && may2023.includes('fig-006'), '2023-05-22 and "2023-05" are in May 2023')
  const in2021 = await filtered('from=2021&to=2021')
  t.same(in2021, ['fig-007', 'fig-008'], '"2021" and "2021-06" are both in 2021')
  t.notOk((await filtered('from=2021-06&to=2021-06')).includes('fig-007'), 'a figure dated only "2021" is not placed in June')
  const fromLeapDay = await filtered('from=2024-02-29')
  t.same(fromLeapDay, ['fig-013'], 'a leap day is a real date; 2024-10-09 is after it, and "2024" may be before it')
  t.notOk((await filtered('to=2021-06-15')).includes('fig-008'), 'a figure dated "2021-06" may be after 2021-06-15')
  t.ok((await filtered('to=2021-06-30')).includes('fig-008'), 'but it is on or before the last day of June')
  t.same(await filtered('to=2016'), ['fig-009'])
})

t.test('preferred=true keeps one figure per fact: the one the duplicates point to', async (t) => {
  const preferred = await filtered('preferred=true&campaign=camp-fx-2023-self-media')
  t.notOk(preferred.includes('fig-002'), 'the daily\'s 67,000 (same_fact_as fig-003) is left out')
  t.ok(preferred.includes('fig-003'), 'the wire\'s 6.66万余 is kept')
  t.same(preferred, ids(figures.filter((f) => f.campaign_id === 'camp-fx-2023-self-media' && f.same_fact_as === null)))
  t.equal((await filtered('preferred=false')).length, 13, 'preferred=false is every report')
})

t.test('no match is an empty page, in JSON and CSV', async (t) => {
  const json = await app.inject({ url: '/v1/figures?campaign=camp-fx-2023-self-media&unit=days&include_total=true' })
  t.equal(json.statusCode, 200)
  t.same(json.json(), { data: [], page: { limit: 50, next_cursor: null, total: 0 } })
  const csv = await app.inject({ url: '/v1/figures?campaign=camp-fx-2023-self-media&unit=days&format=csv' })
  t.equal(csv.statusCode, 200)
  t.equal(csv.body.trim().split('\r\n').length, 1, 'only the header row')
})

t.test('filter + sort + cursor: walking the pages gives the filtered set once, in order', async (t) => {
  const query = 'unit=accounts&from=2020&sort=-value,id'
  const walked = await allPages(app, `/v1/figures?limit=2&${query}`) as unknown as Figure[]
  const single = await app.inject({ url: `/v1/figures?${query}` })
  t.same(ids(walked), ids(single.json().data))
  t.equal(new Set(ids(walked)).size, walked.length, 'no figure twice')
  const expected = figures.filter((f) => f.unit === 'accounts' && f.date !== null && f.date >= '2020')
  t.same([...ids(walked)].sort(), ids(expected).sort(), 'exactly the matching figures')
  const values = walked.map((f) => f.value)
  t.same(values, [...values].sort((a, b) => (b ?? -1) - (a ?? -1)), 'largest first')
})

t.test('fields= returns only the named fields, id always', async (t) => {
  const response = await app.inject({ url: '/v1/figures?fields=value,unit,period&limit=2&unit=posts' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^application\/json/)
  for (const row of response.json().data) t.same(Object.keys(row).sort(), ['id', 'period', 'unit', 'value'])
  const csv = await app.inject({ url: '/v1/figures?fields=value,period&limit=2&format=csv' })
  t.equal(csv.body.split('\r\n')[0], 'id,value,period_from,period_to', 'a nested field gives all its columns')
  const unknown = await app.inject({ url: '/v1/figures?fields=value,valeu' })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.json().detail, /no field "valeu".*value_text/)
})

t.test('include_total counts every matching record, whatever the page', async (t) => {
  const response = await app.inject({ url: '/v1/figures?unit=accounts&limit=1&include_total=true' })
  t.equal(response.json().page.total, figures.filter((f) => f.unit === 'accounts').length)
  const csv = await app.inject({ url: '/v1/figures?unit=accounts&format=csv&include_total=true' })
  t.equal(csv.headers['x-total-count'], String(figures.filter((f) => f.unit === 'accounts').length))
  const without = await app.inject({ url: '/v1/figures?limit=1' })
  t.notOk('total' in without.json().page, 'no total unless asked')
})

t.test('bad filter values are a 400 that says what is allowed', async (t) => {
  const cases: Array<[string, string, RegExp]> = [
    ['qualifier=roughly', 'qualifier', /must be one of: none, over, almost, around, vague/],
    ['unit=tweets', 'unit', /must be one of: accounts, /],
    ['regulator=reg-fx-cyber,reg-nope', 'regulator', /names no regulator: "reg-nope"/],
    ['violation_category=Cat_X', 'violation_category', /pattern/],
    ['from=2023-02-30', 'from', /not a real date/],
    ['to=2023-13', 'to', /pattern/],
    ['from=2024&to=2023', 'from', /after to/],
    ['min_value=10&max_value=5', 'min_value', /more than max_value/],
    ['min_value=-1', 'min_value', />= 0/],
    ['preferred=maybe', 'preferred', /boolean/],
    ['sort=-valeu', 'sort', /cannot sort by "valeu"/]
  ]
  for (const [query, name, reason] of cases) {
    const response = await app.inject({ url: `/v1/figures?${query}` })
    t.equal(response.statusCode, 400, query)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    t.equal(response.json().invalid_params[0].name, name, query)
    t.match(response.json().invalid_params[0].reason, reason, query)
  }
})

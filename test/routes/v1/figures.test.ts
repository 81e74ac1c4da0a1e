import t from 'tap'
import { parse } from 'csv-parse/sync'
import { allPages, buildOnFixture } from '../../helper.js'

// On the fixture dataset (test/fixtures/seed/): 13 figures, fig-001 to fig-013.
const everyId = Array.from({ length: 13 }, (_, i) => `fig-${String(i + 1).padStart(3, '0')}`)

t.test('GET /v1/figures pages through every figure with an opaque cursor and a Link header', async (t) => {
  const app = await buildOnFixture(t)
  const first = await app.inject({ url: '/v1/figures?limit=5' })
  t.equal(first.statusCode, 200)
  const body = first.json()
  t.same(body.data.map((f: { id: string }) => f.id), everyId.slice(0, 5))
  t.equal(body.page.limit, 5)
  t.match(first.headers.link, new RegExp(`^</v1/figures\\?limit=5&cursor=${body.page.next_cursor}>; rel="next"$`))
  const all = await allPages(app, '/v1/figures?limit=4')
  t.same(all.map((f) => f.id), everyId, 'every figure once, in id order')
})

t.test('the default page size is 50', async (t) => {
  const app = await buildOnFixture(t)
  t.equal((await app.inject({ url: '/v1/figures' })).json().page.limit, 50)
})

t.test('the last page has no next cursor and no Link header', async (t) => {
  const app = await buildOnFixture(t)
  const response = await app.inject({ url: '/v1/figures?limit=13' })
  t.equal(response.json().data.length, 13)
  t.equal(response.json().page.next_cursor, null)
  t.notOk(response.headers.link)
})

t.test('sorting by value, descending, puts the figures without a number last', async (t) => {
  const app = await buildOnFixture(t)
  const all = await allPages(app, '/v1/figures?sort=-value&limit=4')
  t.same(all.slice(0, 3).map((f) => f.id), ['fig-010', 'fig-001', 'fig-012'], '1,410,900, then the two 1,400,000 by id')
  t.same(all.at(-1)!.id, 'fig-005', 'the vague figure comes last')
})

t.test('GET /v1/figures/{id} embeds the source, the other copies, the campaign, the category and the platforms', async (t) => {
  const app = await buildOnFixture(t)
  const response = await app.inject({ url: '/v1/figures/fig-010' })
  t.equal(response.statusCode, 200)
  const figure = response.json().data
  t.same([figure.value, figure.value_text, figure.qualifier, figure.unit, figure.unit_text],
    [1410900, '141.09万余条', 'over', 'items', 'items of violating information'])
  t.equal(figure.source.publisher, 'Fixture Wire (样例社)')
  t.same(figure.also_reported_by_sources.map((s: { id: string }) => s.id), ['src-fx-wire-mirror-2023-05'])
  t.equal(figure.campaign.id, 'camp-fx-2023-self-media')
  t.equal(figure.violation_category.id, 'cat-fx-general')
  t.same(figure.platforms.map((p: { id: string }) => p.id), ['plat-fx-blog'])
  t.same([figure.date, figure.date_basis], ['2023-05-22', 'as_of'])
})

t.test('a figure without its own date takes the campaign window\'s end, and says so', async (t) => {
  const app = await buildOnFixture(t)
  const figure = (await app.inject({ url: '/v1/figures/fig-001' })).json().data
  t.same([figure.date, figure.date_basis], ['2023-05-22', 'campaign_window'])
  const period = (await app.inject({ url: '/v1/figures/fig-008' })).json().data
  t.same([period.date, period.date_basis], ['2021-06', 'period'])
})

t.test('a related value of a statement is a figure of its own that says where it came from', async (t) => {
  const app = await buildOnFixture(t)
  const figure = (await app.inject({ url: '/v1/figures/fig-008' })).json().data
  t.same([figure.value, figure.qualifier, figure.unit, figure.action, figure.derived_from], [1000, 'around', 'accounts', 'targeted', 'fig-007'])
  t.equal(figure.source_id, 'src-fx-review-2021')
})

t.test('an unknown or hostile figure id is a 404 problem', async (t) => {
  const app = await buildOnFixture(t)
  for (const id of ['fig-999', "fig-001' OR '1'='1", '%00', 'x'.repeat(150)]) {
    const response = await app.inject({ url: `/v1/figures/${encodeURIComponent(id)}` })
    t.equal(response.statusCode, 404, id)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
  }
  t.equal((await allPages(app, '/v1/figures')).length, 13, 'nothing changed')
})

t.test('?format=csv exports every figure as RFC 4180 CSV with the Chinese wording intact', async (t) => {
  const app = await buildOnFixture(t)
  const response = await app.inject({ url: '/v1/figures?format=csv' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^text\/csv; charset=utf-8/)
  const rows = parse(response.body, { columns: true }) as Array<Record<string, string>>
  t.same(rows.map((row) => row.id), everyId, 'every figure, no pagination')
  const wire = rows.find((row) => row.id === 'fig-003')!
  t.same([wire.value, wire.value_text, wire.qualifier, wire.platform_ids],
    ['66600', '6.66万余个', 'over', 'plat-fx-blog; plat-fx-video; plat-fx-chat'])
  t.equal(rows.find((row) => row.id === 'fig-002')!.value_text, '67,000', 'a comma inside a cell is quoted')
  t.match(response.body, /\n[^\n]*fig-002,[^\n]*,"67,000",/, 'as "67,000"')
})

t.test('Accept: text/csv with a limit gives one CSV page and the Link to the next', async (t) => {
  const app = await buildOnFixture(t)
  const response = await app.inject({ url: '/v1/figures?limit=10&sort=-date', headers: { accept: 'text/csv' } })
  t.match(response.headers['content-type'], /^text\/csv/)
  t.equal((parse(response.body, { columns: true }) as unknown[]).length, 10)
  t.match(response.headers.link, /rel="next"/)
})

t.test('bad list parameters are 400 problems that name the parameter', async (t) => {
  const app = await buildOnFixture(t)
  const cases: Array<[string, string, RegExp]> = [
    ['/v1/figures?limit=0', 'limit', />= 1/],
    ['/v1/figures?limit=100000', 'limit', /<= 500/],
    ['/v1/figures?limit=ten', 'limit', /integer/],
    ['/v1/figures?regulater=reg-cac', 'regulater', /not a parameter of this endpoint\. Known parameters: .*limit/],
    ['/v1/figures?limit=5&limit=6', 'limit', /repeated/],
    ['/v1/figures?cursor=not-a-cursor', 'cursor', /not a cursor this API issued/],
    ['/v1/figures?sort=popularity', 'sort', /cannot sort by "popularity"\. Sortable fields: id, value/],
    ['/v1/figures?sort=value,-value', 'sort', /twice/],
    ['/v1/figures?format=xlsx', 'format', /must be one of: json, csv/],
    ["/v1/figures?sort=id;DROP TABLE figures", 'sort', /cannot sort by/]
  ]
  for (const [url, name, reason] of cases) {
    const response = await app.inject({ url })
    t.equal(response.statusCode, 400, url)
    t.match(response.headers['content-type'], /^application\/problem\+json/, url)
    const problem = response.json()
    t.equal(problem.status, 400)
    t.equal(problem.invalid_params[0].name, name, url)
    t.match(problem.invalid_params[0].reason, reason, url)
  }
  t.equal((await allPages(app, '/v1/figures')).length, 13, 'all figures still there')
})

t.test('a cursor made for one sort is refused under another', async (t) => {
  const app = await buildOnFixture(t)
  const cursor = (await app.inject({ url: '/v1/figures?sort=-value&limit=5' })).json().page.next_cursor
  const response = await app.inject({ url: `/v1/figures?sort=date&cursor=${cursor}` })
  t.equal(response.statusCode, 400)
  t.match(response.json().detail, /was made for sort "-value", not "date"/)
})

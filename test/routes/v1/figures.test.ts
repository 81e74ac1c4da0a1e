import t from 'tap'
import { parse } from 'csv-parse/sync'
import { allPages, build } from '../../helper.js'

t.test('GET /v1/figures pages through every figure with an opaque cursor and a Link header', async (t) => {
  const app = await build(t)
  const first = await app.inject({ url: '/v1/figures' })
  t.equal(first.statusCode, 200)
  const body = first.json()
  t.equal(body.data.length, 50, 'default page size')
  t.equal(body.page.limit, 50)
  t.match(first.headers.link, new RegExp(`^</v1/figures\\?cursor=${body.page.next_cursor}>; rel="next"$`))
  const all = await allPages(app, '/v1/figures?limit=40')
  t.equal(all.length, 172)
  t.equal(new Set(all.map((f) => f.id)).size, 172, 'no figure repeated across pages')
})

t.test('the last page has no next cursor and no Link header', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/figures?limit=500' })
  t.equal(response.json().data.length, 172)
  t.equal(response.json().page.next_cursor, null)
  t.notOk(response.headers.link)
})

t.test('sorting by value, descending, puts the figures without a number last', async (t) => {
  const app = await build(t)
  const all = await allPages(app, '/v1/figures?sort=-value&limit=25')
  t.equal(all.length, 172)
  t.same(all.slice(0, 3).map((f) => f.id), ['fig-030', 'fig-172', 'fig-133'], '1.34 billion accounts (the Chinese wording, then Global Times\' with the same value, by id), then 172 million reports')
  t.same(all.slice(-2).map((f) => f.value), [null, null], 'the two vague figures come last')
})

t.test('GET /v1/figures/{id} embeds the source, the other copies, the campaign, the category and the platforms', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/figures/fig-013' })
  t.equal(response.statusCode, 200)
  const figure = response.json().data
  t.same([figure.value, figure.value_text, figure.qualifier, figure.unit, figure.unit_text],
    [1410900, '141.09万余条', 'over', 'items', 'items of violating information'])
  t.equal(figure.source.publisher, 'Xinhua (新华社) text, republished by Hong Kong Commercial Daily (香港商報, hkcd.com) crediting 新华社')
  t.same(figure.also_reported_by_sources.map((s: { id: string }) => s.id), ['src-hnrb-2023-05-29', 'src-cyol-2023-05-mirror'])
  t.equal(figure.campaign.id, 'camp-qinglang-2023-self-media')
  t.equal(figure.violation_category.id, 'cat-self-media-general')
  t.same(figure.platforms.map((p: { id: string }) => p.id), ['plat-weibo', 'plat-douyin', 'plat-kuaishou'])
  t.same([figure.date, figure.date_basis], ['2023-05-22', 'as_of'])
})

t.test('a related value of a statement is a figure of its own that says where it came from', async (t) => {
  const app = await build(t)
  const figure = (await app.inject({ url: '/v1/figures/fig-106' })).json().data
  t.same([figure.value, figure.qualifier, figure.unit, figure.action, figure.derived_from], [20000, 'almost', 'posts', 'deleted', 'fig-039'])
  t.equal(figure.source_id, 'src-weibo-fancircle-2021-08-03-mirror')
})

t.test('an unknown or hostile figure id is a 404 problem', async (t) => {
  const app = await build(t)
  for (const id of ['fig-999', "fig-001' OR '1'='1", '%00', 'x'.repeat(150)]) {
    const response = await app.inject({ url: `/v1/figures/${encodeURIComponent(id)}` })
    t.equal(response.statusCode, 404, id)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
  }
  t.equal((await app.inject({ url: '/v1/figures?limit=500' })).json().data.length, 172, 'nothing changed')
})

t.test('?format=csv exports every figure as RFC 4180 CSV with the Chinese wording intact', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/figures?format=csv' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^text\/csv; charset=utf-8/)
  const rows = parse(response.body, { columns: true }) as Array<Record<string, string>>
  t.equal(rows.length, 172, 'every figure, no pagination')
  const xinhua = rows.find((row) => row.id === 'fig-015')!
  t.same([xinhua.value, xinhua.value_text, xinhua.qualifier, xinhua.platform_ids],
    ['66600', '6.66万余个', 'over', 'plat-weibo; plat-douyin; plat-kuaishou'])
  t.equal(rows.find((row) => row.id === 'fig-002')!.value_text, '67,000', 'a comma inside a cell is quoted')
})

t.test('Accept: text/csv with a limit gives one CSV page and the Link to the next', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/figures?limit=10&sort=-date', headers: { accept: 'text/csv' } })
  t.match(response.headers['content-type'], /^text\/csv/)
  t.equal((parse(response.body, { columns: true }) as unknown[]).length, 10)
  t.match(response.headers.link, /rel="next"/)
})

t.test('bad list parameters are 400 problems that name the parameter', async (t) => {
  const app = await build(t)
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
  t.equal((await app.inject({ url: '/v1/figures?limit=500' })).json().data.length, 172, 'all figures still there')
})

t.test('a cursor made for one sort is refused under another', async (t) => {
  const app = await build(t)
  const cursor = (await app.inject({ url: '/v1/figures?sort=-value&limit=5' })).json().page.next_cursor
  const response = await app.inject({ url: `/v1/figures?sort=date&cursor=${cursor}` })
  t.equal(response.statusCode, 400)
  t.match(response.json().detail, /was made for sort "-value", not "date"/)
})

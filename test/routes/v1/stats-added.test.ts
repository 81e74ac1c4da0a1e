import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildBenchDatabase } from '../../../bench/data.js'
import { buildApp } from '../../../src/app.js'
import { maxListedFigureIds } from '../../../src/schemas/stats.js'
import { allPages, build } from '../../helper.js'

// The figures behind a row of totals: reachable from the row (figures_url), listed page by page, exactly those the
// row adds; their ids inline only on request. Expectations come from the totals' own figure_ids and the data's
// relations, so a new record in seed/ changes nothing here.

const app = await build(t)
type Row = Record<string, unknown> & { count: number, figures_url: string, figure_ids?: string[] }
interface Totals { data: Row[], meta: { figures_matching: number, figures_summed: number, left_out: Record<string, number> } }
const totals = async (query: string): Promise<Totals> => {
  const response = await app.inject({ url: `/v1/stats/figures?${query}` })
  t.equal(response.statusCode, 200, query)
  return response.json()
}
const problem = async (url: string) => {
  const response = await app.inject({ url })
  t.equal(response.statusCode, 400, url)
  t.match(response.headers['content-type'], /^application\/problem\+json/)
  return response.json().invalid_params[0] as { name: string, reason: string }
}

t.test('without figure_ids=true a row carries no ids, only where to list them', async (t) => {
  const body = await totals('unit=accounts&action=handled&group_by=year')
  t.ok(body.data.length > 0)
  for (const row of body.data) {
    t.notOk('figure_ids' in row, 'no ids inline')
    t.match(row.figures_url, /^\/v1\/stats\/figures\/added\?/)
  }
})

t.test('each row\'s figures_url lists exactly the figures the row adds, never the ones left out', async (t) => {
  let leftOut = 0
  let nullRows = 0
  for (const measure of ['unit=accounts&action=handled', 'unit=items&action=deleted', 'unit=accounts&action=closed_permanently',
    'unit=accounts&action=targeted&include_uncertain=true', 'unit=cases&action=cases_handled&include_superseded=true']) {
    for (const groupBy of ['', '&group_by=year', '&group_by=month', '&group_by=platform', '&group_by=regulator', '&group_by=campaign,qualifier']) {
      const body = await totals(`${measure}${groupBy}&figure_ids=true`)
      leftOut += Object.values(body.meta.left_out).reduce((sum, n) => sum + n, 0)
      for (const row of body.data) {
        if (Object.entries(row).some(([name, value]) => value === null && name !== 'action')) nullRows++
        t.notMatch(row.figures_url, /figure_ids/, 'the link names the question, not how it was rendered')
        const listed = await allPages(app, `${row.figures_url}&limit=500`)
        t.same(listed.map((f) => f.id).sort(), row.figure_ids, `${measure}${groupBy}: ${row.figures_url}`)
        t.equal(listed.length, row.count)
      }
    }
  }
  t.ok(leftOut > 0, `the totals left ${leftOut} figures out, and no link listed them`)
  t.ok(nullRows > 0, 'rows keyed by null (undated by month, no platform) have their link too')
})

t.test('the list is a list of figures: paging, include_total, fields and CSV as /v1/figures', async (t) => {
  const [row] = (await totals('unit=items&action=deleted')).data
  t.ok(row.count > 2)
  const page = await app.inject({ url: `${row.figures_url}&limit=2&include_total=true&fields=value,source_id` })
  t.equal(page.statusCode, 200)
  t.equal(page.json().page.total, row.count, 'include_total counts the row\'s figures')
  t.equal(page.json().data.length, 2)
  t.same(Object.keys(page.json().data[0]).sort(), ['id', 'source_id', 'value'])
  t.match(page.headers.link, /rel="next"/)
  const csv = await app.inject({ url: `${row.figures_url}&format=csv` })
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], /^text\/csv/)
  t.equal(csv.body.trim().split('\r\n').length, row.count + 1, 'a header and one line per figure added')
})

t.test('without row, the figures of every row: all those the totals add', async (t) => {
  const query = 'unit=accounts&action=handled&group_by=year'
  const body = await totals(`${query}&figure_ids=true`)
  const listed = await allPages(app, `/v1/stats/figures/added?${query}&limit=500`)
  t.same(listed.map((f) => f.id).sort(), body.data.flatMap((row) => row.figure_ids!).sort())
  t.equal(listed.length, body.meta.figures_summed)
})

t.test('a row named wrongly, a search, or mixed measures is a 400 that says so', async (t) => {
  const base = '/v1/stats/figures/added?unit=accounts&action=handled'
  t.match(await problem(`${base}&group_by=year&row=2023,2024`), { name: 'row', reason: /has 2 values, but group_by has 1/ })
  t.match(await problem(`${base}&group_by=year&row=1066`), { name: 'row', reason: /names no row of these totals \(year = 1066\)/ })
  t.match(await problem(`${base}&row=2023`), { name: 'row', reason: /without group_by the totals have one row/ })
  t.match(await problem(`${base}&q=weibo`), { name: 'q' })
  t.match(await problem('/v1/stats/figures/added?unit=accounts&group_by=year&row=2023'), { name: 'group_by', reason: /must include action/ })
  t.match(await problem(`${base}&sort=-sum`), { name: 'sort' })
})

t.test(`figure_ids=true lists at most ${maxListedFigureIds} ids; more is a 400 pointing to figures_url`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-stats-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'large.sqlite')
  buildBenchDatabase({ path, figures: maxListedFigureIds + 2000 })
  const large = await buildApp({ databasePath: path, rateLimit: { max: 1_000_000 }, loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 } })
  t.teardown(() => large.close())
  const response = await large.inject({ url: '/v1/stats/figures?group_by=unit,action&figure_ids=true' })
  t.equal(response.statusCode, 400)
  t.equal(response.json().invalid_params[0].name, 'figure_ids')
  t.match(response.json().invalid_params[0].reason, /Follow each row's figures_url/)
  const rows = (await large.inject({ url: '/v1/stats/figures?group_by=unit,action' })).json() as Totals
  t.ok(rows.meta.figures_summed > maxListedFigureIds)
  const biggest = rows.data.reduce((a, b) => a.count >= b.count ? a : b)
  const page = await large.inject({ url: `${biggest.figures_url}&limit=1&include_total=true` })
  t.equal(page.json().page.total, biggest.count, 'the largest row\'s figures are all reachable through its link')
})

t.test('with the public address configured, figures_url is an absolute URL, as search hits are', async (t) => {
  const publicApp = await build(t, { publicUrl: 'https://api.example.org/' })
  const [row] = (await publicApp.inject({ url: '/v1/stats/figures?unit=items&action=deleted' })).json().data as Row[]
  t.match(row.figures_url, /^https:\/\/api\.example\.org\/v1\/stats\/figures\/added\?/)
  t.equal((await publicApp.inject({ url: row.figures_url.replace('https://api.example.org', '') })).statusCode, 200)
})

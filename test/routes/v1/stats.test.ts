import t from 'tap'
import { allPages, build } from '../../helper.js'

// The sums below are worked out by hand from seed/figures.yaml. For camp-qinglang-2023-self-media:
//   left out as duplicates (same_fact_as): fig-001, fig-002, fig-005, fig-019, fig-020, fig-021
//   left out as parts of another figure (subset_of): fig-004 (of fig-002), fig-015 (of fig-014),
//     fig-022 (of fig-013), fig-023 (of fig-014)
//   left out for having no number: fig-003 ("hundreds of thousands")
//   added, accounts: fig-007 13,000 almost targeted; fig-008 25,000 around targeted; fig-009 187,000 almost
//     punished; fig-010 430,000 over targeted; fig-011 45,000 around closed; fig-014 927,600 over handled
//   added, other units: fig-013 1,410,900 items; fig-016 110 announcements; fig-017 2,089 people; fig-018 2,268 leads

const app = await build(t)
const campaign = 'campaign=camp-qinglang-2023-self-media'
const totals = async (query: string) => {
  const response = await app.inject({ url: `/v1/stats/figures?${query}` })
  t.equal(response.statusCode, 200, query)
  return response.json()
}

t.test('one unit, no grouping: the accounts of the self-media campaign', async (t) => {
  const body = await totals(`${campaign}&unit=accounts`)
  t.same(body.data, [{
    sum: 1627600, // 13,000 + 25,000 + 187,000 + 430,000 + 45,000 + 927,600
    count: 6,
    exact_count: 0,
    over_count: 2, // fig-010, fig-014
    almost_count: 2, // fig-007, fig-009
    around_count: 2, // fig-008, fig-011
    hedged_sum: 1627600, // every one of them is hedged
    sum_is_lower_bound: false, // "almost" and "around" figures may be above the truth
    sum_kind: 'approximate',
    figure_ids: ['fig-007', 'fig-008', 'fig-009', 'fig-010', 'fig-011', 'fig-014']
  }])
  // 13 accounts figures: 002, 004, 005, 007, 008, 009, 010, 011, 014, 015, 019, 020, 023
  t.same(body.meta, {
    group_by: [],
    figures_matching: 13,
    figures_summed: 6,
    left_out: { without_value: 0, duplicates: 4, subsets: 3 } // 002, 005, 019, 020 | 004, 015, 023
  })
})

t.test('grouped by unit and action', async (t) => {
  const body = await totals(`${campaign}&group_by=unit,action`)
  const rows = Object.fromEntries(body.data.map((r: Record<string, unknown>) => [`${r.unit}/${r.action}`, r]))
  t.same(Object.keys(rows), ['accounts/closed', 'accounts/handled', 'accounts/punished', 'accounts/targeted',
    'announcements/publicly_named', 'items/deleted', 'leads/referred_to_police_or_courts', 'people/interviewed'],
  'rows in key order')
  t.equal(rows['accounts/targeted'].sum, 468000, '13,000 + 25,000 + 430,000')
  t.equal(rows['accounts/targeted'].sum_kind, 'approximate', 'almost + around + over')
  t.equal(rows['accounts/handled'].sum, 927600, 'fig-014 alone; 928,000 (fig-020) and 76,000 (fig-023) are left out')
  t.equal(rows['accounts/handled'].sum_kind, 'at_least')
  t.equal(rows['accounts/handled'].sum_is_lower_bound, true, '92.76万余: at least 927,600')
  t.equal(rows['accounts/punished'].sum_kind, 'at_most', 'almost 187,000')
  t.equal(rows['items/deleted'].sum, 1410900, 'fig-013; the 485,000 of 31 March (fig-022) is part of it')
  t.equal(rows['leads/referred_to_police_or_courts'].sum_kind, 'exact')
  t.equal(rows['leads/referred_to_police_or_courts'].hedged_sum, 0)
  // 21 figures: 6 duplicates, 4 subsets, 1 without a number, 10 added
  t.same(body.meta.left_out, { without_value: 1, duplicates: 6, subsets: 4 })
  t.equal(body.meta.figures_summed, 10)
})

t.test('include_duplicates and include_subsets, to compare sources', async (t) => {
  const query = `${campaign}&unit=accounts&action=closed_permanently&group_by=source`
  const preferred = await totals(query)
  t.same(preferred.data.map((r: Record<string, unknown>) => [r.source_id, r.sum, r.figure_ids]),
    [['src-xinhua-2023-05-27-mirror', 66600, ['fig-015']]],
    'Xinhua\'s 6.66万余 counts: it is part of the accounts handled (fig-014), but the filter leaves fig-014 out')
  t.same(preferred.meta.left_out, { without_value: 0, duplicates: 2, subsets: 1 }, '67,000 and 66,000 repeat fig-015; almost 8,000 is part of 67,000')
  const bySource = await totals(`${query}&include_duplicates=true&include_subsets=true`)
  t.same(bySource.data.map((r: Record<string, unknown>) => [r.source_id, r.sum]), [
    ['src-seed-gadgets360-2023-05-27', 75000], // 67,000 (fig-002) + almost 8,000 (fig-004)
    ['src-thestar-bloomberg-2023-05-29', 66000], // fig-019
    ['src-xinhua-2023-05-27-mirror', 66600] // fig-015
  ])
  const onlyDuplicates = await totals(`${query}&include_duplicates=true`)
  t.same(onlyDuplicates.data.map((r: Record<string, unknown>) => r.figure_ids), [['fig-002'], ['fig-019'], ['fig-015']],
    'each source\'s own report; almost 8,000 stays out as part of 67,000')
})

t.test('a figure is left out only when the figure that contains it is among those added', async (t) => {
  const closed = await totals('unit=accounts&action=closed_permanently&group_by=year')
  t.same(closed.data.map((r: Record<string, unknown>) => [r.year, r.sum, r.figure_ids]), [['2023', 66600, ['fig-015']]])
  const withHandled = await totals(`${campaign}&unit=accounts&group_by=action`)
  const actions = withHandled.data.map((r: Record<string, unknown>) => r.action)
  t.notOk(actions.includes('closed_permanently'), 'beside accounts handled (fig-014), the closed ones are already counted there')
})

t.test('a time series by month: year-only dates have no month', async (t) => {
  const body = await totals('unit=websites&action=closed&group_by=month&sort=month')
  const months = body.data.map((r: Record<string, unknown>) => r.month)
  t.equal(months.at(-1), null, 'figures dated only by year come last, with month null')
  const nullRow = body.data.at(-1)
  const yearOnly = (await allPages(app, '/v1/figures?unit=websites&action=closed&limit=100'))
    .filter((f) => (f.date as string).length === 4 && f.same_fact_as === null && f.subset_of === null)
  t.equal(nullRow.sum, yearOnly.reduce((sum, f) => sum + (f.value as number), 0))
  const byMonth = body.data.filter((r: Record<string, unknown>) => r.month !== null)
  t.same(byMonth.map((r: Record<string, unknown>) => [r.month, r.sum]), [
    ['2019-01', 733], // fig-077
    // the CAC's half-year tallies (fig-138, fig-144) are left out: each is subset_of its full-year tally
    ['2024-01', 562] // fig-066
  ])
})

t.test('every row of a grouping adds up to the ungrouped total, when each figure is in one row', async (t) => {
  const whole = (await totals('unit=accounts')).data[0]
  for (const dimension of ['campaign', 'year', 'action', 'qualifier', 'source', 'violation_category']) {
    const rows = (await totals(`unit=accounts&group_by=${dimension}`)).data as Array<{ sum: number, count: number }>
    t.equal(rows.reduce((sum, r) => sum + r.sum, 0), whole.sum, dimension)
    t.equal(rows.reduce((sum, r) => sum + r.count, 0), whole.count, dimension)
  }
  const listed = (await allPages(app, '/v1/figures?unit=accounts&limit=500'))
    .filter((f) => f.value !== null && f.same_fact_as === null && f.subset_of === null)
  t.equal(whole.sum, listed.reduce((sum, f) => sum + (f.value as number), 0), 'the same figures the list shows')
})

t.test('regulator and platform rows repeat a figure under each of its regulators or platforms', async (t) => {
  // camp-qinglang-2022-livestream is run by reg-cac, reg-samr and reg-sta: 120,000 (fig-052) + over 210,000 (fig-053)
  const body = await totals('campaign=camp-qinglang-2022-livestream&unit=accounts&group_by=regulator')
  t.same(body.data.map((r: Record<string, unknown>) => [r.regulator_id, r.sum]),
    [['reg-cac', 330000], ['reg-samr', 330000], ['reg-sta', 330000]])
  t.equal(body.meta.figures_summed, 2, 'two figures, each counted once in meta')
  // fig-014 (927,600 handled) names Weibo, Douyin and Kuaishou; the Reuters figures name none
  const platforms = await totals(`${campaign}&unit=accounts&group_by=platform`)
  t.same(platforms.data.map((r: Record<string, unknown>) => [r.platform_id, r.sum]), [
    ['plat-douyin', 927600], ['plat-kuaishou', 927600], ['plat-weibo', 927600],
    [null, 700000] // 13,000 + 25,000 + 187,000 + 430,000 + 45,000
  ])
})

t.test('sort rows by their totals', async (t) => {
  const rows = (await totals('unit=accounts&group_by=campaign&sort=-sum')).data as Array<{ sum: number }>
  t.same(rows.map((r) => r.sum), rows.map((r) => r.sum).sort((a, b) => b - a))
})

t.test('CSV: the same rows, ready for a spreadsheet', async (t) => {
  const json = await totals(`${campaign}&group_by=unit,action`)
  const response = await app.inject({ url: `/v1/stats/figures?${campaign}&group_by=unit,action`, headers: { accept: 'text/csv' } })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^text\/csv/)
  const [header, ...lines] = response.body.trim().split('\r\n')
  t.equal(header, 'unit,action,sum,count,exact_count,over_count,almost_count,around_count,hedged_sum,sum_is_lower_bound,sum_kind,figure_ids')
  t.equal(lines.length, json.data.length)
  t.equal(lines[3], 'accounts,targeted,468000,3,0,1,1,1,468000,false,approximate,fig-007; fig-008; fig-010')
})

t.test('no figure matches: no rows', async (t) => {
  const body = await totals('unit=days&campaign=camp-qinglang-2023-self-media&group_by=year')
  t.same(body, { data: [], meta: { group_by: ['year'], figures_matching: 0, figures_summed: 0, left_out: { without_value: 0, duplicates: 0, subsets: 0 } } })
  const vague = await totals('unit=posts&qualifier=vague')
  t.same(vague.data, [])
  t.equal(vague.meta.left_out.without_value, 1, 'fig-003 has no number to add')
})

t.test('refused: mixed units, unknown dimensions, bad filters', async (t) => {
  for (const [query, name, reason] of [
    ['group_by=year', 'group_by', /must include unit.*accounts and posts would mean nothing/],
    ['', 'group_by', /must include unit/],
    ['group_by=unit,country', 'group_by', /cannot group by "country". Dimensions: campaign, regulator/],
    ['group_by=unit,unit', 'group_by', /twice/],
    ['group_by=unit&sort=-total', 'sort', /cannot sort by "total". Sortable here: unit, sum, count/],
    ['unit=accounts&qualifier=roughly', 'qualifier', /must be one of/],
    ['unit=accounts&campaign=camp-nope', 'campaign', /names no campaign/],
    ['unit=accounts&from=2023-02-29', 'from', /not a real date/],
    ['unit=accounts&limit=5', 'limit', /not a parameter of this endpoint/]
  ] as const) {
    const response = await app.inject({ url: `/v1/stats/figures?${query}` })
    t.equal(response.statusCode, 400, query)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    t.equal(response.json().invalid_params[0].name, name, query)
    t.match(response.json().invalid_params[0].reason, reason, query)
  }
})

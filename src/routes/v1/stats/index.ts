import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { lookupOn } from '../../../db/lookup.js'
import { addedFigures, figureIdsByRow, figureTotals, inRow, type TotalsRow } from '../../../db/queries/stats.js'
import { figureTotalsCsv } from '../../../lib/csv-columns.js'
import { parseRow, planTotals } from '../../../lib/figure-totals.js'
import { checkFilters, parseListParams, wantsCsv } from '../../../lib/list-request.js'
import { addVary, csvReply, replyWithList } from '../../../lib/list-reply.js'
import { Problem } from '../../../lib/problem.js'
import { figureConditions, figures } from '../../../resources/figures.js'
import { example } from '../../../schemas/examples.js'
import { FigureFilters } from '../../../schemas/filters.js'
import { csvOutput } from '../records.js'
import { ListQuery } from '../../../schemas/list-query.js'
import { listResponses, problemResponse } from '../../../schemas/responses.js'
import { dimensionKeys, FigureTotalsQuery, FigureTotalsResponse, maxListedFigureIds, type Dimension, type FigureTotal } from '../../../schemas/stats.js'

// The parameters that say which totals (and so which rows, and which figures in each): the filters, the grouping and
// the include_ switches. The rest (sort, format, figure_ids) only say how to render them.
const question = ['group_by', 'include_subsets', 'include_uncertain', 'include_duplicates', 'include_superseded',
  ...Object.keys(FigureFilters)]

const { group_by: groupBy, include_subsets: includeSubsets, include_uncertain: includeUncertain,
  include_duplicates: includeDuplicates, include_superseded: includeSuperseded } = FigureTotalsQuery.properties

// A page of the figures of one row: every list parameter but q (a search would list fewer than the row adds).
const { q: _search, ...listParameters } = ListQuery('figures', Object.keys(figures.sort), {}, figures.fieldNames).properties
const AddedFiguresQuery = Type.Object({
  group_by: groupBy,
  row: Type.Optional(Type.String({
    maxLength: 2000,
    description: 'Which row of the totals: its values in group_by order, comma-separated, empty for null ("2023"; ' +
      '"reg-cac+reg-samr+reg-sta,punished", its + sent as %2B; "" for the row of undated figures by year). Without it, ' +
      'the figures of every row: all the figures the totals add. Each row of /v1/stats/figures gives its whole address ' +
      'in `figures_url`.',
    examples: ['accounts,closed_permanently,2023']
  })),
  ...listParameters,
  ...FigureFilters,
  include_subsets: includeSubsets,
  include_uncertain: includeUncertain,
  include_duplicates: includeDuplicates,
  include_superseded: includeSuperseded
}, { additionalProperties: false })


const rowKey = (groupBy: Dimension[], row: TotalsRow): Array<string | null> =>
  groupBy.map((d) => ((row as Record<string, unknown>)[dimensionKeys[d]] as string | null | undefined) ?? null)

const stats: FastifyPluginAsyncTypebox = async (app) => {
  const lookup = lookupOn(app.db)
  const addedCsv = { ...csvOutput(figures), name: 'figures-added' }
  const filtersOf = (query: Parameters<typeof figureConditions>[0] & Record<string, unknown>) => {
    checkFilters(figures.filters, query, lookup)
    return figureConditions(query, { forTotals: true })
  }
  /** The address of the figures a row adds: the question that made the totals, sorted, and the row. */
  const figuresUrl = (request: FastifyRequest, groupBy: Dimension[]) => {
    const asked = new URLSearchParams(Object.entries(request.query as Record<string, unknown>)
      .filter(([name, value]) => question.includes(name) && value !== undefined)
      .map(([name, value]) => [name, String(value)])
      .sort(([a], [b]) => a < b ? -1 : 1))
    return (row: TotalsRow) => {
      const params = new URLSearchParams(asked)
      if (groupBy.length) params.set('row', rowKey(groupBy, row).map((value) => value ?? '').join(','))
      params.sort()
      return `${app.publicUrl}/v1/stats/figures/added?${params.toString()}`
    }
  }

  app.get('/figures', {
    schema: {
      tags: ['stats'],
      operationId: 'getFigureTotals',
      summary: 'Totals and time series of figures',
      description: 'Adds figures up, grouped by any of campaign, regulator, platform, violation_category, unit, action, ' +
        'qualifier, source, year, month, with every filter of /v1/figures. The arithmetic is honest: (1) a sum adds one ' +
        'measure, a unit and an action: group by unit and action, or filter to one of each, or it is a 400; units that ' +
        'count occurrences or durations (days, person_times...) are never added; (2) no fact is counted twice: a figure ' +
        'that repeats another report of the same fact (`same_fact_as`), is an earlier count of a running total ' +
        '(`superseded_by`), or is part of another figure of the same measure (`subset_of`) is left out when that other ' +
        'figure also matches your filters, unless you ask for them; a breakdown whose relation to a total is uncertain ' +
        '(`subset_certainty: uncertain`) is left out unless include_uncertain=true; (3) a figure covering several platforms (or of a ' +
        'campaign run by several regulators) is in one row for the combination, never counted in full for each; (4) ' +
        'figures given only in words have no number. `meta` says how many were left out and why. Each row says how much ' +
        'of its sum is hedged and how to read it (`sum_kind`: exact, at_least, at_most, approximate), and where to list ' +
        'the figures it adds (`figures_url`, a paged list of the figures with their sources; their ids inline with ' +
        'figure_ids=true for small totals), so that every total can be traced to its sources. The answer\'s size grows ' +
        'with the number of rows, not with the number of figures added. Accounts handled (处置) include those closed for ' +
        'good: the two are separate rows, never added. All rows come in one answer (no paging); CSV with format=csv or ' +
        'Accept: text/csv.',
      querystring: FigureTotalsQuery,
      response: {
        200: {
          description: 'One row per group (JSON), or the rows as CSV.',
          content: {
            'application/json': { schema: FigureTotalsResponse, example: example('stats.figures') },
            'text/csv': {
              schema: Type.String({
                description: 'RFC 4180 CSV with a header row, UTF-8: the group keys, then the totals and figures_url; with ' +
                  'figure_ids=true, figure_ids joined with "; ".'
              }),
              example: example('stats.csv')
            }
          }
        },
        400: problemResponse('A parameter is unknown or malformed, the sum would add different measures (units or actions, `type` ' +
          '/problems/mixed-units) or a unit that does not add up, or figure_ids=true would list more than ' +
          `${maxListedFigureIds.toLocaleString('en')} ids; \`invalid_params\` says which.`,
        Problem.badParam('group_by', 'must include unit, or filter to one unit (unit=accounts)', 'mixed-units'), '/v1/stats/figures?group_by=year')
      }
    }
  }, async (request, reply) => {
    const plan = planTotals(request.query)
    const where = filtersOf(request.query)
    const { rows, account } = figureTotals(app.db, plan.groupBy, where, plan.options, plan.sort)
    const withIds = request.query.figure_ids === true
    if (withIds && account.figures_summed > maxListedFigureIds) {
      throw Problem.badParam('figure_ids', `would list ${account.figures_summed.toLocaleString('en')} ids; figure_ids=true lists at ` +
        `most ${maxListedFigureIds.toLocaleString('en')}. Follow each row's figures_url, which lists its figures page by page`)
    }
    const ids = withIds ? figureIdsByRow(app.db, plan.groupBy, where, plan.options) : undefined
    const url = figuresUrl(request, plan.groupBy)
    const data: FigureTotal[] = rows.map((row) => ids
      ? { ...row, figures_url: url(row), figure_ids: ids.get(JSON.stringify(rowKey(plan.groupBy, row))) ?? [] }
      : { ...row, figures_url: url(row) })
    addVary(reply, 'accept')
    if (wantsCsv(request.headers.accept, request.query.format)) {
      return csvReply(reply, data, figureTotalsCsv(plan.groupBy, withIds), 'figure-totals', request.query.bom)
    }
    return { data, meta: { group_by: plan.groupBy, ...account } }
  })

  app.get('/figures/added', {
    schema: {
      tags: ['stats'],
      operationId: 'listFiguresAdded',
      summary: 'The figures one row of totals adds',
      description: 'Lists, page by page, exactly the figures that one row of /v1/stats/figures adds up: the same ' +
        'parameters (filters, group_by, include_...) and `row`, the row\'s values (without row: the figures of every row, ' +
        'all those the totals add). Each row of the totals links here in ' +
        '`figures_url`. The figures the totals leave out (other reports of the same fact, earlier counts, parts of ' +
        'a whole, uncertain breakdowns, figures without a number: see `meta.left_out` there) are not listed, which is why ' +
        'this is not a /v1/figures filter: whether a figure is added depends on which other figures match. Records, ' +
        'paging, sort, fields and CSV as /v1/figures; include_total=true gives the count, which equals the row\'s `count` ' +
        '(without row, `meta.figures_summed`).',
      querystring: AddedFiguresQuery,
      response: {
        ...listResponses('Figure', 'figures', 'A page of the figures the row adds (JSON), or CSV.'),
        400: problemResponse('A parameter is unknown or malformed, the totals would add different measures (as for ' +
          '/v1/stats/figures), or `row` has the wrong number of values or names no row of these totals; ' +
          '`invalid_params` says which.', Problem.badParam('row', 'names no row of these totals'),
        '/v1/stats/figures/added?unit=accounts&action=closed&group_by=year&row=1066')
      }
    }
  }, async (request, reply) => {
    const plan = planTotals({ ...request.query, sort: undefined })
    const values = parseRow(plan.groupBy, request.query.row)
    const list = parseListParams(figures.list, figures.fieldNames, request.query, request.headers.accept, lookup)
    const where = filtersOf(request.query)
    const inTotals = [...where, addedFigures(where, plan.options)]
    if (values === undefined) return replyWithList(request, reply, app.db, figures.list, inTotals, list, addedCsv)
    const { rows } = figureTotals(app.db, plan.groupBy, where, plan.options, plan.sort)
    if (!rows.some((row) => rowKey(plan.groupBy, row).every((value, i) => value === values[i]))) {
      throw Problem.badParam('row', `names no row of these totals (${plan.groupBy.join(', ')} = ${values.map((v) => v ?? 'null').join(', ')}): ` +
        '/v1/stats/figures with the same parameters lists the rows')
    }
    return replyWithList(request, reply, app.db, figures.list, [...inTotals, inRow(plan.groupBy, values)], list, addedCsv)
  })
}

export default stats

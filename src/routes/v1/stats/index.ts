import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { lookupOn } from '../../../db/lookup.js'
import { checkFilters, wantsCsv } from '../../../lib/list-request.js'
import { figureConditions, figures } from '../../../resources/figures.js'
import { figureTotals, totalsAccount } from '../../../db/queries/stats.js'
import { figureTotalsCsv } from '../../../lib/csv-columns.js'
import { planTotals } from '../../../lib/figure-totals.js'
import { addVary, csvReply } from '../../../lib/list-reply.js'
import { Problem } from '../../../lib/problem.js'
import { example } from '../../../schemas/examples.js'
import { problemResponse } from '../../../schemas/responses.js'
import { FigureTotalsQuery, FigureTotalsResponse } from '../../../schemas/stats.js'

const stats: FastifyPluginAsyncTypebox = async (app) => {
  const lookup = lookupOn(app.db)
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
        'of its sum is hedged and how to read it (`sum_kind`: exact, at_least, at_most, approximate) and lists the ' +
        'figures it adds. Accounts handled (处置) include those closed for good: the two are separate rows, never added. ' +
        'All rows come in one answer (no paging); CSV with format=csv or Accept: text/csv.',
      querystring: FigureTotalsQuery,
      response: {
        200: {
          description: 'One row per group (JSON), or the rows as CSV.',
          content: {
            'application/json': { schema: FigureTotalsResponse, example: example('stats.figures') },
            'text/csv': {
              schema: Type.String({
                description: 'RFC 4180 CSV with a header row, UTF-8: the group keys, then the totals; figure_ids joined with "; ".'
              }),
              example: example('stats.csv')
            }
          }
        },
        400: problemResponse('A parameter is unknown or malformed, or the sum would add different measures (units or actions, `type` ' +
          '/problems/mixed-units) or a unit that does not add up; `invalid_params` says which.', Problem.badParam('group_by', 'must include unit, or filter to one unit (unit=accounts)', 'mixed-units'),
        '/v1/stats/figures?group_by=year')
      }
    }
  }, async (request, reply) => {
    const plan = planTotals(request.query)
    checkFilters(figures.filters, request.query, lookup)
    const where = figureConditions(request.query)
    const rows = figureTotals(app.db, plan.groupBy, where, plan.options, plan.sort)
    addVary(reply, 'accept')
    if (wantsCsv(request.headers.accept, request.query.format)) return csvReply(reply, rows, figureTotalsCsv(plan.groupBy), 'figure-totals', request.query.bom)
    return { data: rows, meta: { group_by: plan.groupBy, ...totalsAccount(app.db, where, plan.options) } }
  })
}

export default stats

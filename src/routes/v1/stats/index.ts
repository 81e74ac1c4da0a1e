import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { figureFilters } from '../../../db/queries/figures.js'
import { figureTotals, totalsAccount } from '../../../db/queries/stats.js'
import { figureTotalsCsv } from '../../../lib/csv-columns.js'
import { planTotals } from '../../../lib/figure-totals.js'
import { csvReply, wantsCsv } from '../../../lib/list-reply.js'
import { Problem } from '../../../lib/problem.js'
import { example } from '../../../schemas/examples.js'
import { problemResponse } from '../../../schemas/responses.js'
import { FigureTotalsQuery, FigureTotalsResponse } from '../../../schemas/stats.js'

const stats: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/figures', {
    schema: {
      tags: ['stats'],
      operationId: 'getFigureTotals',
      summary: 'Totals and time series of figures',
      description: 'Adds figures up, grouped by any of campaign, regulator, platform, violation_category, unit, action, ' +
        'qualifier, source, year, month, with every filter of /v1/figures. The arithmetic is honest: (1) different units ' +
        'are never added (group by unit or filter to one unit, or it is a 400); (2) no fact is counted twice: a figure that ' +
        'repeats another report of the same fact (`same_fact_as`) or is part of another figure (`subset_of`) is left ' +
        'out when that other figure also matches your filters, unless you ask for them (so `action=closed_permanently` ' +
        'still counts the accounts closed, which are part of the accounts handled that the filter leaves out); (3) figures given only in words have no number and are ' +
        'left out; `meta` says how many were left out and why. Each row says how much of its sum is hedged and how ' +
        'to read it (`sum_kind`: exact, at_least, at_most, approximate) and lists the figures it adds. The data marks ' +
        'the overlaps the sources make clear (a breakdown of a total, an earlier count of a cumulative total, a ' +
        'half-year tally inside its year); figures with different actions (accounts "handled" and accounts "closed") ' +
        'may still overlap, so group by action and campaign when in doubt. All rows come in one answer (no paging); CSV with format=csv or Accept: text/csv.',
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
        400: problemResponse('A parameter is unknown or malformed, or the sum would add different units (`type` ' +
          '/problems/mixed-units); `invalid_params` says which.', Problem.badParam('group_by', 'must include unit, or filter to one unit (unit=accounts)', 'mixed-units'),
        '/v1/stats/figures?group_by=year')
      }
    }
  }, async (request, reply) => {
    const plan = planTotals(request.query)
    const where = figureFilters(app.db, request.query)
    const rows = figureTotals(app.db, plan.groupBy, where, plan.options, plan.sort)
    if (wantsCsv(request, reply, request.query.format)) return csvReply(reply, rows, figureTotalsCsv(plan.groupBy), 'figure-totals', request.query.bom)
    return { data: rows, meta: { group_by: plan.groupBy, ...totalsAccount(app.db, where, plan.options) } }
  })
}

export default stats

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { figureFilters } from '../../../db/queries/figures.js'
import { figureTotals, totalsAccount } from '../../../db/queries/stats.js'
import { csvReply, wantsCsv, type CsvColumns } from '../../../lib/list-reply.js'
import { Problem } from '../../../lib/problem.js'
import { example } from '../../../schemas/examples.js'
import {
  dimensionKeys, dimensions, FigureTotalsQuery, FigureTotalsResponse, totalFields, type Dimension, type FigureTotal
} from '../../../schemas/stats.js'

function checkGroupBy (groupBy: string | undefined, unitFilter: string | undefined): Dimension[] {
  const names = groupBy === undefined ? [] : groupBy.split(',')
  const unknown = names.find((name) => !(dimensions as readonly string[]).includes(name))
  if (unknown !== undefined) throw Problem.badParam('group_by', `cannot group by "${unknown}". Dimensions: ${dimensions.join(', ')}`)
  if (new Set(names).size !== names.length) throw Problem.badParam('group_by', 'names a dimension twice')
  if (!names.includes('unit') && unitFilter === undefined) {
    throw Problem.badParam('group_by', 'must include unit, or filter to one unit (unit=accounts): figures count different ' +
      'things (accounts, posts, websites...) and a sum of accounts and posts would mean nothing')
  }
  return names as Dimension[]
}

function checkSort (sort: string | undefined, groupBy: Dimension[]): string[] {
  const keys = groupBy.map((d) => dimensionKeys[d])
  if (sort === undefined) return keys
  const allowed = [...keys, ...totalFields]
  const fields = sort.split(',')
  const names = fields.map((f) => f.replace(/^-/, ''))
  const unknown = names.find((name) => !allowed.includes(name))
  if (unknown !== undefined) throw Problem.badParam('sort', `cannot sort by "${unknown}". Sortable here: ${allowed.join(', ')}`)
  if (new Set(names).size !== names.length) throw Problem.badParam('sort', 'names a field twice')
  return fields
}

function csvColumns (groupBy: Dimension[]): CsvColumns<FigureTotal> {
  const keys = Object.fromEntries(groupBy.map((d) => {
    const key = dimensionKeys[d] as keyof FigureTotal
    return [key, (row: FigureTotal) => row[key] as string | null]
  }))
  return {
    ...keys,
    sum: (r) => r.sum,
    count: (r) => r.count,
    exact_count: (r) => r.exact_count,
    over_count: (r) => r.over_count,
    almost_count: (r) => r.almost_count,
    around_count: (r) => r.around_count,
    hedged_sum: (r) => r.hedged_sum,
    sum_is_lower_bound: (r) => r.sum_is_lower_bound,
    sum_kind: (r) => r.sum_kind,
    figure_ids: (r) => r.figure_ids.join('; ')
  }
}

const stats: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/figures', {
    schema: {
      tags: ['stats'],
      summary: 'Totals and time series of figures',
      description: 'Adds figures up, grouped by any of campaign, regulator, platform, violation_category, unit, action, ' +
        'qualifier, source, year, month, with every filter of /v1/figures. The arithmetic is honest: (1) different units ' +
        'are never added (group by unit or filter to one unit, or it is a 400); (2) no fact is counted twice: figures ' +
        'that repeat another report of the same fact (`same_fact_as`) and figures that are part of another figure ' +
        '(`subset_of`) are left out unless you ask for them; (3) figures given only in words have no number and are ' +
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
        400: Type.Ref('Problem', {
          description: 'A parameter is unknown or malformed, or the sum would add different units; `invalid_params` says which.'
        })
      }
    }
  }, async (request, reply) => {
    const query = request.query
    const groupBy = checkGroupBy(query.group_by, query.unit)
    const sort = checkSort(query.sort, groupBy)
    const where = figureFilters(app.db, query)
    const options = { includeSubsets: query.include_subsets === true, includeDuplicates: query.include_duplicates === true }
    const rows = figureTotals(app.db, groupBy, where, options, sort)
    if (wantsCsv(request, query.format)) return csvReply(reply, rows, csvColumns(groupBy), 'figure-totals')
    return { data: rows, meta: { group_by: groupBy, ...totalsAccount(app.db, where, options) } }
  })
}

export default stats

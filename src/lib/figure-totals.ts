import type { TotalsOptions } from '../db/queries/stats.js'
import { Problem } from './problem.js'
import { dimensionKeys, dimensions, totalFields, type Dimension, type FigureTotalsQuery } from '../schemas/stats.js'

/** What /v1/stats/figures was asked for, checked against the rules of honest arithmetic. */
export interface TotalsPlan { groupBy: Dimension[], sort: string[], options: TotalsOptions }

export function planTotals (query: FigureTotalsQuery): TotalsPlan {
  const groupBy = checkGroupBy(query.group_by, query.unit)
  return {
    groupBy,
    sort: checkSort(query.sort, groupBy),
    options: { includeSubsets: query.include_subsets === true, includeDuplicates: query.include_duplicates === true }
  }
}

function checkGroupBy (groupBy: string | undefined, unitFilter: string | undefined): Dimension[] {
  const names = groupBy === undefined ? [] : groupBy.split(',')
  const unknown = names.find((name) => !(dimensions as readonly string[]).includes(name))
  if (unknown !== undefined) throw Problem.badParam('group_by', `cannot group by "${unknown}". Dimensions: ${dimensions.join(', ')}`)
  if (new Set(names).size !== names.length) throw Problem.badParam('group_by', 'names a dimension twice')
  if (!names.includes('unit') && unitFilter === undefined) {
    throw Problem.badParam('group_by', 'must include unit, or filter to one unit (unit=accounts): figures count different ' +
      'things (accounts, posts, websites...) and a sum of accounts and posts would mean nothing', 'mixed-units')
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

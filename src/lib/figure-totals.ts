import type { TotalsOptions } from '../db/queries/stats.js'
import { Problem } from './problem.js'
import { dimensionKeys, dimensions, totalFields, type Dimension, type FigureTotalsQuery } from '../schemas/stats.js'
import { nonAdditiveUnits } from '../schemas/vocabulary.js'

/** What /v1/stats/figures was asked for, checked against the rules of honest arithmetic. */
export interface TotalsPlan { groupBy: Dimension[], sort: string[], options: TotalsOptions }

/** The parameters that decide which totals are made (the rest filter the figures, or say how to render them). */
export type TotalsQuestion = Pick<FigureTotalsQuery, 'group_by' | 'unit' | 'action' | 'sort' | 'include_subsets' |
  'include_uncertain' | 'include_duplicates' | 'include_superseded'>

export function planTotals (query: TotalsQuestion): TotalsPlan {
  const groupBy = checkGroupBy(query.group_by, query.unit, query.action)
  return {
    groupBy,
    sort: checkSort(query.sort, groupBy),
    options: {
      includeSubsets: query.include_subsets === true,
      includeUncertain: query.include_uncertain === true,
      includeDuplicates: query.include_duplicates === true,
      includeSuperseded: query.include_superseded === true
    }
  }
}

function checkGroupBy (groupBy: string | undefined, unitFilter: string | undefined, actionFilter: string | undefined): Dimension[] {
  const names = groupBy === undefined ? [] : groupBy.split(',')
  const unknown = names.find((name) => !(dimensions as readonly string[]).includes(name))
  if (unknown !== undefined) throw Problem.badParam('group_by', `cannot group by "${unknown}". Dimensions: ${dimensions.join(', ')}`)
  if (new Set(names).size !== names.length) throw Problem.badParam('group_by', 'names a dimension twice')
  if (unitFilter !== undefined && (nonAdditiveUnits as readonly string[]).includes(unitFilter)) {
    throw Problem.badParam('unit', `"${unitFilter}" does not add up: ${nonAdditiveUnits.join(', ')} count occurrences or ` +
      'durations (2,089 person-times may be fewer people, seen several times), not distinct things. List the figures ' +
      `instead: /v1/figures?unit=${unitFilter}`, 'non-additive-unit')
  }
  if (!names.includes('unit') && unitFilter === undefined) {
    throw Problem.badParam('group_by', 'must include unit, or filter to one unit (unit=accounts): figures count different ' +
      'things (accounts, posts, websites...) and a sum of accounts and posts would mean nothing', 'mixed-units')
  }
  if (!names.includes('action') && actionFilter === undefined) {
    throw Problem.badParam('group_by', 'must include action, or filter to one action (action=handled): a measure is a unit ' +
      'and an action, and accounts targeted, handled and closed for good are different counts that overlap (the accounts ' +
      'closed are among those handled), so adding them would count accounts twice', 'mixed-actions')
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

/**
 * The row `row` names ("2023", "reg-cac+reg-samr,punished": the row's values in group_by order, empty for null), or
 * undefined for every row.
 */
export function parseRow (groupBy: Dimension[], row: string | undefined): Array<string | null> | undefined {
  if (row === undefined) return undefined
  if (groupBy.length === 0) {
    if (row !== '') throw Problem.badParam('row', 'names a row, but without group_by the totals have one row: leave it out')
    return undefined
  }
  const values = row.split(',')
  if (values.length !== groupBy.length) {
    throw Problem.badParam('row', `has ${values.length} value${values.length === 1 ? '' : 's'}, but group_by has ` +
      `${groupBy.length} (${groupBy.join(', ')}): one value per dimension, comma-separated, empty for null`)
  }
  return values.map((value) => value === '' ? null : value)
}

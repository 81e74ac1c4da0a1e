import Negotiator from 'negotiator'
import type { TProperties } from 'typebox'
import { idList, isRealDate, firstDay, lastDay } from '../db/conditions.js'
import { sortComponents, type ListSpec } from '../db/list-query.js'
import type { Lookup } from '../db/lookup.js'
import type { Filters } from '../resources/resource.js'
import { decodeCursor, type CursorValue } from './cursor.js'
import { Problem } from './problem.js'
import { searchSyntax, toMatchExpression } from './search-syntax.js'

// The parse stage of a list request: every check that needs more than the route schema (sort keys, fields, cursors,
// ids that must exist, date and value ranges, a search FTS5 can read) in one place, turning the query into a typed
// request. After it, planning is pure and the database is only read.

export const defaultLimit = 50

export interface ListParams {
  limit?: number, cursor?: string, sort?: string, format?: 'json' | 'csv', fields?: string, include_total?: boolean, bom?: boolean, q?: string
}

export interface ListRequest {
  sort: string
  /** The sort-key values of the last record of the previous page. */
  after?: CursorValue[]
  /** Undefined for a CSV export of every matching record. */
  limit?: number
  /** The fields `fields=` named, id included; undefined for all. */
  fields?: Set<string>
  csv: boolean
  bom: boolean
  includeTotal: boolean
  /** `q` as an FTS5 MATCH expression. */
  match?: string
}

export function checkSort (spec: Pick<ListSpec<unknown>, 'sortable' | 'defaultSort'>, sort: string | undefined): string {
  if (sort === undefined) return spec.defaultSort
  const names = sort.split(',').map((f) => f.replace(/^-/, ''))
  const unknown = names.find((name) => !Object.hasOwn(spec.sortable, name))
  if (unknown !== undefined) {
    throw Problem.badParam('sort', `cannot sort by "${unknown}". Sortable fields: ${Object.keys(spec.sortable).join(', ')}`)
  }
  if (new Set(names).size !== names.length) throw Problem.badParam('sort', 'names a field twice')
  return sort
}

/** The fields `fields=` names, id always included; undefined for every field. */
export function checkFields (allowed: readonly string[], fields: string | undefined): Set<string> | undefined {
  if (fields === undefined) return undefined
  const names = fields.split(',')
  const unknown = names.find((name) => !allowed.includes(name))
  if (unknown !== undefined) throw Problem.badParam('fields', `has no field "${unknown}". Fields: ${allowed.join(', ')}`)
  return new Set(['id', ...names])
}

const offered = ['application/json', 'text/csv']

/**
 * CSV when `format=csv`, or when the Accept header prefers text/csv (q-values and case honoured; JSON when it
 * prefers neither).
 */
export function wantsCsv (accept: string | undefined, format: ListParams['format']): boolean {
  if (format) return format === 'csv'
  return new Negotiator({ headers: { accept } }).mediaType(offered) === 'text/csv'
}

/** `q` as a MATCH expression FTS5 accepts: tried once on the index, so a search it rejects is a 400 naming q. */
export function checkSearch (lookup: Lookup, q: string): string {
  // SQLite reads the expression as a C string: a NUL would cut it short ("unterminated string").
  if (q.includes('\0')) throw Problem.badParam('q', 'contains a NUL character (%00), which no search can hold', 'invalid-search')
  const expression = toMatchExpression(q)
  const error = lookup.searchError(expression)
  if (error !== undefined) throw Problem.badParam('q', `is not a search FTS5 can read (${error}). ${searchSyntax}`, 'invalid-search')
  return expression
}

/** The checks a resource's filters declare: ids that exist, real dates in order, value ranges in order. */
export function checkFilters<Q extends TProperties> (filters: Filters<Q>, query: Record<string, unknown>, lookup: Lookup): void {
  for (const [param, target] of Object.entries(filters.ids ?? {})) {
    const raw = query[param]
    if (typeof raw !== 'string' || !target) continue
    const missing = lookup.missingIds(target.table, idList(raw))
    if (missing.length) {
      throw Problem.badParam(param, `names no ${target.label}: ${missing.map((id) => `"${id}"`).join(', ')}. ` +
        `The ids are listed at ${target.listedAt}`, 'unknown-id')
    }
  }
  for (const [fromParam, toParam] of filters.dateRanges ?? []) {
    const [from, to] = [query[fromParam], query[toParam]] as Array<string | undefined>
    for (const [param, value] of [[fromParam, from], [toParam, to]] as const) {
      if (value !== undefined && !isRealDate(value)) throw Problem.badParam(param, `is not a real date: "${value}"`)
    }
    if (from !== undefined && to !== undefined && firstDay(from) > lastDay(to)) {
      throw Problem.badParam(fromParam, `(${from}) is after ${toParam} (${to})`)
    }
  }
  for (const [minParam, maxParam] of filters.valueRanges ?? []) {
    const [min, max] = [query[minParam], query[maxParam]] as Array<number | undefined>
    if (min !== undefined && max !== undefined && min > max) throw Problem.badParam(minParam, `(${min}) is more than ${maxParam} (${max})`)
  }
}

/** The paging, ordering and format parameters every list takes, checked against what the list offers. */
export function parseListParams (spec: ListSpec<unknown>, fieldNames: readonly string[], params: ListParams, accept: string | undefined, lookup: Lookup): ListRequest {
  const sort = checkSort(spec, params.sort)
  const csv = wantsCsv(accept, params.format)
  return {
    sort,
    after: params.cursor === undefined ? undefined : decodeCursor(params.cursor, sort, sortComponents(spec, sort).length),
    limit: csv && params.limit === undefined && params.cursor === undefined ? undefined : params.limit ?? defaultLimit,
    fields: checkFields(fieldNames, params.fields),
    csv,
    bom: params.bom === true,
    includeTotal: params.include_total === true,
    match: params.q === undefined ? undefined : checkSearch(lookup, params.q)
  }
}

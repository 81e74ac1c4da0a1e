import type { Sqlite } from './connection.js'
import { prepareCached, type Condition } from './list-query.js'
import { Problem } from '../lib/problem.js'
import type { WindowUnknown } from '../schemas/vocabulary.js'

// Building blocks of the filters of every list and of the totals: each turns one validated query parameter
// into a SQL condition, so that a list and its totals always select the same records.

/**
 * The ids of a comma-separated id parameter (`regulator=reg-cac,reg-mps`), each checked to exist: a typo
 * answers 400 naming it rather than an empty list that looks like "no such records".
 */
export function knownIds (db: Sqlite, param: string, table: string, what: string, raw: string): string[] {
  const ids = [...new Set(raw.split(','))]
  const found = new Set((prepareCached(db, `SELECT id FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as Array<{ id: string }>).map((row) => row.id))
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length) {
    throw Problem.badParam(param, `names no ${what}: ${missing.map((id) => `"${id}"`).join(', ')}. ` +
      `The ids are listed at ${table === 'owners' ? 'the `owner` of each platform, /v1/platforms' : `/v1/${table.replaceAll('_', '-')}`}`, 'unknown-id')
  }
  return ids
}

/**
 * A condition on a list of ids: `sql` receives a subquery that yields them (`column IN (${list})`) and may use
 * it more than once. One statement serves any number of ids, so the statement cache stays small.
 */
export function inIds (sql: (list: string) => string, ids: string[]): Condition {
  const list = 'SELECT value FROM json_each(?)'
  const text = sql(list)
  return { sql: text, params: text.split(list).slice(1).map(() => JSON.stringify(ids)) }
}

export const equals = (column: string, value: unknown): Condition => ({ sql: `${column} = ?`, params: [value] })

// Partial dates ("2023", "2023-05", "2023-05-22") are stored as ISO text. As a range, "2023" is
// 2023-01-01..2023-12-31 and "2023-05" is 2023-05-01..2023-05-31.
const startOf = (column: string) =>
  `(CASE length(${column}) WHEN 4 THEN ${column} || '-01-01' WHEN 7 THEN ${column} || '-01' ELSE ${column} END)`
const endOf = (column: string) =>
  `(CASE length(${column}) WHEN 4 THEN ${column} || '-12-31' WHEN 7 THEN date(${column} || '-01', '+1 month', '-1 day') ELSE ${column} END)`

/** The first day a partial date parameter covers; 400 for a day that does not exist (2023-02-30). */
export function firstDay (param: string, value: string): string {
  const [year, month = '01', day = '01'] = value.split('-')
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (date.getUTCDate() !== Number(day)) throw Problem.badParam(param, `is not a real date: "${value}"`)
  return `${year}-${month}-${day}`
}

/** The last day a partial date parameter covers: "2023" -> 2023-12-31, "2024-02" -> 2024-02-29. */
export function lastDay (param: string, value: string): string {
  firstDay(param, value)
  const [year, month, day] = value.split('-')
  if (day) return value
  if (!month) return `${year}-12-31`
  const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()
  return `${year}-${month}-${String(last).padStart(2, '0')}`
}

export interface DateRange { from?: string, to?: string }

function checkedRange (names: [string, string], range: DateRange): { start?: string, end?: string } {
  const start = range.from === undefined ? undefined : firstDay(names[0], range.from)
  const end = range.to === undefined ? undefined : lastDay(names[1], range.to)
  if (start !== undefined && end !== undefined && start > end) {
    throw Problem.badParam(names[0], `(${range.from}) is after ${names[1]} (${range.to})`)
  }
  return { start, end }
}

/**
 * A dated record is in the range when all of its (partial) date is: "2023-05-22" and "2023-05" are in
 * from=2023-05, "2023" is not (it may be any month of 2023). Records without a date are never in a range.
 */
export function dateWithin (column: string, names: [string, string], range: DateRange): Condition[] {
  const { start, end } = checkedRange(names, range)
  const conditions: Condition[] = []
  if (start !== undefined) conditions.push({ sql: `${column} IS NOT NULL AND ${startOf(column)} >= ?`, params: [start] })
  if (end !== undefined) conditions.push({ sql: `${column} IS NOT NULL AND ${endOf(column)} <= ?`, params: [end] })
  return conditions
}


/** A campaign's window as the data knows it: its stated bounds, and the dates it is known to have been active at. */
export interface ActivityColumns { start: string, end: string, knownFrom: string, knownTo: string }

/**
 * Was a campaign running during the range? Known: the span it is known to have been active over (its window, where a
 * bound is missing the dates of its own figures' counts) overlaps the range, each partial date read widely. May have
 * been: a bound is unknown and the known bounds do not rule the range out. `windowUnknown` says what to do with the
 * campaigns that may have been but are not known to have been: leave them out (exclude), add them (include), or list
 * only them (only). An unknown bound is never stretched to infinity.
 */
export function activeDuring (columns: ActivityColumns, names: [string, string], range: DateRange, windowUnknown: WindowUnknown): Condition[] {
  const { start, end } = checkedRange(names, range)
  if (start === undefined && end === undefined) return []
  const known: Condition[] = [{ sql: `${columns.knownFrom} IS NOT NULL AND ${columns.knownTo} IS NOT NULL`, params: [] }]
  const possible: Condition[] = []
  if (end !== undefined) {
    known.push({ sql: `${startOf(columns.knownFrom)} <= ?`, params: [end] })
    possible.push({ sql: `(${columns.start} IS NULL OR ${startOf(columns.start)} <= ?)`, params: [end] })
  }
  if (start !== undefined) {
    known.push({ sql: `${endOf(columns.knownTo)} >= ?`, params: [start] })
    possible.push({ sql: `(${columns.end} IS NULL OR ${endOf(columns.end)} >= ?)`, params: [start] })
  }
  const all = (conditions: Condition[]) => ({
    sql: conditions.map((c) => `(${c.sql})`).join(' AND '), params: conditions.flatMap((c) => c.params)
  })
  const isKnown = all(known)
  if (windowUnknown === 'exclude') return [isKnown]
  if (windowUnknown === 'include') return possible
  return [...possible, { sql: `NOT (${isKnown.sql})`, params: isKnown.params }]
}

/** A category and every category below it, for filters that take sub-categories along. */
export const categoryAndDescendants = (list: string) => `WITH RECURSIVE tree(id) AS (
    SELECT id FROM violation_categories WHERE id IN (${list})
    UNION SELECT v.id FROM violation_categories v JOIN tree ON v.parent_id = tree.id)
  SELECT id FROM tree`

import type { Condition } from './list-query.js'
import type { WindowUnknown } from '../schemas/vocabulary.js'

// Building blocks of the filters of every list and of the totals: each turns one query parameter, already checked
// by the parse stage (src/lib/list-request.ts), into a SQL condition, so that a list and its totals always select
// the same records. Pure: no database, no HTTP.

/** The distinct ids of a comma-separated id parameter (`regulator=reg-cac,reg-mps`). */
export const idList = (raw: string): string[] => [...new Set(raw.split(','))]

/**
 * A condition on a comma-separated list of ids: `sql` receives a subquery that yields them (`column IN (${list})`)
 * and may use it more than once. One statement serves any number of ids, so the statement cache stays small.
 */
export function inIds (sql: (list: string) => string, raw: string): Condition {
  const list = 'SELECT value FROM json_each(?)'
  const text = sql(list)
  return { sql: text, params: text.split(list).slice(1).map(() => JSON.stringify(idList(raw))) }
}

export const equals = (column: string, value: unknown): Condition => ({ sql: `${column} = ?`, params: [value] })

// Partial dates ("2023", "2023-05", "2023-05-22") are stored as ISO text. As a range, "2023" is
// 2023-01-01..2023-12-31 and "2023-05" is 2023-05-01..2023-05-31.
const startOf = (column: string) =>
  `(CASE length(${column}) WHEN 4 THEN ${column} || '-01-01' WHEN 7 THEN ${column} || '-01' ELSE ${column} END)`
const endOf = (column: string) =>
  `(CASE length(${column}) WHEN 4 THEN ${column} || '-12-31' WHEN 7 THEN date(${column} || '-01', '+1 month', '-1 day') ELSE ${column} END)`

/** Whether a partial date names a day that exists (not 2023-02-30). */
export function isRealDate (value: string): boolean {
  const [year, month = '01', day = '01'] = value.split('-')
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDate() === Number(day)
}

/** The first day a partial date covers: "2023" -> 2023-01-01. */
export function firstDay (value: string): string {
  const [year, month = '01', day = '01'] = value.split('-')
  return `${year}-${month}-${day}`
}

/** The last day a partial date covers: "2023" -> 2023-12-31, "2024-02" -> 2024-02-29. */
export function lastDay (value: string): string {
  const [year, month, day] = value.split('-')
  if (day) return value
  if (!month) return `${year}-12-31`
  const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()
  return `${year}-${month}-${String(last).padStart(2, '0')}`
}

export interface DateRange { from?: string, to?: string }

const daysOf = (range: DateRange) => ({
  start: range.from === undefined ? undefined : firstDay(range.from),
  end: range.to === undefined ? undefined : lastDay(range.to)
})

/**
 * A dated record is in the range when all of its (partial) date is: "2023-05-22" and "2023-05" are in
 * from=2023-05, "2023" is not (it may be any month of 2023). Records without a date are never in a range.
 */
export function dateWithin (column: string, range: DateRange): Condition[] {
  const { start, end } = daysOf(range)
  const conditions: Condition[] = []
  // Each with a bound on the column itself, which an index on it can seek to: a date whose first day is on or after
  // the start is of the start's year or later; a date whose last day is on or before the end sorts before the end
  // (it is a prefix of its last day).
  if (start !== undefined) {
    conditions.push({ sql: `${column} IS NOT NULL AND ${startOf(column)} >= ?`, params: [start], seek: { sql: `${column} >= ?`, params: [start.slice(0, 4)] } })
  }
  if (end !== undefined) {
    conditions.push({ sql: `${column} IS NOT NULL AND ${endOf(column)} <= ?`, params: [end], seek: { sql: `${column} <= ?`, params: [end] } })
  }
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
export function activeDuring (columns: ActivityColumns, range: DateRange, windowUnknown: WindowUnknown): Condition[] {
  const { start, end } = daysOf(range)
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

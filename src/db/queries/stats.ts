import { LRUCache } from 'lru-cache'
import type { Sqlite } from '../connection.js'
import { prepareCached, whereClause, type Condition } from '../list-query.js'
import { parseJson, type DbRow } from './sql.js'
import { dimensionKeys, type Dimension, type FigureTotal } from '../../schemas/stats.js'

// Totals of figures by any dimensions. The arithmetic rules (one unit per sum, no fact counted twice) are
// checked by src/lib/figure-totals.ts; this module adds up what it is given and says what it left out.

interface DimensionSql { sql: string, join?: string }

const dimensionSql: Record<Dimension, DimensionSql> = {
  campaign: { sql: 'f.campaign_id' },
  regulator: { sql: 'cr.regulator_id', join: 'LEFT JOIN campaign_regulators cr ON cr.campaign_id = f.campaign_id' },
  platform: { sql: 'fp.platform_id', join: 'LEFT JOIN figure_platforms fp ON fp.figure_id = f.id' },
  violation_category: { sql: 'f.violation_category_id' },
  unit: { sql: 'f.unit' },
  action: { sql: 'f.action' },
  qualifier: { sql: 'f.qualifier' },
  source: { sql: 'f.source_id' },
  year: { sql: 'substr(f.date, 1, 4)' },
  month: { sql: 'CASE WHEN length(f.date) >= 7 THEN substr(f.date, 1, 7) END' }
}

export interface TotalsOptions { includeSubsets: boolean, includeDuplicates: boolean }

/**
 * The figures that would count a fact twice: a figure is left out when a figure it is part of (`subset_of`) or
 * the preferred report of its fact (`same_fact_as`), directly or through a chain of them, also matches the
 * filters. A figure whose container is filtered away still counts: accounts closed are not left out of
 * `action=closed_permanently` because they are part of accounts handled. The reason is the first link's kind.
 */
function leftOutFigures (where: Condition[], options: TotalsOptions): Condition {
  const matching = whereClause([...where, { sql: 'f.value IS NOT NULL', params: [] }])
  const follow = (kind: 'duplicates' | 'subsets', column: string) =>
    (kind === 'duplicates' ? options.includeDuplicates : options.includeSubsets) ? [] : [{ kind, column }]
  const links = [...follow('duplicates', 'same_fact_as'), ...follow('subsets', 'subset_of')]
  if (links.length === 0) return { sql: 'left_out(id, reason) AS (SELECT NULL, NULL WHERE 0)', params: [] }
  const first = links.map((l) => `SELECT f.id, '${l.kind}', f.${l.column} FROM figures f WHERE f.${l.column} IS NOT NULL AND f.id IN matched`)
  const further = links.map((l) => `SELECT up.id, up.reason, a.${l.column} FROM up JOIN figures a ON a.id = up.ancestor WHERE a.${l.column} IS NOT NULL`)
  return {
    sql: `matched(id) AS (SELECT f.id FROM figures f${matching.sql}),
      up(id, reason, ancestor) AS (${[...first, ...further].join(' UNION ')}),
      left_out(id, reason) AS (SELECT id, min(reason) FROM up WHERE ancestor IN matched GROUP BY id)`,
    params: matching.params
  }
}

// The served file never changes while the process runs, so a total once computed stays right; dashboards ask the
// same totals again and again, and on a million figures one costs a scan. Bounded by the length of the answers.
const answers = new WeakMap<Sqlite, LRUCache<string, { value: unknown }>>()

function remembered<T> (db: Sqlite, sql: string, params: unknown[], compute: () => T): T {
  let cache = answers.get(db)
  if (!cache) {
    answers.set(db, cache = new LRUCache({
      max: 1000,
      maxSize: 64 * 1024 * 1024,
      sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.value).length)
    }))
  }
  const key = JSON.stringify([sql, params])
  const hit = cache.get(key)
  if (hit) return hit.value as T
  const value = compute()
  cache.set(key, { value })
  return value
}

function sumKind (over: number, almost: number, around: number): FigureTotal['sum_kind'] {
  if (around > 0 || (over > 0 && almost > 0)) return 'approximate'
  if (over > 0) return 'at_least'
  if (almost > 0) return 'at_most'
  return 'exact'
}

/** `sort` as validated field names ("-sum", "year"): the group keys and the totals. */
export function figureTotals (db: Sqlite, groupBy: Dimension[], where: Condition[], options: TotalsOptions, sort: string[]): FigureTotal[] {
  const keys = groupBy.map((d) => ({ name: dimensionKeys[d], ...dimensionSql[d] }))
  const joins = keys.flatMap((k) => k.join ?? []).join(' ')
  const leftOut = leftOutFigures(where, options)
  const clause = whereClause([...where, { sql: 'f.value IS NOT NULL AND f.id NOT IN (SELECT id FROM left_out)', params: [] }])
  const order = sort.map((field) => {
    const descending = field.startsWith('-')
    const name = `"${descending ? field.slice(1) : field}"`
    return `${name} IS NULL, ${name}${descending ? ' DESC' : ''}`
  })
  const sql = `WITH RECURSIVE ${leftOut.sql}
    SELECT ${keys.map((k) => `${k.sql} AS "${k.name}", `).join('')}
      sum(f.value) AS sum, count(*) AS count,
      sum(f.qualifier = 'none') AS exact_count, sum(f.qualifier = 'over') AS over_count,
      sum(f.qualifier = 'almost') AS almost_count, sum(f.qualifier = 'around') AS around_count,
      coalesce(sum(CASE WHEN f.qualifier <> 'none' THEN f.value END), 0) AS hedged_sum,
      json_group_array(f.id) AS figure_ids
    FROM figures f ${joins}${clause.sql}
    ${keys.length ? `GROUP BY ${keys.map((k) => `"${k.name}"`).join(', ')}` : ''}
    ${order.length ? `ORDER BY ${order.join(', ')}` : ''}`
  const params = [...leftOut.params, ...clause.params]
  return remembered(db, sql, params, () =>
    (prepareCached(db, sql).all(...params) as DbRow[]).filter((row) => (row.count as number) > 0).map(toTotal))
}

function toTotal (row: DbRow): FigureTotal {
  const [over, almost, around] = [row.over_count, row.almost_count, row.around_count] as number[]
  const kind = sumKind(over, almost, around)
  return {
    ...row,
    figure_ids: parseJson<string[]>(row.figure_ids).sort(),
    sum_is_lower_bound: kind === 'at_least',
    sum_kind: kind
  } as FigureTotal
}

/** How many figures match the filters, how many were added, and why the others were not. */
export function totalsAccount (db: Sqlite, where: Condition[], options: TotalsOptions) {
  const leftOut = leftOutFigures(where, options)
  const clause = whereClause(where)
  const sql = `WITH RECURSIVE ${leftOut.sql}
    SELECT count(*) AS matching,
      coalesce(sum(f.value IS NULL), 0) AS without_value,
      coalesce(sum(left_out.reason = 'duplicates'), 0) AS duplicates,
      coalesce(sum(left_out.reason = 'subsets'), 0) AS subsets
    FROM figures f LEFT JOIN left_out ON left_out.id = f.id${clause.sql}`
  const params = [...leftOut.params, ...clause.params]
  const row = remembered(db, sql, params, () => prepareCached(db, sql).get(...params) as
    { matching: number, without_value: number, duplicates: number, subsets: number })
  const leftOutCounts = { without_value: row.without_value, duplicates: row.duplicates, subsets: row.subsets }
  return {
    figures_matching: row.matching,
    figures_summed: row.matching - leftOutCounts.without_value - leftOutCounts.duplicates - leftOutCounts.subsets,
    left_out: leftOutCounts
  }
}

import { LRUCache } from 'lru-cache'
import type { Sqlite } from '../connection.js'
import { prepareCached, whereClause, type Condition } from '../list-query.js'
import { parseJson, type DbRow } from './sql.js'
import { dimensionKeys, type Dimension, type FigureTotal } from '../../schemas/stats.js'
import { nonAdditiveUnits } from '../../schemas/vocabulary.js'

// Totals of figures by any dimensions. The arithmetic rules (one measure per sum: one unit and one action) are
// checked by src/lib/figure-totals.ts; this module adds up what it is given, never a fact twice, and says what it
// left out and why.

// A figure naming several platforms, or of a campaign run by several regulators, is in one row keyed by all of
// them ("plat-douyin+plat-kuaishou+plat-weibo"): counted in full for each, the rows would add up to more than the facts.
const combination = (table: string, key: string, value: string, owner: string) =>
  `(SELECT group_concat(${value}, '+') FROM (SELECT ${value} FROM ${table} WHERE ${key} = ${owner} ORDER BY ${value}))`

const dimensionSql: Record<Dimension, { sql: string }> = {
  campaign: { sql: 'f.campaign_id' },
  regulator: { sql: combination('campaign_regulators', 'campaign_id', 'regulator_id', 'f.campaign_id') },
  platform: { sql: combination('figure_platforms', 'figure_id', 'platform_id', 'f.id') },
  violation_category: { sql: 'f.violation_category_id' },
  unit: { sql: 'f.unit' },
  action: { sql: 'f.action' },
  qualifier: { sql: 'f.qualifier' },
  source: { sql: 'f.source_id' },
  year: { sql: 'substr(f.date, 1, 4)' },
  month: { sql: 'CASE WHEN length(f.date) >= 7 THEN substr(f.date, 1, 7) END' }
}

export interface TotalsOptions {
  includeSubsets: boolean, includeUncertain: boolean, includeDuplicates: boolean, includeSuperseded: boolean
}

export const leftOutReasons = ['without_value', 'non_additive', 'duplicates', 'superseded', 'subsets', 'uncertain_subsets'] as const
type Relation = 'duplicates' | 'superseded' | 'subsets'

const relations: Array<{ reason: Relation, column: string, when?: string, option: keyof TotalsOptions, sameMeasure: boolean }> = [
  { reason: 'duplicates', column: 'same_fact_as', option: 'includeDuplicates', sameMeasure: false },
  { reason: 'superseded', column: 'superseded_by', option: 'includeSuperseded', sameMeasure: false },
  { reason: 'subsets', column: 'subset_of', when: "subset_certainty = 'certain'", option: 'includeSubsets', sameMeasure: true }
]

const nonAdditive = `(${nonAdditiveUnits.map((u) => `'${u}'`).join(', ')})`
const leftOutReason = (options: TotalsOptions) => `CASE WHEN f.value IS NULL THEN 'without_value'
  WHEN f.unit IN ${nonAdditive} THEN 'non_additive'
  WHEN f.id IN (SELECT id FROM related) THEN (SELECT reason FROM related WHERE related.id = f.id)
  ${options.includeUncertain ? '' : "WHEN f.subset_certainty = 'uncertain' THEN 'uncertain_subsets'"} END`

/**
 * Why each matching figure is not added, if it is not: no number; a unit that does not add; or a figure that would
 * count a fact twice because another matching figure counts it: the preferred report of its fact (`same_fact_as`),
 * a later count of its running total (`superseded_by`), or a figure it is part of (`subset_of`), directly or
 * through a chain of them. A part is left out only beside a whole of its own measure: accounts closed for good stay
 * in their own row beside accounts handled, and are not left out of `action=closed_permanently`. A breakdown whose
 * relation to its total is uncertain is never added unless asked for: whether it overlaps what else is added is
 * exactly what is not known. The reason is the first link's.
 */
function leftOutFigures (where: Condition[], options: TotalsOptions): Condition {
  const matching = whereClause([...where, { sql: `f.value IS NOT NULL AND f.unit NOT IN ${nonAdditive}`, params: [] }])
  const links = relations.filter((r) => !options[r.option])
  const linkCondition = (alias: string, r: typeof links[number]) =>
    `${alias}.${r.column} IS NOT NULL${r.when ? ` AND ${alias}.${r.when}` : ''}`
  const first = links.map((r) => `SELECT f.id, f.unit, f.action, '${r.reason}', ${Number(r.sameMeasure)}, f.${r.column}
    FROM figures f WHERE ${linkCondition('f', r)} AND f.id IN matched`)
  const further = links.map((r) => `SELECT up.id, up.unit, up.action, up.reason, max(up.same_measure, ${Number(r.sameMeasure)}),
    a.${r.column} FROM up JOIN figures a ON a.id = up.ancestor WHERE ${linkCondition('a', r)}`)
  const relationLeftOut = links.length === 0 ? 'SELECT NULL, NULL WHERE 0'
    : `SELECT up.id, min(up.reason) FROM up JOIN figures a ON a.id = up.ancestor
      WHERE up.ancestor IN matched AND (up.same_measure = 0 OR (a.unit = up.unit AND a.action IS up.action)) GROUP BY up.id`
  return {
    sql: `matched(id) AS (SELECT f.id FROM figures f${matching.sql}),
      up(id, unit, action, reason, same_measure, ancestor) AS (${links.length ? [...first, ...further].join(' UNION ')
        : 'SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE 0'}),
      related(id, reason) AS (${relationLeftOut})`,
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
  const leftOut = leftOutFigures(where, options)
  const clause = whereClause([...where,
    { sql: `f.value IS NOT NULL AND f.unit NOT IN ${nonAdditive} AND f.id NOT IN (SELECT id FROM related)` +
      (options.includeUncertain ? '' : ` AND f.subset_certainty IS NOT 'uncertain'`), params: [] }])
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
    FROM figures f${clause.sql}
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
      ${leftOutReasons.map((reason) => `coalesce(sum(reason = '${reason}'), 0) AS ${reason}`).join(', ')},
      coalesce(sum(reason IS NULL AND platforms > 1), 0) AS several_platforms
    FROM (SELECT ${leftOutReason(options)} AS reason, (SELECT count(*) FROM figure_platforms WHERE figure_id = f.id) AS platforms
      FROM figures f${clause.sql})`
  const params = [...leftOut.params, ...clause.params]
  const row = remembered(db, sql, params, () => prepareCached(db, sql).get(...params) as Record<string, number>)
  const leftOutCounts = Object.fromEntries(leftOutReasons.map((reason) => [reason, row[reason]])) as Record<typeof leftOutReasons[number], number>
  return {
    figures_matching: row.matching,
    figures_summed: row.matching - Object.values(leftOutCounts).reduce((sum, n) => sum + n, 0),
    figures_with_several_platforms: row.several_platforms,
    left_out: leftOutCounts
  }
}

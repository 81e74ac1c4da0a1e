import { LRUCache } from 'lru-cache'
import type { Sqlite } from '../connection.js'
import { prepareCached, whereClause, type Condition } from '../list-query.js'
import type { DbRow } from './sql.js'
import { questionOf, storedParts, storeParts, type Statement } from '../stored-totals.js'
import { figureConditions } from '../../resources/figures.js'
import { stringBytes, valueBytes } from '../../lib/memory-size.js'
import { dimensionKeys, type Dimension, type FigureTotal, type TotalsAccount } from '../../schemas/stats.js'
import type { Static } from 'typebox'
import { nonAdditiveUnits, type Action, type Unit } from '../../schemas/vocabulary.js'

// Totals of figures by any dimensions. The arithmetic rules (one measure per sum: one unit and one action) are
// checked by src/lib/figure-totals.ts; this module adds up what it is given, never a fact twice, and says what it
// left out and why.

// A figure naming several platforms, or of a campaign run by several regulators, is in one row keyed by all of
// them: its stored combination key (src/db/combination-keys.ts).
const dimensionSql: Record<Dimension, string> = {
  campaign: 'f.campaign_id',
  regulator: 'f.regulator_ids',
  platform: 'f.platform_ids',
  violation_category: 'f.violation_category_id',
  unit: 'f.unit',
  action: 'f.action',
  qualifier: 'f.qualifier',
  source: 'f.source_id',
  year: 'substr(f.date, 1, 4)',
  month: 'CASE WHEN length(f.date) >= 7 THEN substr(f.date, 1, 7) END'
}

export interface TotalsOptions {
  includeSubsets: boolean, includeUncertain: boolean, includeDuplicates: boolean, includeSuperseded: boolean
}

export const leftOutReasons = ['without_value', 'non_additive', 'duplicates', 'superseded', 'subsets', 'uncertain_subsets'] as const
type LeftOutReason = typeof leftOutReasons[number]
type Relation = 'duplicates' | 'superseded' | 'subsets'

const relations: Array<{ reason: Relation, column: string, when?: string, option: keyof TotalsOptions, sameMeasure: boolean }> = [
  { reason: 'duplicates', column: 'same_fact_as', option: 'includeDuplicates', sameMeasure: false },
  { reason: 'superseded', column: 'superseded_by', option: 'includeSuperseded', sameMeasure: false },
  { reason: 'subsets', column: 'subset_of', when: "subset_certainty = 'certain'", option: 'includeSubsets', sameMeasure: true }
]

const nonAdditive = `(${nonAdditiveUnits.map((u) => `'${u}'`).join(', ')})`
const hasNumberThatAdds = (alias: string) => `${alias}.value IS NOT NULL AND ${alias}.unit NOT IN ${nonAdditive}`

/** Several conditions as one, their parameters in the order the SQL names them. */
function joined (conditions: Condition[], separator = ' AND '): Condition {
  return {
    sql: conditions.map((c) => c.sql).join(separator),
    params: conditions.flatMap((c) => c.params),
    named: Object.assign({}, ...conditions.map((c) => c.named ?? {})) as Record<string, unknown>
  }
}

const bindings = (condition: Condition): unknown[] =>
  condition.named && Object.keys(condition.named).length ? [...condition.params, condition.named] : condition.params

/**
 * The CTEs that name `related(id, relation)`: the matching figures that would count a fact twice because another
 * matching figure counts it: the preferred report of its fact (`same_fact_as`), a later count of its running total
 * (`superseded_by`), or a figure it is part of (`subset_of`), directly or through a chain of them. A part is left
 * out only beside a whole of its own measure: accounts closed for good stay in their own row beside accounts
 * handled, and are not left out of `action=closed_permanently`. The reason is the first link's.
 *
 * Only the figures with a link are walked, and an ancestor is checked against the filters by its id: on a million
 * figures, listing every matching figure first (to test ancestors against it) cost more than the sums.
 */
function relatedFigures (where: Condition[], options: TotalsOptions): Condition {
  const links = relations.filter((r) => !options[r.option])
  if (links.length === 0) return { sql: 'related(id, relation) AS (SELECT NULL, NULL WHERE 0)', params: [] }
  const linkOf = (alias: string, r: typeof links[number]) => r.when ? `CASE WHEN ${alias}.${r.when} THEN ${alias}.${r.column} END` : `${alias}.${r.column}`
  // coalesce, not OR: SQLite would answer an OR with one index search per term, each reading the table.
  const linked = whereClause([...where, { sql: `${hasNumberThatAdds('f')} AND coalesce(${links.map((r) => `f.${r.column}, `).join('')}NULL) IS NOT NULL`, params: [] }])
  const first = links.map((r) => `SELECT id, unit, action, '${r.reason}', ${Number(r.sameMeasure)}, ${r.column} FROM linked WHERE ${r.column} IS NOT NULL`)
  // One step reads the ancestor once and follows each of its links (CROSS JOIN keeps the links the inner loop).
  const next = `CASE l.link ${links.map((r, i) => `WHEN ${i} THEN ${linkOf('a', r)}`).join(' ')} END`
  const step = `SELECT w.id, w.unit, w.action, w.reason, max(w.same_measure, l.same_measure), ${next}
    FROM walk w JOIN figures a ON a.id = w.ancestor
    CROSS JOIN (${links.map((r, i) => `SELECT ${i} AS link, ${Number(r.sameMeasure)} AS same_measure`).join(' UNION ALL ')}) l
    WHERE ${next} IS NOT NULL`
  // Inside EXISTS, `f` is the ancestor: the filters speak of `f`.
  const ancestorCounts = whereClause([{ sql: `f.id = w.ancestor AND ${hasNumberThatAdds('f')} AND (w.same_measure = 0 OR (f.unit = w.unit AND f.action IS w.action))`, params: [] }, ...where])
  return joined([
    { sql: `linked AS MATERIALIZED (SELECT f.id, f.unit, f.action, ${links.map((r) => `${linkOf('f', r)} AS ${r.column}`).join(', ')}
      FROM figures f${linked.sql}),`, params: linked.params, named: linked.named },
    { sql: `walk(id, unit, action, reason, same_measure, ancestor) AS (${[...first, step].join(' UNION ')}),`, params: [] },
    { sql: `related(id, relation) AS MATERIALIZED (SELECT w.id, min(w.reason) FROM walk w
      WHERE EXISTS (SELECT 1 FROM figures f${ancestorCounts.sql}) GROUP BY w.id)`, params: ancestorCounts.params, named: ancestorCounts.named }
  ], '\n')
}

const added = (options: TotalsOptions, notRelated: string) => `${hasNumberThatAdds('f')}
  ${options.includeUncertain ? '' : "AND f.subset_certainty IS NOT 'uncertain'"} AND ${notRelated}`

/**
 * The figures a total adds, as one condition on `f`: those matching `where` that have a number that adds, do not count
 * a fact another matching figure counts, and are not a breakdown of uncertain relation (unless asked for). A
 * breakdown whose relation to its total is uncertain is never added unless asked for: whether it overlaps what else
 * is added is exactly what is not known.
 */
export function addedFigures (where: Condition[], options: TotalsOptions): Condition {
  const related = relatedFigures(where, options)
  return { ...related, sql: added(options, `f.id NOT IN (WITH RECURSIVE ${related.sql} SELECT id FROM related)`) }
}

/** The figures of one row of a grouping: each dimension's value, null for the row of figures without one. */
export function inRow (groupBy: Dimension[], values: Array<string | null>): Condition {
  return { sql: groupBy.map((d) => `(${dimensionSql[d]}) IS ?`).join(' AND ') || '1', params: values }
}

// The served file never changes while the process runs, so a total once computed stays right; dashboards ask the
// same totals again and again, and on a million figures one costs a scan. Bounded in entries and in size. Before
// computing, the file's own stored totals are consulted (src/db/stored-totals.ts).
const remembered = new WeakMap<Sqlite, LRUCache<string, { parts: Part[] }>>()

// The entry and its place in the cache's map; the key (a digest of the SQL and parameters) and the rows are counted as held.
const entryOverhead = 100

/** The totals a connection keeps (for tests and the memory bench). */
export const rememberedTotals = (db: Sqlite) => remembered.get(db)

function partsOf (db: Sqlite, statement: Statement): Part[] {
  let cache = remembered.get(db)
  if (!cache) {
    remembered.set(db, cache = new LRUCache({
      max: 1000,
      maxSize: 16 * 1024 * 1024,
      sizeCalculation: (entry, key) => entryOverhead + stringBytes(key) + valueBytes(entry.parts)
    }))
  }
  const key = questionOf(statement)
  const hit = cache.get(key)
  if (hit) return hit.parts
  const parts = storedParts(db, key) as Part[] | undefined ?? prepareCached(db, statement.sql).all(...statement.params) as Part[]
  cache.set(key, { parts })
  return parts
}

function sumKind (over: number, almost: number, around: number): FigureTotal['sum_kind'] {
  if (around > 0 || (over > 0 && almost > 0)) return 'approximate'
  if (over > 0) return 'at_least'
  if (almost > 0) return 'at_most'
  return 'exact'
}

/** A row of totals as the database gives it; the route adds where to find its figures. */
export type TotalsRow = Omit<FigureTotal, 'figures_url' | 'figure_ids'>
export interface Totals { rows: TotalsRow[], account: TotalsAccount }

export interface Part extends DbRow { part: 'added' | 'left_out' | 'matching', reason: LeftOutReason | null, count: number }

/**
 * The statement that makes the totals and what they left out: the rows (the figures added, grouped by the keys), and
 * the account: how many matched, why the others were left out, how many added name several platforms.
 */
export function totalsStatement (groupBy: Dimension[], where: Condition[], options: TotalsOptions): Statement {
  const keys = groupBy.map((d) => ({ name: dimensionKeys[d], sql: dimensionSql[d] }))
  const related = relatedFigures(where, options)
  const matching = whereClause(where)
  const sums = whereClause([...where, { sql: added(options, 'f.id NOT IN (SELECT id FROM related)'), params: [] }])
  const noKeys = keys.map(() => 'NULL, ').join('')
  const counted = (part: string, reason: string, count: string, from: string) =>
    `SELECT '${part}', ${reason}, ${noKeys}${count}, NULL, NULL, NULL, NULL, NULL, NULL, NULL ${from}`
  const uncertain = options.includeUncertain ? '0'
    : `sum(CASE WHEN f.subset_certainty = 'uncertain' AND ${hasNumberThatAdds('f')} THEN f.id NOT IN (SELECT id FROM related) ELSE 0 END)`
  // Grouped by the keys alone, with sums rather than more keys: each key SQLite sorts by costs more than a sum.
  const sql = `WITH RECURSIVE ${related.sql},
    account AS MATERIALIZED (SELECT count(*) AS matching, coalesce(sum(f.value IS NULL), 0) AS without_value,
      coalesce(sum(f.value IS NOT NULL AND f.unit IN ${nonAdditive}), 0) AS non_additive, coalesce(${uncertain}, 0) AS uncertain_subsets
      FROM figures f${matching.sql})
    SELECT 'added' AS part, NULL AS reason, ${keys.map((k) => `${k.sql} AS "${k.name}", `).join('')}
      count(*) AS count, sum(f.value) AS sum,
      sum(f.qualifier = 'none') AS exact_count, sum(f.qualifier = 'over') AS over_count,
      sum(f.qualifier = 'almost') AS almost_count, sum(f.qualifier = 'around') AS around_count,
      coalesce(sum(CASE WHEN f.qualifier <> 'none' THEN f.value END), 0) AS hedged_sum,
      sum(instr(f.platform_ids, '+') > 0) AS several_platforms
    FROM figures f${sums.sql}
    ${keys.length ? `GROUP BY ${keys.map((k) => `"${k.name}"`).join(', ')}` : ''}
    UNION ALL ${counted('matching', 'NULL', 'matching', 'FROM account')}
    ${['without_value', 'non_additive', 'uncertain_subsets'].map((reason) => `UNION ALL ${counted('left_out', `'${reason}'`, reason, 'FROM account')}`).join(' ')}
    UNION ALL ${counted('left_out', 'relation', 'count(*)', 'FROM related GROUP BY relation')}`
  return { sql, params: bindings(joined([related, matching, sums])) }
}

/** The totals of figures matching `where`, grouped by `groupBy`. `sort`: validated field names ("-sum", "year"). */
export function figureTotals (db: Sqlite, groupBy: Dimension[], where: Condition[], options: TotalsOptions, sort: string[]): Totals {
  const parts = partsOf(db, totalsStatement(groupBy, where, options))
  return { rows: sortRows(toRows(parts, groupBy.map((d) => dimensionKeys[d])), sort), account: toAccount(parts) }
}

function toRows (parts: Part[], keyNames: string[]): TotalsRow[] {
  return parts.filter((part) => part.part === 'added' && part.count > 0).map(({ part: _part, reason: _reason, ...row }) => {
    const kind = sumKind(row.over_count as number, row.almost_count as number, row.around_count as number)
    return {
      ...Object.fromEntries(keyNames.map((name) => [name, row[name]])),
      sum: row.sum as number,
      count: row.count,
      exact_count: row.exact_count as number,
      over_count: row.over_count as number,
      almost_count: row.almost_count as number,
      around_count: row.around_count as number,
      hedged_sum: row.hedged_sum as number,
      sum_is_lower_bound: kind === 'at_least',
      sum_kind: kind
    }
  })
}

function toAccount (parts: Part[]): TotalsAccount {
  const leftOut = Object.fromEntries(leftOutReasons.map((reason) => [reason, 0])) as Record<LeftOutReason, number>
  let matching = 0
  let severalPlatforms = 0
  for (const part of parts) {
    if (part.part === 'matching') matching = part.count
    if (part.part === 'added') severalPlatforms += (part.several_platforms as number | null) ?? 0
    if (part.part === 'left_out' && part.reason !== null) leftOut[part.reason] += part.count
  }
  return {
    figures_matching: matching,
    figures_summed: matching - Object.values(leftOut).reduce((sum, n) => sum + n, 0),
    figures_with_several_platforms: severalPlatforms,
    left_out: leftOut
  }
}

/** Nulls last in both directions, as every list of the API sorts; then the order SQLite grouped them in (by keys). */
function sortRows (rows: TotalsRow[], sort: string[]): TotalsRow[] {
  const order = sort.map((field) => ({ name: field.replace(/^-/, ''), direction: field.startsWith('-') ? -1 : 1 }))
  const value = (row: TotalsRow, name: string) => (row as Record<string, unknown>)[name] as string | number | null | undefined
  return rows.sort((a, b) => {
    for (const { name, direction } of order) {
      const [x, y] = [value(a, name) ?? null, value(b, name) ?? null]
      if (x === y) continue
      if (x === null) return 1
      if (y === null) return -1
      return (x < y ? -1 : 1) * direction
    }
    return 0
  })
}

/** The ids of the figures each row adds, keyed by the row's values (JSON of them, in group_by order), each list sorted. */
export function figureIdsByRow (db: Sqlite, groupBy: Dimension[], where: Condition[], options: TotalsOptions): Map<string, string[]> {
  const keys = groupBy.map((d) => dimensionSql[d])
  const clause = whereClause([...where, addedFigures(where, options)])
  const sql = `SELECT json_array(${keys.join(', ')}) AS row, json_group_array(f.id) AS ids FROM figures f${clause.sql}
    GROUP BY row`
  const rows = prepareCached(db, sql).all(...bindings(clause)) as Array<{ row: string, ids: string }>
  return new Map(rows.map((r) => [r.row, (JSON.parse(r.ids) as string[]).sort()]))
}

const defaultOptions: TotalsOptions = { includeSubsets: false, includeUncertain: false, includeDuplicates: false, includeSuperseded: false }
// Every dimension but campaign and source, whose answers have a row per campaign or source: as large as the data.
const storedGroupings: Dimension[][] = [[], ['year'], ['month'], ['violation_category'], ['qualifier'], ['regulator'], ['platform']]

/**
 * Computes and stores (src/db/stored-totals.ts) the totals asked most, with the default switches and no filter but
 * the measure: each measure of at least `minFigures` figures by each dimension, each unit's actions, and every
 * measure, each also by each dimension. Smaller questions are quick enough asked.
 */
export function buildStoredTotals (db: Sqlite, { minFigures = 10_000 } = {}): { questions: number } {
  const additive = `unit NOT IN ${nonAdditive}`
  const measures = db.prepare(`SELECT unit, action FROM figures WHERE ${additive} AND action IS NOT NULL GROUP BY unit, action
    HAVING count(*) >= ?`).all(minFigures) as Array<{ unit: Static<typeof Unit>, action: Static<typeof Action> }>
  const units = db.prepare(`SELECT unit FROM figures WHERE ${additive} GROUP BY unit HAVING count(*) >= ?`).all(minFigures) as Array<{ unit: Static<typeof Unit> }>
  const all = (db.prepare(`SELECT count(*) AS n FROM figures WHERE ${additive}`).get() as { n: number }).n >= minFigures
  const questions: Array<[Dimension[], Condition[]]> = [
    ...measures.flatMap((m) => storedGroupings.map((g): [Dimension[], Condition[]] => [g, figureConditions(m, { forTotals: true })])),
    ...units.flatMap((u) => storedGroupings.map((g): [Dimension[], Condition[]] => [['action', ...g], figureConditions(u, { forTotals: true })])),
    ...(all ? storedGroupings.map((g): [Dimension[], Condition[]] => [['unit', 'action', ...g], []]) : [])
  ]
  db.transaction(() => {
    db.exec('DELETE FROM stored_totals')
    for (const [groupBy, where] of questions) storeParts(db, totalsStatement(groupBy, where, defaultOptions))
  })()
  return { questions: questions.length }
}

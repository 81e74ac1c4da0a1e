import type { Sqlite } from '../connection.js'
import { categoryAndDescendants, dateWithin, equals, inIds, knownIds } from '../conditions.js'
import { prepareCached, type Condition, type ListSpec } from '../list-query.js'
import { Problem } from '../../lib/problem.js'
import { linkedIds, parseJson, type DbRow } from './sql.js'
import type { Figure, FigureDetail } from '../../schemas/figure.js'
import type { FigureFilterQuery } from '../../schemas/filters.js'

export const figureColumns = `f.id, f.campaign_id, f.violation_category_id, f.value, f.value_text, f.qualifier, f.unit,
  f.unit_text, f.action, f.action_text, f.as_of, f.period_from, f.period_to, f.date, f.date_basis, f.date_note, f.source_id,
  f.confidence, f.subset_of, f.subset_certainty, f.superseded_by, f.same_fact_as, f.derived_from, f.notes,
  ${linkedIds('figure_platforms', 'figure_id', 'platform_id', 'f.id')} AS platform_ids,
  ${linkedIds('figure_also_reported_by', 'figure_id', 'source_id', 'f.id')} AS also_reported_by`

export const mapFigure = (row: DbRow): Figure => ({
  id: row.id as string,
  campaign_id: row.campaign_id as string,
  violation_category_id: row.violation_category_id as string,
  platform_ids: parseJson(row.platform_ids),
  value: row.value as number | null,
  value_text: row.value_text as string | null,
  qualifier: row.qualifier as Figure['qualifier'],
  unit: row.unit as Figure['unit'],
  unit_text: row.unit_text as string,
  action: row.action as Figure['action'],
  action_text: row.action_text as string | null,
  as_of: row.as_of as string | null,
  period: { from: row.period_from as string | null, to: row.period_to as string | null },
  date: row.date as string | null,
  date_basis: row.date_basis as Figure['date_basis'],
  date_note: row.date_note as string | null,
  source_id: row.source_id as string,
  also_reported_by: parseJson(row.also_reported_by),
  confidence: row.confidence as Figure['confidence'],
  subset_of: row.subset_of as string | null,
  subset_certainty: row.subset_certainty as Figure['subset_certainty'],
  superseded_by: row.superseded_by as string | null,
  same_fact_as: row.same_fact_as as string | null,
  derived_from: row.derived_from as string | null,
  notes: parseJson(row.notes)
})

export const figureList: ListSpec<Figure> = {
  from: 'figures f',
  select: figureColumns,
  id: 'f.id',
  sortable: {
    id: { sql: 'f.id', nullable: false },
    value: { sql: 'f.value', nullable: true },
    date: { sql: 'f.date', nullable: true },
    campaign_id: { sql: 'f.campaign_id', nullable: false },
    violation_category_id: { sql: 'f.violation_category_id', nullable: false },
    unit: { sql: 'f.unit', nullable: false },
    action: { sql: 'f.action', nullable: true },
    qualifier: { sql: 'f.qualifier', nullable: false },
    confidence: { sql: 'f.confidence', nullable: false },
    source_id: { sql: 'f.source_id', nullable: false }
  },
  defaultSort: 'id',
  map: mapFigure
}

/** The figure filters, shared by the list and the totals (/v1/stats/figures). */
export function figureFilters (db: Sqlite, q: FigureFilterQuery): Condition[] {
  const where: Condition[] = []
  const ids = (param: keyof FigureFilterQuery, table: string, what: string, sql: (list: string) => string) => {
    const raw = q[param]
    if (typeof raw === 'string') where.push(inIds(sql, knownIds(db, param, table, what, raw)))
  }
  ids('campaign', 'campaigns', 'campaign', (list) => `f.campaign_id IN (${list})`)
  // EXISTS, not IN: SQLite then never reads every figure of the regulator's campaigns to sort them, but walks the
  // index of the sort and checks each figure. LIMIT 1 keeps the check a lookup: without it SQLite turns the EXISTS into
  // a join and first reads all of campaign_regulators into a Bloom filter. README question 1 on a million figures:
  // 0.6 s with IN, ~20 ms with the join, ~2 ms so.
  ids('regulator', 'regulators', 'regulator', (list) =>
    `EXISTS (SELECT 1 FROM campaign_regulators r WHERE r.campaign_id = f.campaign_id AND r.regulator_id IN (${list}) LIMIT 1)`)
  ids('platform', 'platforms', 'platform', (list) =>
    `f.id IN (SELECT figure_id FROM figure_platforms WHERE platform_id IN (${list}))`)
  ids('violation_category', 'violation_categories', 'violation category', (list) =>
    `f.violation_category_id IN (${categoryAndDescendants(list)})`)
  ids('source', 'sources', 'source', (list) =>
    `(f.source_id IN (${list}) OR f.id IN (SELECT figure_id FROM figure_also_reported_by WHERE source_id IN (${list})))`)
  for (const column of ['unit', 'action', 'qualifier', 'confidence'] as const) {
    if (q[column] !== undefined) where.push(equals(`f.${column}`, q[column]))
  }
  if (q.min_value !== undefined && q.max_value !== undefined && q.min_value > q.max_value) {
    throw Problem.badParam('min_value', `(${q.min_value}) is more than max_value (${q.max_value})`)
  }
  if (q.min_value !== undefined) where.push({ sql: 'f.value >= ?', params: [q.min_value] })
  if (q.max_value !== undefined) where.push({ sql: 'f.value <= ?', params: [q.max_value] })
  where.push(...dateWithin('f.date', ['from', 'to'], q))
  if (q.preferred === true) where.push({ sql: 'f.same_fact_as IS NULL', params: [] })
  return where
}

export function figuresWhere (db: Sqlite, sql: string, ...params: unknown[]): Figure[] {
  return (prepareCached(db, `SELECT ${figureColumns} FROM figures f ${sql}`).all(...params) as DbRow[]).map(mapFigure)
}

// A detail is read in one statement (the embedded records as JSON built by SQLite): it is the hottest route, and
// six round trips through better-sqlite3 cost more than the lookups themselves.
const sourceJson = (alias: string) => `json_object('id', ${alias}.id, 'title', ${alias}.title, 'publisher', ${alias}.publisher,
  'date', ${alias}.date, 'url', ${alias}.url, 'url_kind', ${alias}.url_kind, 'mirror_url', ${alias}.mirror_url,
  'archive_url', ${alias}.archive_url, 'accessed_on', ${alias}.accessed_on, 'language', ${alias}.language, 'confidence', ${alias}.confidence,
  'notes', json(${alias}.notes))`
const figureDetailSql = `SELECT ${figureColumns},
  (SELECT ${sourceJson('s')} FROM sources s WHERE s.id = f.source_id) AS source,
  (SELECT json_group_array(json(x)) FROM (SELECT ${sourceJson('s')} AS x FROM figure_also_reported_by l
    JOIN sources s ON s.id = l.source_id WHERE l.figure_id = f.id ORDER BY l.position)) AS also_reported_by_sources,
  (SELECT json_object('id', c.id, 'name_en', c.name_en, 'name_zh', c.name_zh, 'kind', c.kind, 'window_from', c.window_from,
    'window_to', c.window_to) FROM campaigns c WHERE c.id = f.campaign_id) AS campaign,
  (SELECT json_object('id', v.id, 'name_en', v.name_en, 'name_zh', v.name_zh) FROM violation_categories v
    WHERE v.id = f.violation_category_id) AS violation_category,
  (SELECT json_group_array(json(x)) FROM (SELECT json_object('id', p.id, 'name_en', p.name_en, 'name_zh', p.name_zh) AS x
    FROM figure_platforms l JOIN platforms p ON p.id = l.platform_id WHERE l.figure_id = f.id ORDER BY l.position)) AS platforms
  FROM figures f WHERE f.id = ?`

export function getFigure (db: Sqlite, id: string): FigureDetail | undefined {
  const row = prepareCached(db, figureDetailSql).get(id) as DbRow | undefined
  if (!row) return undefined
  return {
    ...mapFigure(row),
    source: parseJson(row.source),
    also_reported_by_sources: parseJson(row.also_reported_by_sources),
    campaign: parseJson(row.campaign),
    violation_category: parseJson(row.violation_category),
    platforms: parseJson(row.platforms)
  }
}

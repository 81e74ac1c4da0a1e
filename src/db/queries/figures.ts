import type { Sqlite } from '../connection.js'
import { categoryAndDescendants, dateWithin, equals, inIds, knownIds } from '../conditions.js'
import { prepareCached, type Condition, type ListSpec } from '../list-query.js'
import { Problem } from '../../lib/problem.js'
import { linkedIds, parseJson, type DbRow } from './sql.js'
import { getSource, sourcesLinkedTo } from './sources.js'
import { campaignSummaries, categorySummaries, platformSummaries } from './summaries.js'
import type { Figure, FigureDetail } from '../../schemas/figure.js'
import type { FigureFilterQuery } from '../../schemas/filters.js'

export const figureColumns = `f.id, f.campaign_id, f.violation_category_id, f.value, f.value_text, f.qualifier, f.unit,
  f.unit_text, f.action, f.action_text, f.as_of, f.period_from, f.period_to, f.date, f.date_basis, f.date_note, f.source_id,
  f.confidence, f.subset_of, f.same_fact_as, f.derived_from, f.notes,
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
  ids('regulator', 'regulators', 'regulator', (list) =>
    `f.campaign_id IN (SELECT campaign_id FROM campaign_regulators WHERE regulator_id IN (${list}))`)
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

export function getFigure (db: Sqlite, id: string): FigureDetail | undefined {
  const [figure] = figuresWhere(db, 'WHERE f.id = ?', id)
  if (!figure) return undefined
  return {
    ...figure,
    source: getSource(db, figure.source_id)!,
    also_reported_by_sources: sourcesLinkedTo(db, 'figure_also_reported_by', 'figure_id', id),
    campaign: campaignSummaries(db, 'WHERE c.id = ?', figure.campaign_id)[0],
    violation_category: categorySummaries(db, 'WHERE v.id = ?', figure.violation_category_id)[0],
    platforms: platformSummaries(db, 'JOIN figure_platforms l ON l.platform_id = p.id WHERE l.figure_id = ? ORDER BY l.position', id)
  }
}

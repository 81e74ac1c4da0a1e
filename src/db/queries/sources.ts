import type { Sqlite } from '../connection.js'
import { dateWithin, equals } from '../conditions.js'
import { prepareCached, type Condition, type ListSpec } from '../list-query.js'
import { parseJson, type DbRow } from './sql.js'
import type { Source, SourceDetail } from '../../schemas/source.js'
import type { SourceFilterQuery } from '../../schemas/filters.js'
import { figuresWhere } from './figures.js'
import { campaignSummaries } from './summaries.js'

export const sourceColumns = 's.id, s.title, s.publisher, s.date, s.url, s.url_kind, s.mirror_url, s.archive_url, s.accessed_on, s.language, s.confidence, s.notes'

export const mapSource = (row: DbRow): Source => ({
  id: row.id as string,
  title: row.title as string,
  publisher: row.publisher as string,
  date: row.date as string | null,
  url: row.url as string | null,
  url_kind: row.url_kind as Source['url_kind'],
  mirror_url: row.mirror_url as string | null,
  archive_url: row.archive_url as string | null,
  accessed_on: row.accessed_on as string | null,
  language: row.language as string,
  confidence: row.confidence as Source['confidence'],
  notes: parseJson(row.notes)
})

export const sourceList: ListSpec<Source> = {
  from: 'sources s',
  select: sourceColumns,
  id: 's.id',
  sortable: {
    id: { sql: 's.id', nullable: false },
    date: { sql: 's.date', nullable: true },
    publisher: { sql: 's.publisher', nullable: false },
    title: { sql: 's.title', nullable: false },
    language: { sql: 's.language', nullable: false },
    confidence: { sql: 's.confidence', nullable: false }
  },
  defaultSort: 'id',
  map: mapSource
}

export function sourceFilters (q: SourceFilterQuery): Condition[] {
  const where: Condition[] = []
  if (q.publisher !== undefined) where.push({ sql: 'instr(lower(s.publisher), lower(?)) > 0', params: [q.publisher] })
  if (q.language !== undefined) where.push(equals('s.language', q.language))
  if (q.confidence !== undefined) where.push(equals('s.confidence', q.confidence))
  where.push(...dateWithin('s.date', ['from', 'to'], q))
  return where
}

/** Sources linked to records through a link table, in the order the record lists them. */
export function sourcesLinkedTo (db: Sqlite, table: string, column: string, id: string): Source[] {
  return (prepareCached(db, `SELECT ${sourceColumns} FROM ${table} l JOIN sources s ON s.id = l.source_id
    WHERE l.${column} = ? ORDER BY l.position`).all(id) as DbRow[]).map(mapSource)
}

function getSource (db: Sqlite, id: string): Source | undefined {
  const row = prepareCached(db, `SELECT ${sourceColumns} FROM sources s WHERE s.id = ?`).get(id) as DbRow | undefined
  return row && mapSource(row)
}

export function getSourceDetail (db: Sqlite, id: string): SourceDetail | undefined {
  const source = getSource(db, id)
  if (!source) return undefined
  return {
    ...source,
    figures: figuresWhere(db, 'WHERE f.source_id = ? ORDER BY f.id', id),
    also_reported_figures: figuresWhere(db, 'JOIN figure_also_reported_by a ON a.figure_id = f.id WHERE a.source_id = ? ORDER BY f.id', id),
    campaigns: campaignSummaries(db, 'JOIN campaign_sources l ON l.campaign_id = c.id WHERE l.source_id = ? ORDER BY c.id', id)
  }
}

import type { Sqlite } from '../connection.js'
import { equals, inIds, knownIds } from '../conditions.js'
import { prepareCached, type Condition, type ListSpec } from '../list-query.js'
import { linkedIds, parseJson, type DbRow } from './sql.js'
import { sourcesLinkedTo } from './sources.js'
import { campaignSummaries, regulatorSummaries } from './summaries.js'
import type { Regulator, RegulatorDetail } from '../../schemas/regulator.js'
import type { RegulatorFilterQuery } from '../../schemas/filters.js'

const regulatorColumns = `r.id, r.name_en, r.name_zh, r.short_name_zh, r.abbreviation, r.country, r.parent_id, r.parent_text,
  r.type, r.role, r.founded, r.founding_notes, r.headquarters, r.director, r.confidence, r.notes,
  ${linkedIds('regulator_sources', 'regulator_id', 'source_id', 'r.id')} AS source_ids`

const mapRegulator = (row: DbRow): Regulator => ({
  id: row.id as string,
  name_en: row.name_en as string,
  name_zh: row.name_zh as string | null,
  short_name_zh: row.short_name_zh as string | null,
  abbreviation: row.abbreviation as string | null,
  country: row.country as string,
  parent_id: row.parent_id as string | null,
  parent_text: row.parent_text as string | null,
  type: row.type as string | null,
  role: row.role as string | null,
  founded: row.founded as string | null,
  founding_notes: parseJson(row.founding_notes),
  headquarters: row.headquarters as string | null,
  director: row.director as string | null,
  source_ids: parseJson(row.source_ids),
  confidence: row.confidence as Regulator['confidence'],
  notes: parseJson(row.notes)
})

export const regulatorList: ListSpec<Regulator> = {
  from: 'regulators r',
  select: regulatorColumns,
  id: 'r.id',
  sortable: {
    id: { sql: 'r.id', nullable: false },
    name_en: { sql: 'r.name_en', nullable: false },
    abbreviation: { sql: 'r.abbreviation', nullable: true },
    founded: { sql: 'r.founded', nullable: true }
  },
  defaultSort: 'id',
  map: mapRegulator
}

export function regulatorFilters (db: Sqlite, q: RegulatorFilterQuery): Condition[] {
  const where: Condition[] = []
  if (q.country !== undefined) where.push(equals('r.country', q.country))
  if (q.parent !== undefined) where.push(inIds((list) => `r.parent_id IN (${list})`, knownIds(db, 'parent', 'regulators', 'regulator', q.parent)))
  if (q.confidence !== undefined) where.push(equals('r.confidence', q.confidence))
  return where
}

export function getRegulator (db: Sqlite, id: string): RegulatorDetail | undefined {
  const row = prepareCached(db, `SELECT ${regulatorColumns} FROM regulators r WHERE r.id = ?`).get(id) as DbRow | undefined
  if (!row) return undefined
  const regulator = mapRegulator(row)
  return {
    ...regulator,
    parent: regulatorSummaries(db, 'WHERE r.id = ?', regulator.parent_id)[0] ?? null,
    campaigns: campaignSummaries(db, 'JOIN campaign_regulators l ON l.campaign_id = c.id WHERE l.regulator_id = ? ORDER BY c.id', id),
    sources: sourcesLinkedTo(db, 'regulator_sources', 'regulator_id', id)
  }
}

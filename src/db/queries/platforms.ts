import type { Sqlite } from '../connection.js'
import { equals, inIds, knownIds } from '../conditions.js'
import { prepareCached, type Condition, type ListSpec } from '../list-query.js'
import { linkedIds, parseJson, type DbRow } from './sql.js'
import { sourcesLinkedTo } from './sources.js'
import { campaignSummaries } from './summaries.js'
import type { Platform, PlatformDetail } from '../../schemas/platform.js'
import type { PlatformFilterQuery } from '../../schemas/filters.js'

const platformColumns = `p.id, p.name_en, p.name_zh, p.kind, p.launched, p.launch_note, p.international_counterpart,
  p.confidence, ${linkedIds('platform_sources', 'platform_id', 'source_id', 'p.id')} AS source_ids,
  o.id AS owner_id, o.name_en AS owner_name_en, o.name_zh AS owner_name_zh, o.parent_id AS owner_parent_id,
  o.founded AS owner_founded, o.headquarters AS owner_headquarters, o.founders AS owner_founders,
  o.listing AS owner_listing, o.notes AS owner_notes,
  ${linkedIds('owner_sources', 'owner_id', 'source_id', 'o.id')} AS owner_source_ids`

const mapPlatform = (row: DbRow): Platform => ({
  id: row.id as string,
  name_en: row.name_en as string,
  name_zh: row.name_zh as string | null,
  kind: row.kind as string,
  owner: {
    id: row.owner_id as string,
    name_en: row.owner_name_en as string,
    name_zh: row.owner_name_zh as string | null,
    parent_id: row.owner_parent_id as string | null,
    founded: row.owner_founded as string | null,
    headquarters: row.owner_headquarters as string | null,
    founders: parseJson(row.owner_founders),
    listing: row.owner_listing as string | null,
    source_ids: parseJson(row.owner_source_ids),
    notes: parseJson(row.owner_notes)
  },
  launched: row.launched as string | null,
  launch_note: row.launch_note as string | null,
  international_counterpart: row.international_counterpart as string | null,
  source_ids: parseJson(row.source_ids),
  confidence: row.confidence as Platform['confidence']
})

export const platformList: ListSpec<Platform> = {
  from: 'platforms p JOIN owners o ON o.id = p.owner_id',
  select: platformColumns,
  id: 'p.id',
  sortable: {
    id: { sql: 'p.id', nullable: false },
    name_en: { sql: 'p.name_en', nullable: false },
    launched: { sql: 'p.launched', nullable: true },
    owner_id: { sql: 'p.owner_id', nullable: false }
  },
  defaultSort: 'id',
  map: mapPlatform
}

export function platformFilters (db: Sqlite, q: PlatformFilterQuery): Condition[] {
  const where: Condition[] = []
  if (q.owner !== undefined) {
    where.push(inIds((list) => `(o.id IN (${list}) OR o.parent_id IN (${list}))`, knownIds(db, 'owner', 'owners', 'owner', q.owner)))
  }
  if (q.confidence !== undefined) where.push(equals('p.confidence', q.confidence))
  return where
}

export function getPlatform (db: Sqlite, id: string): PlatformDetail | undefined {
  const row = prepareCached(db, `SELECT ${platformColumns} FROM ${platformList.from} WHERE p.id = ?`).get(id) as DbRow | undefined
  if (!row) return undefined
  return {
    ...mapPlatform(row),
    campaigns: campaignSummaries(db, `WHERE c.id IN (SELECT campaign_id FROM campaign_platforms WHERE platform_id = ?
      UNION SELECT f.campaign_id FROM figure_platforms l JOIN figures f ON f.id = l.figure_id WHERE l.platform_id = ?) ORDER BY c.id`, id, id),
    sources: sourcesLinkedTo(db, 'platform_sources', 'platform_id', id)
  }
}

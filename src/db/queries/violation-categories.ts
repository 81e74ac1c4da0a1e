import type { Sqlite } from '../connection.js'
import { inIds, knownIds } from '../conditions.js'
import { prepareCached, type Condition, type ListSpec } from '../list-query.js'
import { linkedIds, parseJson, type DbRow } from './sql.js'
import { sourcesLinkedTo } from './sources.js'
import { campaignSummaries, categorySummaries } from './summaries.js'
import type { ViolationCategory, ViolationCategoryDetail } from '../../schemas/violation-category.js'
import type { ViolationCategoryFilterQuery } from '../../schemas/filters.js'

const categoryColumns = `v.id, v.name_en, v.name_zh, v.description, v.parent_id, v.examples, v.sub_behaviours,
  ${linkedIds('violation_category_sources', 'violation_category_id', 'source_id', 'v.id')} AS source_ids`

const mapCategory = (row: DbRow): ViolationCategory => ({
  id: row.id as string,
  name_en: row.name_en as string,
  name_zh: row.name_zh as string | null,
  description: row.description as string | null,
  parent_id: row.parent_id as string | null,
  examples: parseJson(row.examples),
  sub_behaviours: parseJson(row.sub_behaviours),
  source_ids: parseJson(row.source_ids)
})

export const violationCategoryList: ListSpec<ViolationCategory> = {
  from: 'violation_categories v',
  select: categoryColumns,
  id: 'v.id',
  sortable: {
    id: { sql: 'v.id', nullable: false },
    name_en: { sql: 'v.name_en', nullable: false },
    parent_id: { sql: 'v.parent_id', nullable: true }
  },
  defaultSort: 'id',
  map: mapCategory
}

export function violationCategoryFilters (db: Sqlite, q: ViolationCategoryFilterQuery): Condition[] {
  const where: Condition[] = []
  if (q.parent !== undefined) {
    where.push(inIds((list) => `v.parent_id IN (${list})`, knownIds(db, 'parent', 'violation_categories', 'violation category', q.parent)))
  }
  if (q.top_level !== undefined) where.push({ sql: `v.parent_id IS ${q.top_level ? '' : 'NOT '}NULL`, params: [] })
  return where
}

export function getViolationCategory (db: Sqlite, id: string): ViolationCategoryDetail | undefined {
  const row = prepareCached(db, `SELECT ${categoryColumns} FROM violation_categories v WHERE v.id = ?`).get(id) as DbRow | undefined
  if (!row) return undefined
  const category = mapCategory(row)
  return {
    ...category,
    parent: categorySummaries(db, 'WHERE v.id = ?', category.parent_id)[0] ?? null,
    children: categorySummaries(db, 'WHERE v.parent_id = ? ORDER BY v.id', id),
    campaigns: campaignSummaries(db, `WHERE c.id IN (SELECT campaign_id FROM campaign_violation_categories WHERE violation_category_id = ?
      UNION SELECT campaign_id FROM figures WHERE violation_category_id = ?) ORDER BY c.id`, id, id),
    sources: sourcesLinkedTo(db, 'violation_category_sources', 'violation_category_id', id)
  }
}

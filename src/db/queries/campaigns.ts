import type { Sqlite } from '../connection.js'
import { activeDuring, categoryAndDescendants, dateWithin, equals, inIds, knownIds } from '../conditions.js'
import { prepareCached, type Condition, type ListSpec } from '../list-query.js'
import { figuresWhere } from './figures.js'
import { linkedIds, parseJson, type DbRow } from './sql.js'
import { mapSource, sourceColumns } from './sources.js'
import { campaignSummaries, categorySummaries, platformSummaries, regulatorSummaries } from './summaries.js'
import type { Campaign, CampaignDetail } from '../../schemas/campaign.js'
import type { CampaignFilterQuery } from '../../schemas/filters.js'

export const campaignColumns = `c.id, c.name_en, c.name_zh, c.series_id, c.kind, c.kind_text, c.is_seed_report_subject,
  c.window_from, c.window_to, c.window_note, c.announced_on, c.announced_note, c.results_announced_on,
  c.results_announced_note, c.duration_stated, c.co_agencies, c.planned_tasks, c.linked_operations, c.confidence, c.notes,
  ${linkedIds('campaign_regulators', 'campaign_id', 'regulator_id', 'c.id')} AS regulator_ids,
  ${linkedIds('campaign_violation_categories', 'campaign_id', 'violation_category_id', 'c.id')} AS violation_category_ids,
  ${linkedIds('campaign_sources', 'campaign_id', 'source_id', 'c.id')} AS source_ids,
  (SELECT json_group_array(json_object('platform_id', platform_id, 'name', name, 'named_by_source_id', named_by_source_id))
    FROM (SELECT * FROM campaign_platforms WHERE campaign_id = c.id ORDER BY position)) AS platforms,
  (SELECT count(*) FROM figures WHERE campaign_id = c.id) AS figure_count`

export const mapCampaign = (row: DbRow): Campaign => ({
  id: row.id as string,
  name_en: row.name_en as string,
  name_zh: row.name_zh as string | null,
  series_id: row.series_id as string | null,
  kind: row.kind as Campaign['kind'],
  kind_text: row.kind_text as string | null,
  is_seed_report_subject: row.is_seed_report_subject === 1,
  window: { from: row.window_from as string | null, to: row.window_to as string | null, note: row.window_note as string | null },
  announced: { date: row.announced_on as string | null, note: row.announced_note as string | null },
  results_announced: { date: row.results_announced_on as string | null, note: row.results_announced_note as string | null },
  duration_stated: row.duration_stated as string | null,
  regulator_ids: parseJson(row.regulator_ids),
  co_agencies: parseJson(row.co_agencies),
  platforms: parseJson(row.platforms),
  violation_category_ids: parseJson(row.violation_category_ids),
  planned_tasks: parseJson(row.planned_tasks),
  linked_operations: parseJson(row.linked_operations),
  source_ids: parseJson(row.source_ids),
  figure_count: row.figure_count as number,
  confidence: row.confidence as Campaign['confidence'],
  notes: parseJson(row.notes)
})

export const campaignList: ListSpec<Campaign> = {
  from: 'campaigns c',
  select: campaignColumns,
  id: 'c.id',
  sortable: {
    id: { sql: 'c.id', nullable: false },
    name_en: { sql: 'c.name_en', nullable: false },
    kind: { sql: 'c.kind', nullable: false },
    window_from: { sql: 'c.window_from', nullable: true },
    window_to: { sql: 'c.window_to', nullable: true },
    announced: { sql: 'c.announced_on', nullable: true },
    results_announced: { sql: 'c.results_announced_on', nullable: true },
    confidence: { sql: 'c.confidence', nullable: false }
  },
  defaultSort: 'id',
  map: mapCampaign
}

// The dates a campaign's figures were counted at or over: it was running then, whatever its window says.
const countedAt = (pick: 'min' | 'max') => `(SELECT ${pick}(d) FROM (SELECT as_of AS d FROM figures WHERE campaign_id = c.id
  UNION ALL SELECT period_from FROM figures WHERE campaign_id = c.id UNION ALL SELECT period_to FROM figures WHERE campaign_id = c.id))`

/**
 * A window without an end ends, at the latest, when the campaign's results were announced; a bound that is still
 * unknown is filled, for what is known, by the dates its figures were counted at, or by its other bound.
 */
const campaignActivity = {
  start: 'c.window_from',
  end: 'COALESCE(c.window_to, c.results_announced_on)',
  knownFrom: `COALESCE(c.window_from, ${countedAt('min')}, c.window_to)`,
  knownTo: `COALESCE(c.window_to, ${countedAt('max')}, c.window_from)`
}

// Each test is EXISTS for one campaign, not IN (every campaign of the platform or category): a page then walks the
// campaigns in order and stops at the limit, where IN read every figure of the platform and of the category first
// (5 s for one README question on a million figures; UNION instead of UNION ALL there had taken 47 s).
export function campaignFilters (db: Sqlite, q: CampaignFilterQuery): Condition[] {
  const where: Condition[] = []
  const ids = (param: 'regulator' | 'platform' | 'violation_category' | 'series', table: string, what: string, sql: (list: string) => string) => {
    const raw = q[param]
    if (raw !== undefined) where.push(inIds(sql, knownIds(db, param, table, what, raw)))
  }
  ids('regulator', 'regulators', 'regulator', (list) => `c.id IN (SELECT campaign_id FROM campaign_regulators WHERE regulator_id IN (${list}))`)
  ids('platform', 'platforms', 'platform', (list) => `(EXISTS (SELECT 1 FROM campaign_platforms WHERE campaign_id = c.id AND platform_id IN (${list}))
    OR EXISTS (SELECT 1 FROM figures f JOIN figure_platforms l ON l.figure_id = f.id WHERE f.campaign_id = c.id AND l.platform_id IN (${list})))`)
  ids('violation_category', 'violation_categories', 'violation category', (list) => `(EXISTS (SELECT 1 FROM campaign_violation_categories
      WHERE campaign_id = c.id AND violation_category_id IN (${categoryAndDescendants(list)}))
    OR EXISTS (SELECT 1 FROM figures WHERE campaign_id = c.id AND violation_category_id IN (${categoryAndDescendants(list)})))`)
  ids('series', 'campaigns', 'series', (list) => `c.series_id IN (${list})`)
  if (q.kind !== undefined) where.push(equals('c.kind', q.kind))
  if (q.confidence !== undefined) where.push(equals('c.confidence', q.confidence))
  where.push(...activeDuring(campaignActivity, ['active_from', 'active_to'], { from: q.active_from, to: q.active_to },
    q.window_unknown ?? 'exclude'))
  where.push(...dateWithin('c.announced_on', ['announced_from', 'announced_to'], { from: q.announced_from, to: q.announced_to }))
  return where
}

export function getCampaign (db: Sqlite, id: string): CampaignDetail | undefined {
  const row = prepareCached(db, `SELECT ${campaignColumns} FROM campaigns c WHERE c.id = ?`).get(id) as DbRow | undefined
  if (!row) return undefined
  const campaign = mapCampaign(row)
  return {
    ...campaign,
    series: campaignSummaries(db, 'WHERE c.id = ?', campaign.series_id)[0] ?? null,
    sub_campaigns: campaignSummaries(db, 'WHERE c.series_id = ? ORDER BY c.window_from IS NULL, c.window_from, c.id', id),
    regulators: regulatorSummaries(db, 'JOIN campaign_regulators l ON l.regulator_id = r.id WHERE l.campaign_id = ? ORDER BY l.position', id),
    platform_records: platformSummaries(db, `WHERE p.id IN (SELECT platform_id FROM campaign_platforms WHERE campaign_id = ?
      UNION SELECT platform_id FROM figure_platforms JOIN figures ON figures.id = figure_id WHERE campaign_id = ?) ORDER BY p.id`, id, id),
    violation_categories: categorySummaries(db,
      'JOIN campaign_violation_categories l ON l.violation_category_id = v.id WHERE l.campaign_id = ? ORDER BY l.position', id),
    figures: figuresWhere(db, 'WHERE f.campaign_id = ? ORDER BY f.id', id),
    sources: (prepareCached(db, `SELECT ${sourceColumns} FROM sources s WHERE s.id IN (
        SELECT source_id FROM campaign_sources WHERE campaign_id = ?
        UNION SELECT source_id FROM figures WHERE campaign_id = ?
        UNION SELECT a.source_id FROM figure_also_reported_by a JOIN figures f ON f.id = a.figure_id WHERE f.campaign_id = ?
      ) ORDER BY s.id`).all(id, id, id) as DbRow[]).map(mapSource)
  }
}

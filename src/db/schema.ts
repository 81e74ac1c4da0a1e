import { sql, type SQL } from 'drizzle-orm'
import { integer, sqliteTable, text, index, primaryKey, type SQLiteColumn } from 'drizzle-orm/sqlite-core'

// Public ids (reg-cac, fig-001) are the primary keys: they are cited by users and never renamed or reused.
// Partial dates ("2023", "2023-05", "2023-05-22") are stored as ISO text so that they sort and compare as text.

// A list sorted by a column that may be null orders by (column IS NULL, column, id): nulls last in both directions,
// the id last so the order is total (src/db/list-query.ts). These indexes hold exactly that order, one per direction,
// so that a page reads its rows in order and stops, instead of sorting every row (test/db/query-plans.test.ts).
const nullsLast = (column: SQLiteColumn): SQL => sql`(${column} IS NULL)`
const descending = (column: SQLiteColumn): SQL => sql`${column} DESC`
// `within`: the same order within each value of a filter column, so that a page of a rare value (the one source in
// German among 600,000, newest first) seeks to it instead of walking the whole order to find it.
const sortIndexes = (table: string, column: SQLiteColumn, id: SQLiteColumn, within?: SQLiteColumn) => {
  const name = `${table}_${within ? `${within.name}_` : ''}${column.name}`
  const ordered = (key: string, value: SQLiteColumn | SQL) => within
    ? index(`${name}_${key}`).on(within, nullsLast(column), value, id)
    : index(`${name}_${key}`).on(nullsLast(column), value, id)
  return [ordered('sort_idx', column), ordered('sort_desc_idx', descending(column))]
}

const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>()

export const sources = sqliteTable('sources', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  publisher: text('publisher').notNull(),
  date: text('date'),
  url: text('url'),
  urlKind: text('url_kind'),
  mirrorUrl: text('mirror_url'),
  archiveUrl: text('archive_url'),
  accessedOn: text('accessed_on'),
  language: text('language').notNull(),
  confidence: text('confidence').notNull(),
  notes: json<string[]>('notes').notNull()
}, (t) => [...sortIndexes('sources', t.date, t.id), ...sortIndexes('sources', t.date, t.id, t.language)])

export const regulators = sqliteTable('regulators', {
  id: text('id').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh'),
  shortNameZh: text('short_name_zh'),
  abbreviation: text('abbreviation'),
  country: text('country').notNull(),
  parentId: text('parent_id'),
  parentText: text('parent_text'),
  type: text('type'),
  role: text('role'),
  founded: text('founded'),
  foundingNotes: json<string[]>('founding_notes').notNull(),
  headquarters: text('headquarters'),
  director: text('director'),
  confidence: text('confidence').notNull(),
  notes: json<string[]>('notes').notNull()
})

export const owners = sqliteTable('owners', {
  id: text('id').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh'),
  parentId: text('parent_id'),
  founded: text('founded'),
  headquarters: text('headquarters'),
  founders: json<string[]>('founders').notNull(),
  listing: text('listing'),
  notes: json<string[]>('notes').notNull()
})

export const platforms = sqliteTable('platforms', {
  id: text('id').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh'),
  kind: text('kind').notNull(),
  ownerId: text('owner_id').notNull().references(() => owners.id),
  launched: text('launched'),
  launchNote: text('launch_note'),
  internationalCounterpart: text('international_counterpart'),
  confidence: text('confidence')
})

export const violationCategories = sqliteTable('violation_categories', {
  id: text('id').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh'),
  description: text('description'),
  parentId: text('parent_id'),
  examples: json<string[]>('examples').notNull(),
  subBehaviours: json<string[]>('sub_behaviours').notNull()
})

export const campaigns = sqliteTable('campaigns', {
  id: text('id').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh'),
  seriesId: text('series_id'),
  kind: text('kind').notNull(),
  kindText: text('kind_text'),
  isSeedReportSubject: integer('is_seed_report_subject', { mode: 'boolean' }).notNull(),
  windowFrom: text('window_from'),
  windowTo: text('window_to'),
  windowNote: text('window_note'),
  announcedOn: text('announced_on'),
  announcedNote: text('announced_note'),
  resultsAnnouncedOn: text('results_announced_on'),
  resultsAnnouncedNote: text('results_announced_note'),
  durationStated: text('duration_stated'),
  coAgencies: json<string[]>('co_agencies').notNull(),
  plannedTasks: json<string[]>('planned_tasks').notNull(),
  linkedOperations: json<string[]>('linked_operations').notNull(),
  confidence: text('confidence').notNull(),
  notes: json<string[]>('notes').notNull()
}, (t) => [
  index('campaigns_series_idx').on(t.seriesId),
  ...sortIndexes('campaigns', t.windowFrom, t.id),
  ...sortIndexes('campaigns', t.announcedOn, t.id)
])

export const figures = sqliteTable('figures', {
  id: text('id').primaryKey(),
  campaignId: text('campaign_id').notNull().references(() => campaigns.id),
  violationCategoryId: text('violation_category_id').notNull().references(() => violationCategories.id),
  value: integer('value'),
  valueText: text('value_text'),
  qualifier: text('qualifier').notNull(),
  unit: text('unit').notNull(),
  unitText: text('unit_text').notNull(),
  action: text('action'),
  actionText: text('action_text'),
  asOf: text('as_of'),
  periodFrom: text('period_from'),
  periodTo: text('period_to'),
  dateNote: text('date_note'),
  date: text('date'),
  dateBasis: text('date_basis').notNull(),
  sourceId: text('source_id').notNull().references(() => sources.id),
  confidence: text('confidence').notNull(),
  subsetOf: text('subset_of'),
  subsetCertainty: text('subset_certainty'),
  supersededBy: text('superseded_by'),
  sameFactAs: text('same_fact_as'),
  derivedFrom: text('derived_from'),
  notes: json<string[]>('notes').notNull(),
  // Derived when the file is built (fillCombinationKeys), never from seed/: the figure's platforms and its campaign's
  // regulators as one key each ("plat-douyin+plat-weibo"), the row a figure falls in when totals are grouped by them.
  // On the figure, so that totals read them from their covering index instead of looking up two tables per figure.
  platformIds: text('platform_ids'),
  regulatorIds: text('regulator_ids')
}, (t) => [
  // With the category and the id, a campaign filter checks a campaign's figures without reading them (EXISTS).
  index('figures_campaign_idx').on(t.campaignId, t.violationCategoryId, t.id),
  index('figures_category_idx').on(t.violationCategoryId),
  index('figures_source_idx').on(t.sourceId),
  // Filtered pages in id order read these in order and stop at the limit, instead of sorting every match.
  index('figures_unit_idx').on(t.unit, t.id),
  index('figures_unit_action_idx').on(t.unit, t.action, t.id),
  // Covers /v1/stats/figures for one measure, by any dimension but source, with any filter but source: the sums never
  // touch the table.
  index('figures_totals_idx').on(t.unit, t.action, t.sameFactAs, t.subsetOf, t.supersededBy, t.subsetCertainty, t.date,
    t.violationCategoryId, t.qualifier, t.value, t.id, t.campaignId, t.regulatorIds, t.platformIds),
  ...sortIndexes('figures', t.value, t.id),
  ...sortIndexes('figures', t.date, t.id),
  // The largest figures of one unit (the README's first question), read in order; the date, the campaign and the
  // regulators come along so that the date, campaign and regulator filters never read the figure itself.
  index('figures_unit_value_desc_idx').on(t.unit, nullsLast(t.value), descending(t.value), t.id, t.date, t.campaignId, t.regulatorIds),
  // How many figures of one unit in a date range (and of a regulator): include_total of the README's first question.
  index('figures_unit_date_idx').on(t.unit, t.date, t.regulatorIds)
])

// Link tables keep the order in which the seed lists related records (`position`).
const link = (name: string, left: string, right: string) => sqliteTable(name, {
  leftId: text(left).notNull(),
  rightId: text(right).notNull(),
  position: integer('position').notNull()
}, (t) => [primaryKey({ columns: [t.leftId, t.rightId] }), index(`${name}_right_idx`).on(t.rightId)])

export const regulatorSources = link('regulator_sources', 'regulator_id', 'source_id')
export const ownerSources = link('owner_sources', 'owner_id', 'source_id')
export const platformSources = link('platform_sources', 'platform_id', 'source_id')
export const violationCategorySources = link('violation_category_sources', 'violation_category_id', 'source_id')
export const campaignRegulators = link('campaign_regulators', 'campaign_id', 'regulator_id')
export const campaignCategories = link('campaign_violation_categories', 'campaign_id', 'violation_category_id')
export const campaignSources = link('campaign_sources', 'campaign_id', 'source_id')
export const figurePlatforms = sqliteTable('figure_platforms', {
  leftId: text('figure_id').notNull(),
  rightId: text('platform_id').notNull(),
  position: integer('position').notNull()
}, (t) => [primaryKey({ columns: [t.leftId, t.rightId] }), index('figure_platforms_right_idx').on(t.rightId)])
export const figureAlsoReportedBy = link('figure_also_reported_by', 'figure_id', 'source_id')

// A campaign's platforms as each source named them: a known platform, or a name the data has no record for.
export const campaignPlatforms = sqliteTable('campaign_platforms', {
  campaignId: text('campaign_id').notNull().references(() => campaigns.id),
  position: integer('position').notNull(),
  platformId: text('platform_id').references(() => platforms.id),
  name: text('name'),
  namedBySourceId: text('named_by_source_id').references(() => sources.id)
}, (t) => [
  primaryKey({ columns: [t.campaignId, t.position] }),
  index('campaign_platforms_platform_idx').on(t.platformId),
  // Whether a campaign names a platform, answered from the index (the platform filter of /v1/campaigns).
  index('campaign_platforms_campaign_idx').on(t.campaignId, t.platformId)
])

// What this file holds (dataset version, release date, digest of seed/ and migrations/, whether it is a prebuilt
// release): written once when the file is built, read at every start to decide whether to rebuild.
export const datasetMetadata = sqliteTable('dataset_metadata', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})

// Every released change to a record, from seed/releases/: one row per record per release.
export const recordChanges = sqliteTable('record_changes', {
  // Newest release first, then record type and id: the order of /v1/changes.
  position: integer('position').primaryKey(),
  release: text('release').notNull(),
  releasedOn: text('released_on').notNull(),
  recordType: text('record_type').notNull(),
  recordId: text('record_id').notNull(),
  change: text('change').notNull(),
  fields: json<Array<{ field: string, old: unknown, new: unknown, reason: string | null }>>('fields').notNull(),
  reason: text('reason'),
  replacedBy: text('replaced_by')
}, (t) => [
  index('record_changes_record_idx').on(t.recordId, t.position),
  index('record_changes_release_idx').on(t.release, t.position)
])

// Totals computed when the file is built (src/db/stored-totals.ts): what figureTotals' statement answers for the
// questions asked most of a large file, keyed by a digest of the statement and its parameters.
export const storedTotals = sqliteTable('stored_totals', {
  question: text('question').primaryKey(),
  parts: text('parts').notNull()
})

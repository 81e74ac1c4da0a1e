import { Type } from 'typebox'
import * as tables from '../db/schema.js'
import { activeDuring, categoryAndDescendants, dateWithin, equals, inIds } from '../db/conditions.js'
import type { Condition } from '../db/list-query.js'
import { campaignSummaries, categorySummaries, platformSummaries, regulatorSummaries } from '../db/queries/summaries.js'
import { Notes, Nullable } from '../schemas/common.js'
import { CampaignFilters } from '../schemas/filters.js'
import type { CampaignSummary, PlatformSummary, RegulatorSummary, ViolationCategorySummary } from '../schemas/summaries.js'
import { CampaignKind, Confidence, PartialDate } from '../schemas/vocabulary.js'
import { computed, group, noCsv, on, withCsv, type RecordOf } from './fields.js'
import { figures, type Figure } from './figures.js'
import { linkRows, row, seedShape } from './seed-description.js'
import { SeedCampaign } from '../schemas/seed.js'
import { defineResource, recordsWhere, sortable } from './resource.js'
import { lines, list, names } from './search-document.js'
import { sources, type Source } from './sources.js'

const c = on(tables.campaigns, 'c')
const Text = (description: string) => Nullable(Type.String(), { description })
const datedNote = (date: 'announcedOn' | 'resultsAnnouncedOn', note: 'announcedNote' | 'resultsAnnouncedNote', description: string) =>
  withCsv(group({
    date: c.column(date, Nullable(PartialDate, { description: 'As precise as the sources allow.' })),
    note: c.column(note, Text('The date as the sources give it, and where they disagree.'))
  }, { description }), (name) => ({ [name]: (value) => value.date }))

export const CampaignPlatform = Type.Object({
  platform_id: Text('The platform, where it is in the data.'),
  name: Text('The name the source used, where the data has no record for it (a company, or a smaller app).'),
  named_by_source_id: Text('The source that named it, where sources disagree on the list.')
}, { description: 'A platform the campaign covered, as a source named it.' })

const fields = {
  id: c.column('id', Type.String({ description: 'Public id, camp-<name>.', examples: ['camp-qinglang-2023-self-media'] })),
  name_en: c.column('nameEn', Type.String({ description: 'English name.' })),
  name_zh: c.column('nameZh', Text('Chinese name, as announced.')),
  series_id: c.column('seriesId', Text('The series it belongs to, e.g. camp-qinglang-series.')),
  kind: c.column('kind', CampaignKind),
  kind_text: withCsv(c.column('kindText', Text('The kind in the words of the data, where it says more than `kind`.')), noCsv),
  is_seed_report_subject: withCsv(c.column('isSeedReportSubject',
    Type.Boolean({ description: 'True for the campaign of the May 2023 Reuters report this API began with.' })), noCsv),
  window: group({
    from: c.column('windowFrom', Nullable(PartialDate, { description: 'Start.' })),
    to: c.column('windowTo', Nullable(PartialDate, { description: 'End.' })),
    note: c.column('windowNote', Text('The window as the sources give it.'))
  }, { description: 'When it ran, as precise as the sources allow.' }),
  announced: datedNote('announcedOn', 'announcedNote', 'When it was announced (for annual programmes, when the plan was).'),
  results_announced: datedNote('resultsAnnouncedOn', 'resultsAnnouncedNote', 'When its results were announced.'),
  duration_stated: c.column('durationStated', Text('The duration the announcement gave, e.g. "two months".')),
  regulator_ids: c.linked(tables.campaignRegulators, Type.Array(Type.String(), { description: 'Regulators that ran it.' })),
  co_agencies: withCsv(c.column('coAgencies', Type.Array(Type.String(), { description: 'Other agencies named as taking part.' })), noCsv),
  platforms: withCsv(computed('c_platforms', `(SELECT json_group_array(json_object('platform_id', platform_id, 'name', name,
      'named_by_source_id', named_by_source_id)) FROM (SELECT * FROM campaign_platforms WHERE campaign_id = c.id ORDER BY position))`,
  Type.Array(CampaignPlatform, { description: 'Platforms named, with the source that named each where they disagree.' }), { json: true }),
  () => ({ platform_ids: (value) => [...new Set(value.map((p) => p.platform_id ?? p.name ?? ''))].join('; ') })),
  violation_category_ids: c.linked(tables.campaignCategories, Type.Array(Type.String(), { description: 'What it targeted.' })),
  planned_tasks: withCsv(c.column('plannedTasks', Type.Array(Type.String(), { description: 'Tasks an annual plan listed.' })), noCsv),
  linked_operations: withCsv(c.column('linkedOperations', Type.Array(Type.String(), { description: 'Operations it was run together with.' })), noCsv),
  source_ids: c.linked(tables.campaignSources, Type.Array(Type.String(), { description: 'Sources for these facts.' })),
  figure_count: computed('c_figure_count', '(SELECT count(*) FROM figures WHERE campaign_id = c.id)',
    Type.Integer({ description: 'How many figures report on it.' })),
  confidence: c.column('confidence', Confidence),
  notes: c.column('notes', Notes)
}
export type Campaign = RecordOf<typeof fields>
export type CampaignDetail = Campaign & {
  series: CampaignSummary | null
  sub_campaigns: CampaignSummary[]
  regulators: RegulatorSummary[]
  platform_records: PlatformSummary[]
  violation_categories: ViolationCategorySummary[]
  figures: Figure[]
  sources: Source[]
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

export const campaigns = defineResource({
  type: 'campaign',
  path: 'campaigns',
  label: 'campaign',
  plural: 'campaigns',
  table: 'campaigns',
  schemaName: 'Campaign',
  description: 'A censorship campaign: who ran it, when, where and against what.',
  from: c.from,
  id: c.sql('id'),
  fields,
  sort: {
    id: sortable(c.sql('id'), false),
    name_en: sortable(c.sql('nameEn'), false),
    kind: sortable(c.sql('kind'), false),
    window_from: sortable(c.sql('windowFrom'), true),
    window_to: sortable(c.sql('windowTo'), true),
    announced: sortable(c.sql('announcedOn'), true),
    results_announced: sortable(c.sql('resultsAnnouncedOn'), true),
    confidence: sortable(c.sql('confidence'), false)
  },
  filters: {
    params: CampaignFilters,
    ids: {
      regulator: { table: 'regulators', label: 'regulator', listedAt: '/v1/regulators' },
      platform: { table: 'platforms', label: 'platform', listedAt: '/v1/platforms' },
      violation_category: { table: 'violation_categories', label: 'violation category', listedAt: '/v1/violation-categories' },
      series: { table: 'campaigns', label: 'series', listedAt: '/v1/campaigns' }
    },
    dateRanges: [['active_from', 'active_to'], ['announced_from', 'announced_to']],
    // Each test is EXISTS for one campaign, not IN (every campaign of the platform or category): a page then walks the
    // campaigns in order and stops at the limit, where IN read every figure of the platform and of the category first
    // (5 s for one README question on a million figures; UNION instead of UNION ALL there had taken 47 s).
    where: (q) => {
      const where: Condition[] = []
      const ids = (raw: string | undefined, sql: (ids: string) => string) => { if (raw !== undefined) where.push(inIds(sql, raw)) }
      ids(q.regulator, (ids) => `c.id IN (SELECT campaign_id FROM campaign_regulators WHERE regulator_id IN (${ids}))`)
      ids(q.platform, (ids) => `(EXISTS (SELECT 1 FROM campaign_platforms WHERE campaign_id = c.id AND platform_id IN (${ids}))
        OR EXISTS (SELECT 1 FROM figures f JOIN figure_platforms l ON l.figure_id = f.id WHERE f.campaign_id = c.id AND l.platform_id IN (${ids})))`)
      ids(q.violation_category, (ids) => `(EXISTS (SELECT 1 FROM campaign_violation_categories
          WHERE campaign_id = c.id AND violation_category_id IN (${categoryAndDescendants(ids)}))
        OR EXISTS (SELECT 1 FROM figures WHERE campaign_id = c.id AND violation_category_id IN (${categoryAndDescendants(ids)})))`)
      ids(q.series, (ids) => `c.series_id IN (${ids})`)
      if (q.kind !== undefined) where.push(equals('c.kind', q.kind))
      if (q.confidence !== undefined) where.push(equals('c.confidence', q.confidence))
      where.push(...activeDuring(campaignActivity, { from: q.active_from, to: q.active_to }, q.window_unknown ?? 'exclude'))
      where.push(...dateWithin('c.announced_on', { from: q.announced_from, to: q.announced_to }))
      return where
    }
  },
  detail: {
    embeds: {
      series: Nullable(Type.Ref('CampaignSummary'), { description: 'The series it belongs to.' }),
      sub_campaigns: Type.Array(Type.Ref('CampaignSummary'), { description: 'Campaigns of this series.' }),
      regulators: Type.Array(Type.Ref('RegulatorSummary'), { description: 'The regulators, in short.' }),
      platform_records: Type.Array(Type.Ref('PlatformSummary'), { description: 'The platforms in the data that it covered.' }),
      violation_categories: Type.Array(Type.Ref('ViolationCategorySummary'), { description: 'The categories, in short.' }),
      figures: Type.Array(Type.Ref('Figure'), { description: 'Every figure reported on it.' }),
      sources: Type.Array(Type.Ref('Source'), { description: 'Every source cited by the campaign or its figures, in full.' })
    },
    description: 'A campaign with its regulators, platforms, categories, figures and sources.',
    read: (db, id): CampaignDetail | undefined => {
      const [campaign] = recordsWhere(db, campaigns, 'WHERE c.id = ?', id)
      if (!campaign) return undefined
      return {
        ...campaign,
        series: campaignSummaries(db, 'WHERE c.id = ?', campaign.series_id)[0] ?? null,
        sub_campaigns: campaignSummaries(db, 'WHERE c.series_id = ? ORDER BY c.window_from IS NULL, c.window_from, c.id', id),
        regulators: regulatorSummaries(db, 'JOIN campaign_regulators l ON l.regulator_id = r.id WHERE l.campaign_id = ? ORDER BY l.position', id),
        platform_records: platformSummaries(db, `WHERE p.id IN (SELECT platform_id FROM campaign_platforms WHERE campaign_id = ?
          UNION SELECT platform_id FROM figure_platforms JOIN figures ON figures.id = figure_id WHERE campaign_id = ?) ORDER BY p.id`, id, id),
        violation_categories: categorySummaries(db,
          'JOIN campaign_violation_categories l ON l.violation_category_id = v.id WHERE l.campaign_id = ? ORDER BY l.position', id),
        figures: recordsWhere(db, figures, 'WHERE f.campaign_id = ? ORDER BY f.id', id),
        sources: recordsWhere(db, sources, `WHERE s.id IN (
            SELECT source_id FROM campaign_sources WHERE campaign_id = ?
            UNION SELECT source_id FROM figures WHERE campaign_id = ?
            UNION SELECT a.source_id FROM figure_also_reported_by a JOIN figures f ON f.id = a.figure_id WHERE f.campaign_id = ?
          ) ORDER BY s.id`, id, id, id)
      }
    }
  },
  seed: seedShape({
    record: SeedCampaign,
    references: {
      series_id: 'campaign', regulator_ids: 'regulator', category_ids: 'violation_category', source_ids: 'source',
      'platforms.platform_id': 'platform', 'platforms.named_by': 'source'
    },
    rows: (c) => [row(tables.campaigns, {
      id: c.id, nameEn: c.name_en, nameZh: c.name_zh ?? null, seriesId: c.series_id ?? null, kind: c.kind, kindText: c.kind_text ?? null,
      isSeedReportSubject: c.is_seed_report_subject ?? false, windowFrom: c.window?.from ?? null, windowTo: c.window?.to ?? null,
      windowNote: c.window?.note ?? null, announcedOn: c.announced?.date ?? null, announcedNote: c.announced?.note ?? null,
      resultsAnnouncedOn: c.results_announced?.date ?? null, resultsAnnouncedNote: c.results_announced?.note ?? null,
      durationStated: c.duration_stated ?? null, coAgencies: c.co_agencies ?? [], plannedTasks: c.planned_tasks ?? [],
      linkedOperations: c.linked_operations ?? [], confidence: c.confidence, notes: c.notes ?? []
    }),
    ...linkRows(tables.campaignRegulators, c.id, c.regulator_ids),
    ...linkRows(tables.campaignCategories, c.id, c.category_ids),
    ...linkRows(tables.campaignSources, c.id, c.source_ids),
    ...(c.platforms ?? []).map((p, position) => row(tables.campaignPlatforms, {
      campaignId: c.id, position, platformId: p.platform_id ?? null, name: p.name ?? null, namedBySourceId: p.named_by ?? null
    }))],
    check: (records) => records.filter((c) => (c.platforms ?? []).some((p) => !p.platform_id === !p.name))
      .map((c) => ({ id: c.id, field: 'platforms', problem: 'each entry needs either platform_id or name' }))
  }),
  search: {
    title: names('c.name_en', 'c.name_zh'),
    body: lines('c.kind_text', 'c.window_note', 'c.announced_note', 'c.results_announced_note', 'c.duration_stated',
      list('c.co_agencies'), list('c.planned_tasks'), list('c.linked_operations'), list('c.notes'),
      '(SELECT group_concat(name, char(10)) FROM campaign_platforms WHERE campaign_id = c.id)')
  },
  docs: {
    listSummary: 'List campaigns',
    listDescription: 'Censorship campaigns: who ran them, when (window, announcement and results dates, as precise as the sources allow), on which platforms, against which categories, and how many figures report on each. Series such as Operation Qinglang have kind `series` and their campaigns point to them with `series_id`.',
    detailSummary: 'Get one campaign',
    detailDescription: 'A campaign with its series and sub-campaigns, regulators, platforms, categories, every figure reported on it and every source cited by it or its figures.',
    examples: { list: '?limit=1&sort=-window_from', csv: '?limit=2&format=csv', id: 'camp-qinglang-2023-news-anchor' }
  }
})

import { Type, type Static } from 'typebox'
import * as tables from '../db/schema.js'
import { categoryAndDescendants, dateWithin, equals, idList, inIds } from '../db/conditions.js'
import { fillCombinationKeys, keyNamesAny } from '../db/combination-keys.js'
import { prepareCached } from '../db/list-query.js'
import { Notes, Nullable } from '../schemas/common.js'
import { FigureFilters } from '../schemas/filters.js'
import { Action, Confidence, DateBasis, PartialDate, Qualifier, SubsetCertainty, Unit } from '../schemas/vocabulary.js'
import type { CampaignSummary, PlatformSummary, ViolationCategorySummary } from '../schemas/summaries.js'
import { group, on, type DbRow, type RecordOf } from './fields.js'
import { defineResource, sortable } from './resource.js'
import { linkRows, row, seedShape, type SeedRecords } from './seed-description.js'
import { SeedFigure } from '../schemas/seed.js'
import { actionIncludes } from '../schemas/vocabulary.js'
import type { Source } from './sources.js'
import { lines, list } from './search-document.js'

const f = on(tables.figures, 'f')
const FigureId = (description: string) => Nullable(Type.String({ description, examples: ['fig-014'] }))

const fields = {
  id: f.column('id', Type.String({ description: 'Public id, fig-NNN.', examples: ['fig-015'] })),
  campaign_id: f.column('campaignId', Type.String({ description: 'The campaign the figure reports on.' })),
  violation_category_id: f.column('violationCategoryId', Type.String({ description: 'What the censored content or accounts were accused of.' })),
  platform_ids: f.linked(tables.figurePlatforms, Type.Array(Type.String(), { description: 'Platforms the figure covers, where the source names them.' })),
  value: f.column('value', Nullable(Type.Integer({ description: 'The number; null where the source gives only words ("hundreds of thousands").' }))),
  value_text: f.column('valueText', Nullable(Type.String({ description: 'The source\'s own wording of the number, e.g. "6.66万余个".' }))),
  qualifier: f.column('qualifier', Qualifier),
  unit: f.column('unit', Unit),
  unit_text: f.column('unitText', Type.String({ description: 'What was counted, in the source\'s words.' })),
  action: f.column('action', Nullable(Action)),
  action_text: f.column('actionText', Nullable(Type.String({ description: 'The source\'s wording of the action, where it says more than `action`.' }))),
  as_of: f.column('asOf', Nullable(PartialDate, { description: 'The date the count was made up to, as the source states it.' })),
  period: group({
    from: f.column('periodFrom', Nullable(PartialDate, { description: 'Start of the period.' })),
    to: f.column('periodTo', Nullable(PartialDate, { description: 'End of the period.' }))
  }, { description: 'The period the figure covers, where the source gives one.' }),
  date: f.column('date', Nullable(PartialDate, {
    description: 'The date the figure is placed at: `as_of`, else the end of its period, else the end of the campaign\'s ' +
      'window, else the source\'s publication date (see `date_basis`).'
  })),
  date_basis: f.column('dateBasis', DateBasis),
  date_note: f.column('dateNote', Nullable(Type.String({ description: 'The date as the source gives it, where it is not a plain date.' }))),
  source_id: f.column('sourceId', Type.String({ description: 'The source that reports this number (every figure has one).' })),
  also_reported_by: f.linked(tables.figureAlsoReportedBy, Type.Array(Type.String(), { description: 'Other sources that carry the same number.' })),
  confidence: f.column('confidence', Confidence),
  subset_of: f.column('subsetOf', FigureId('This number is part of that figure (a breakdown: "of which", 其中; a half-year inside its year).')),
  subset_certainty: f.column('subsetCertainty', Nullable(SubsetCertainty)),
  superseded_by: f.column('supersededBy', FigureId('This is an earlier count of a running total, and that figure a later count of the same total ' +
    '(same campaign, unit and action): only the latest is added up.')),
  same_fact_as: f.column('sameFactAs', FigureId('The same fact as that figure, as reported by another source (e.g. Reuters\' 67,000 beside Xinhua\'s 66,600+).')),
  derived_from: f.column('derivedFrom', FigureId('Reported in the same statement as that figure.')),
  notes: f.column('notes', Notes)
}
export type Figure = RecordOf<typeof fields>

const sourceJson = (alias: string) => `json_object('id', ${alias}.id, 'title', ${alias}.title, 'publisher', ${alias}.publisher,
  'date', ${alias}.date, 'url', ${alias}.url, 'url_kind', ${alias}.url_kind, 'mirror_url', ${alias}.mirror_url,
  'archive_url', ${alias}.archive_url, 'accessed_on', ${alias}.accessed_on, 'language', ${alias}.language, 'confidence', ${alias}.confidence,
  'notes', json(${alias}.notes))`

export type FigureDetail = Figure & {
  source: Source
  also_reported_by_sources: Source[]
  campaign: CampaignSummary
  violation_category: ViolationCategorySummary
  platforms: PlatformSummary[]
}

export const figures = defineResource({
  type: 'figure',
  path: 'figures',
  label: 'figure',
  plural: 'figures',
  table: 'figures',
  schemaName: 'Figure',
  description: 'One number that one source reports about a campaign.',
  from: f.from,
  id: f.sql('id'),
  fields,
  sort: {
    id: sortable(f.sql('id'), false),
    value: sortable(f.sql('value'), true),
    date: sortable(f.sql('date'), true),
    campaign_id: sortable(f.sql('campaignId'), false),
    violation_category_id: sortable(f.sql('violationCategoryId'), false),
    unit: sortable(f.sql('unit'), false),
    action: sortable(f.sql('action'), true),
    qualifier: sortable(f.sql('qualifier'), false),
    confidence: sortable(f.sql('confidence'), false),
    source_id: sortable(f.sql('sourceId'), false)
  },
  filters: {
    params: FigureFilters,
    ids: {
      campaign: { table: 'campaigns', label: 'campaign', listedAt: '/v1/campaigns' },
      regulator: { table: 'regulators', label: 'regulator', listedAt: '/v1/regulators' },
      platform: { table: 'platforms', label: 'platform', listedAt: '/v1/platforms' },
      violation_category: { table: 'violation_categories', label: 'violation category', listedAt: '/v1/violation-categories' },
      source: { table: 'sources', label: 'source', listedAt: '/v1/sources' }
    },
    dateRanges: [['from', 'to']],
    valueRanges: [['min_value', 'max_value']],
    where: figureConditions
  },
  detail: {
    embeds: {
      source: Type.Ref('Source'),
      also_reported_by_sources: Type.Array(Type.Ref('Source'), { description: 'The other sources, in full.' }),
      campaign: Type.Ref('CampaignSummary'),
      violation_category: Type.Ref('ViolationCategorySummary'),
      platforms: Type.Array(Type.Ref('PlatformSummary'), { description: 'The platforms, in short.' })
    },
    description: 'A figure with its source, campaign, category and platforms.',
    read: (db, id): FigureDetail | undefined => {
      const row = prepareCached(db, figureDetailSql).get(id) as DbRow | undefined
      if (!row) return undefined
      const json = (key: string) => JSON.parse(row[key] as string) as never
      return {
        ...figures.list.map(row),
        source: json('source'),
        also_reported_by_sources: json('also_reported_by_sources'),
        campaign: json('campaign'),
        violation_category: json('violation_category'),
        platforms: json('platforms')
      }
    }
  },
  seed: seedShape({
    record: SeedFigure,
    references: {
      campaign_id: 'campaign', violation_category_id: 'violation_category', platform_ids: 'platform', source_id: 'source',
      also_reported_by: 'source', subset_of: 'figure', same_fact_as: 'figure', superseded_by: 'figure', derived_from: 'figure'
    },
    rows: (f, seed) => {
      const [date, basis] = figureDate(f, seed)
      return [row(tables.figures, {
        id: f.id, campaignId: f.campaign_id, violationCategoryId: f.violation_category_id, value: f.value, valueText: f.value_text ?? null,
        qualifier: f.qualifier, unit: f.unit, unitText: f.unit_text, action: f.action ?? null, actionText: f.action_text ?? null,
        asOf: f.as_of ?? null, periodFrom: f.period?.from ?? null, periodTo: f.period?.to ?? null, dateNote: f.date_note ?? null,
        date, dateBasis: basis, sourceId: f.source_id, confidence: f.confidence, subsetOf: f.subset_of ?? null,
        subsetCertainty: f.subset_of == null ? null : f.subset_certainty ?? 'certain', supersededBy: f.superseded_by ?? null,
        sameFactAs: f.same_fact_as ?? null, derivedFrom: f.derived_from ?? null, notes: f.notes ?? []
      }), ...linkRows(tables.figurePlatforms, f.id, f.platform_ids), ...linkRows(tables.figureAlsoReportedBy, f.id, f.also_reported_by)]
    },
    check: figureRelationProblems,
    derive: fillCombinationKeys
  }),
  search: {
    title: `concat_ws(' ', f.value_text, f.unit_text, f.action_text)`,
    body: lines('f.date_note', list('f.notes'))
  },
  docs: {
    listSummary: 'List figures',
    listDescription: 'Every reported number, one per record: the value, the source\'s own wording and hedge (`qualifier`), ' +
      'what was counted (`unit`), what was done (`action`), the campaign, the category and the source. A number the ' +
      'source gives only in words ("hundreds of thousands") has `value` null and qualifier `vague`.',
    detailSummary: 'Get one figure',
    detailDescription: 'A figure with its source in full, the other sources that carry the same number, its campaign, ' +
      'category and platforms.',
    examples: { list: '?limit=2', csv: '?limit=3&format=csv', id: 'fig-015' }
  }
})

/** The figure filters, shared by the list and the totals (/v1/stats/figures), so that a total adds up exactly what the list shows. */
export function figureConditions (q: Partial<Static<ReturnType<typeof Type.Object<typeof FigureFilters>>>>, { forTotals = false } = {}) {
  const where = []
  const ids = (raw: string | undefined, sql: (list: string) => string) => { if (raw !== undefined) where.push(inIds(sql, raw)) }
  ids(q.campaign, (list) => `f.campaign_id IN (${list})`)
  // A figure's regulators are its campaign's, stored on it as one key (src/db/combination-keys.ts): checked in the
  // index being walked, with no lookup per figure. README question 1 on a million figures: 0.6 s as an IN on
  // campaign_regulators, ~2 ms with an EXISTS lookup per figure, and its total (which checks every account figure
  // since 2023) ~1 s with the lookups, ~30 ms with the key and the unit-date index.
  if (q.regulator !== undefined) where.push(keyNamesAny('f.regulator_ids', idList(q.regulator)))
  if (forTotals) {
    // Totals read every figure of a measure from their covering index, which holds the platform key too.
    if (q.platform !== undefined) where.push(keyNamesAny('f.platform_ids', idList(q.platform)))
  } else {
    // A list finds a platform's figures through the link table: a rare platform's few figures are read directly.
    ids(q.platform, (list) => `f.id IN (SELECT figure_id FROM figure_platforms WHERE platform_id IN (${list}))`)
  }
  ids(q.violation_category, (list) => `f.violation_category_id IN (${categoryAndDescendants(list)})`)
  ids(q.source, (list) => `(f.source_id IN (${list}) OR f.id IN (SELECT figure_id FROM figure_also_reported_by WHERE source_id IN (${list})))`)
  for (const column of ['unit', 'action', 'qualifier', 'confidence'] as const) {
    if (q[column] !== undefined) where.push(equals(`f.${column}`, q[column]))
  }
  if (q.min_value !== undefined) where.push({ sql: 'f.value >= ?', params: [q.min_value] })
  if (q.max_value !== undefined) where.push({ sql: 'f.value <= ?', params: [q.max_value] })
  where.push(...dateWithin('f.date', q))
  if (q.preferred === true) where.push({ sql: 'f.same_fact_as IS NULL', params: [] })
  return where
}

// A detail is read in one statement (the embedded records as JSON built by SQLite): it is the hottest route, and
// six round trips through better-sqlite3 cost more than the lookups themselves.
const figureDetailSql = `SELECT ${figures.list.select},
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

// The date a figure is placed at in filters and time series, and where that date comes from.
function figureDate (f: SeedFigure, seed: SeedRecords): [string | null, string] {
  if (f.as_of) return [f.as_of, 'as_of']
  if (f.period?.to) return [f.period.to, 'period']
  const window = seed.get('campaign', f.campaign_id)?.window as { to?: string } | undefined
  if (window?.to) return [window.to, 'campaign_window']
  const sourceDate = seed.get('source', f.source_id)?.date as string | null | undefined
  if (sourceDate) return [sourceDate, 'source_date']
  return [null, 'none']
}

/**
 * The relations the totals rely on must make sense: a snapshot is superseded by a later count of the same running
 * total (same campaign, unit and action); a certain part counts the same unit, under the same action or one the
 * whole's action includes (accounts closed for good inside accounts handled). A number given only in words is vague.
 */
function figureRelationProblems (records: SeedFigure[], seed: SeedRecords): Array<{ id: string, field: string, problem: string }> {
  const problems: Array<{ id: string, field: string, problem: string }> = []
  const figures = new Map(records.map((f) => [f.id, f]))
  const fail = (f: SeedFigure, field: string, problem: string) => problems.push({ id: f.id, field, problem })
  for (const f of records) {
    if (f.value === null && f.qualifier !== 'vague') fail(f, 'value', 'may be null only when qualifier is "vague"')
    if (f.subset_certainty != null && f.subset_of == null) fail(f, 'subset_certainty', 'is set but subset_of is not')
    for (const [field, target] of [['subset_of', f.subset_of], ['superseded_by', f.superseded_by], ['same_fact_as', f.same_fact_as]] as const) {
      if (target === f.id) fail(f, field, 'names the figure itself')
    }
    const later = f.superseded_by == null ? undefined : figures.get(f.superseded_by)
    if (later) {
      const differs = (['campaign_id', 'unit', 'action'] as const).filter((k) => (later[k] ?? null) !== (f[k] ?? null))
      if (differs.length) {
        fail(f, 'superseded_by', `${later.id} is not a later count of the same running total: its ${differs.join(', ')} differ`)
      }
      const [mine, theirs] = [figureDate(f, seed)[0], figureDate(later, seed)[0]]
      if (mine === null || theirs === null || theirs <= mine) {
        fail(f, 'superseded_by', `${later.id} must be dated after this figure (${theirs ?? 'undated'} is not after ${mine ?? 'undated'})`)
      }
    }
    const whole = f.subset_of == null ? undefined : figures.get(f.subset_of)
    if (whole && f.subset_certainty !== 'uncertain') {
      if (whole.unit !== f.unit) fail(f, 'subset_of', `${whole.id} counts ${whole.unit}, not ${f.unit}: mark it subset_certainty: uncertain or fix the unit`)
      const included = f.action == null || whole.action == null ? f.action === whole.action
        : f.action === whole.action || (actionIncludes[whole.action] ?? []).includes(f.action)
      if (!included) {
        fail(f, 'subset_of', `${whole.id} is "${whole.action ?? 'no action'}", which does not include "${f.action ?? 'no action'}" ` +
          '(src/schemas/vocabulary.ts actionIncludes): mark it subset_certainty: uncertain or fix the action')
      }
    }
  }
  return problems
}

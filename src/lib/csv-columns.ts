import type { CsvColumns } from './list-reply.js'
import type { Campaign } from '../schemas/campaign.js'
import type { Figure } from '../schemas/figure.js'
import type { Platform } from '../schemas/platform.js'
import type { Regulator } from '../schemas/regulator.js'
import type { SearchHit } from '../schemas/search.js'
import type { Source } from '../schemas/source.js'
import { dimensionKeys, type Dimension, type FigureTotal } from '../schemas/stats.js'
import type { ViolationCategory } from '../schemas/violation-category.js'

// One row per record, flat: lists, notes included, become "a; b" as the contract says.
const list = (values: string[]) => values.join('; ')
const notes = list

export const figureCsv: CsvColumns<Figure> = {
  id: (f) => f.id,
  campaign_id: (f) => f.campaign_id,
  violation_category_id: (f) => f.violation_category_id,
  platform_ids: (f) => list(f.platform_ids),
  value: (f) => f.value,
  value_text: (f) => f.value_text,
  qualifier: (f) => f.qualifier,
  unit: (f) => f.unit,
  unit_text: (f) => f.unit_text,
  action: (f) => f.action,
  action_text: (f) => f.action_text,
  as_of: (f) => f.as_of,
  period_from: (f) => f.period.from,
  period_to: (f) => f.period.to,
  date: (f) => f.date,
  date_basis: (f) => f.date_basis,
  date_note: (f) => f.date_note,
  source_id: (f) => f.source_id,
  also_reported_by: (f) => list(f.also_reported_by),
  confidence: (f) => f.confidence,
  subset_of: (f) => f.subset_of,
  subset_certainty: (f) => f.subset_certainty,
  superseded_by: (f) => f.superseded_by,
  same_fact_as: (f) => f.same_fact_as,
  derived_from: (f) => f.derived_from,
  notes: (f) => notes(f.notes)
}

export const campaignCsv: CsvColumns<Campaign> = {
  id: (c) => c.id,
  name_en: (c) => c.name_en,
  name_zh: (c) => c.name_zh,
  series_id: (c) => c.series_id,
  kind: (c) => c.kind,
  window_from: (c) => c.window.from,
  window_to: (c) => c.window.to,
  window_note: (c) => c.window.note,
  announced: (c) => c.announced.date,
  results_announced: (c) => c.results_announced.date,
  duration_stated: (c) => c.duration_stated,
  regulator_ids: (c) => list(c.regulator_ids),
  platform_ids: (c) => list([...new Set(c.platforms.map((p) => p.platform_id ?? p.name ?? ''))]),
  violation_category_ids: (c) => list(c.violation_category_ids),
  source_ids: (c) => list(c.source_ids),
  figure_count: (c) => c.figure_count,
  confidence: (c) => c.confidence,
  notes: (c) => notes(c.notes)
}

export const regulatorCsv: CsvColumns<Regulator> = {
  id: (r) => r.id,
  name_en: (r) => r.name_en,
  name_zh: (r) => r.name_zh,
  short_name_zh: (r) => r.short_name_zh,
  abbreviation: (r) => r.abbreviation,
  country: (r) => r.country,
  parent_id: (r) => r.parent_id,
  parent_text: (r) => r.parent_text,
  founded: (r) => r.founded,
  founding_notes: (r) => notes(r.founding_notes),
  source_ids: (r) => list(r.source_ids),
  confidence: (r) => r.confidence,
  notes: (r) => notes(r.notes)
}

export const platformCsv: CsvColumns<Platform> = {
  id: (p) => p.id,
  name_en: (p) => p.name_en,
  name_zh: (p) => p.name_zh,
  kind: (p) => p.kind,
  owner_id: (p) => p.owner.id,
  owner_name_en: (p) => p.owner.name_en,
  owner_name_zh: (p) => p.owner.name_zh,
  launched: (p) => p.launched,
  launch_note: (p) => p.launch_note,
  international_counterpart: (p) => p.international_counterpart,
  source_ids: (p) => list(p.source_ids),
  confidence: (p) => p.confidence
}

export const violationCategoryCsv: CsvColumns<ViolationCategory> = {
  id: (v) => v.id,
  name_en: (v) => v.name_en,
  name_zh: (v) => v.name_zh,
  description: (v) => v.description,
  parent_id: (v) => v.parent_id,
  examples: (v) => list(v.examples),
  sub_behaviours: (v) => list(v.sub_behaviours),
  source_ids: (v) => list(v.source_ids)
}

export const sourceCsv: CsvColumns<Source> = {
  id: (s) => s.id,
  title: (s) => s.title,
  publisher: (s) => s.publisher,
  date: (s) => s.date,
  url: (s) => s.url,
  url_kind: (s) => s.url_kind,
  mirror_url: (s) => s.mirror_url,
  archive_url: (s) => s.archive_url,
  accessed_on: (s) => s.accessed_on,
  language: (s) => s.language,
  confidence: (s) => s.confidence,
  notes: (s) => notes(s.notes)
}

// The record property each flattened CSV column comes from, so that `fields=window` keeps window_from and window_to.
export const figureCsvFields = { period_from: 'period', period_to: 'period' }
export const campaignCsvFields = { window_from: 'window', window_to: 'window', window_note: 'window', platform_ids: 'platforms' }
export const platformCsvFields = { owner_id: 'owner', owner_name_en: 'owner', owner_name_zh: 'owner' }

/** Totals: the group keys first, then the sums and where to list the figures; figure_ids, when asked for, joined like every other list. */
export function figureTotalsCsv (groupBy: Dimension[], withFigureIds: boolean): CsvColumns<FigureTotal> {
  const keys = Object.fromEntries(groupBy.map((d) => {
    const key = dimensionKeys[d] as keyof FigureTotal
    return [key, (row: FigureTotal) => row[key] as string | null]
  }))
  return {
    ...keys,
    sum: (r) => r.sum,
    count: (r) => r.count,
    exact_count: (r) => r.exact_count,
    over_count: (r) => r.over_count,
    almost_count: (r) => r.almost_count,
    around_count: (r) => r.around_count,
    hedged_sum: (r) => r.hedged_sum,
    sum_is_lower_bound: (r) => r.sum_is_lower_bound,
    sum_kind: (r) => r.sum_kind,
    figures_url: (r) => r.figures_url,
    ...(withFigureIds ? { figure_ids: (r: FigureTotal) => list(r.figure_ids ?? []) } : {})
  }
}

export const searchCsv: CsvColumns<SearchHit> = {
  type: (h) => h.type,
  id: (h) => h.id,
  title: (h) => h.title,
  snippet: (h) => h.snippet,
  rank: (h) => h.rank,
  url: (h) => h.url
}

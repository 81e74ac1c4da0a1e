import { Type, type Static } from 'typebox'
import { Extend, Notes, Nullable } from './common.js'
import { CampaignKind, Confidence, PartialDate } from './vocabulary.js'
import type { Figure } from './figure.js'
import type { Source } from './source.js'
import type { CampaignSummary, PlatformSummary, RegulatorSummary, ViolationCategorySummary } from './summaries.js'

const Text = (description: string) => Nullable(Type.String(), { description })
const DatedNote = (description: string) => Type.Object({
  date: Nullable(PartialDate, { description: 'As precise as the sources allow.' }),
  note: Text('The date as the sources give it, and where they disagree.')
}, { description })

export const CampaignPlatform = Type.Object({
  platform_id: Text('The platform, where it is in the data.'),
  name: Text('The name the source used, where the data has no record for it (a company, or a smaller app).'),
  named_by_source_id: Text('The source that named it, where sources disagree on the list.')
}, { description: 'A platform the campaign covered, as a source named it.' })

export const Campaign = Type.Object({
  id: Type.String({ description: 'Public id, camp-<name>.', examples: ['camp-qinglang-2023-self-media'] }),
  name_en: Type.String({ description: 'English name.' }),
  name_zh: Text('Chinese name, as announced.'),
  series_id: Text('The series it belongs to, e.g. camp-qinglang-series.'),
  kind: CampaignKind,
  kind_text: Text('The kind in the words of the data, where it says more than `kind`.'),
  is_seed_report_subject: Type.Boolean({ description: 'True for the campaign of the May 2023 Reuters report this API began with.' }),
  window: Type.Object({
    from: Nullable(PartialDate, { description: 'Start.' }),
    to: Nullable(PartialDate, { description: 'End.' }),
    note: Text('The window as the sources give it.')
  }, { description: 'When it ran, as precise as the sources allow.' }),
  announced: DatedNote('When it was announced (for annual programmes, when the plan was).'),
  results_announced: DatedNote('When its results were announced.'),
  duration_stated: Text('The duration the announcement gave, e.g. "two months".'),
  regulator_ids: Type.Array(Type.String(), { description: 'Regulators that ran it.' }),
  co_agencies: Type.Array(Type.String(), { description: 'Other agencies named as taking part.' }),
  platforms: Type.Array(CampaignPlatform, { description: 'Platforms named, with the source that named each where they disagree.' }),
  violation_category_ids: Type.Array(Type.String(), { description: 'What it targeted.' }),
  planned_tasks: Type.Array(Type.String(), { description: 'Tasks an annual plan listed.' }),
  linked_operations: Type.Array(Type.String(), { description: 'Operations it was run together with.' }),
  source_ids: Type.Array(Type.String(), { description: 'Sources for these facts.' }),
  figure_count: Type.Integer({ description: 'How many figures report on it.' }),
  confidence: Confidence,
  notes: Notes
}, { $id: 'Campaign', description: 'A censorship campaign: who ran it, when, where and against what.' })

export const CampaignDetail = Extend(Campaign, {
  series: Nullable(Type.Ref('CampaignSummary'), { description: 'The series it belongs to.' }),
  sub_campaigns: Type.Array(Type.Ref('CampaignSummary'), { description: 'Campaigns of this series.' }),
  regulators: Type.Array(Type.Ref('RegulatorSummary'), { description: 'The regulators, in short.' }),
  platform_records: Type.Array(Type.Ref('PlatformSummary'), { description: 'The platforms in the data that it covered.' }),
  violation_categories: Type.Array(Type.Ref('ViolationCategorySummary'), { description: 'The categories, in short.' }),
  figures: Type.Array(Type.Ref('Figure'), { description: 'Every figure reported on it.' }),
  sources: Type.Array(Type.Ref('Source'), { description: 'Every source cited by the campaign or its figures, in full.' })
}, { $id: 'CampaignDetail', description: 'A campaign with its regulators, platforms, categories, figures and sources.' })

export type Campaign = Static<typeof Campaign>
export type CampaignDetail = Static<typeof CampaignDetail, {
  CampaignSummary: typeof CampaignSummary, RegulatorSummary: typeof RegulatorSummary, PlatformSummary: typeof PlatformSummary,
  ViolationCategorySummary: typeof ViolationCategorySummary, Figure: typeof Figure, Source: typeof Source
}>

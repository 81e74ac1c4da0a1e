import { Type, type Static } from 'typebox'
import { Extend, Notes, Nullable } from './common.js'
import { Action, Confidence, DateBasis, PartialDate, Qualifier, SubsetCertainty, Unit } from './vocabulary.js'
import type { Source } from './source.js'
import type { CampaignSummary, PlatformSummary, ViolationCategorySummary } from './summaries.js'

const FigureId = (description: string) => Nullable(Type.String({ description, examples: ['fig-014'] }))

export const Figure = Type.Object({
  id: Type.String({ description: 'Public id, fig-NNN.', examples: ['fig-015'] }),
  campaign_id: Type.String({ description: 'The campaign the figure reports on.' }),
  violation_category_id: Type.String({ description: 'What the censored content or accounts were accused of.' }),
  platform_ids: Type.Array(Type.String(), { description: 'Platforms the figure covers, where the source names them.' }),
  value: Nullable(Type.Integer({ description: 'The number; null where the source gives only words ("hundreds of thousands").' })),
  value_text: Nullable(Type.String({ description: 'The source\'s own wording of the number, e.g. "6.66万余个".' })),
  qualifier: Qualifier,
  unit: Unit,
  unit_text: Type.String({ description: 'What was counted, in the source\'s words.' }),
  action: Nullable(Action),
  action_text: Nullable(Type.String({ description: 'The source\'s wording of the action, where it says more than `action`.' })),
  as_of: Nullable(PartialDate, { description: 'The date the count was made up to, as the source states it.' }),
  period: Type.Object({
    from: Nullable(PartialDate, { description: 'Start of the period.' }),
    to: Nullable(PartialDate, { description: 'End of the period.' })
  }, {
    description: 'The period the figure covers, where the source gives one.'
  }),
  date: Nullable(PartialDate, {
    description: 'The date the figure is placed at: `as_of`, else the end of its period, else the end of the campaign\'s ' +
      'window, else the source\'s publication date (see `date_basis`).'
  }),
  date_basis: DateBasis,
  date_note: Nullable(Type.String({ description: 'The date as the source gives it, where it is not a plain date.' })),
  source_id: Type.String({ description: 'The source that reports this number (every figure has one).' }),
  also_reported_by: Type.Array(Type.String(), { description: 'Other sources that carry the same number.' }),
  confidence: Confidence,
  subset_of: FigureId('This number is part of that figure (a breakdown: "of which", 其中; a half-year inside its year).'),
  subset_certainty: Nullable(SubsetCertainty),
  superseded_by: FigureId('This is an earlier count of a running total, and that figure a later count of the same total ' +
    '(same campaign, unit and action): only the latest is added up.'),
  same_fact_as: FigureId('The same fact as that figure, as reported by another source (e.g. Reuters\' 67,000 beside Xinhua\'s 66,600+).'),
  derived_from: FigureId('Reported in the same statement as that figure.'),
  notes: Notes
}, { $id: 'Figure', description: 'One number that one source reports about a campaign.' })
export type Figure = Static<typeof Figure>

export const FigureDetail = Extend(Figure, {
  source: Type.Ref('Source'),
  also_reported_by_sources: Type.Array(Type.Ref('Source'), { description: 'The other sources, in full.' }),
  campaign: Type.Ref('CampaignSummary'),
  violation_category: Type.Ref('ViolationCategorySummary'),
  platforms: Type.Array(Type.Ref('PlatformSummary'), { description: 'The platforms, in short.' })
}, { $id: 'FigureDetail', description: 'A figure with its source, campaign, category and platforms.' })
export type FigureDetail = Static<typeof FigureDetail, {
  Source: typeof Source, CampaignSummary: typeof CampaignSummary, ViolationCategorySummary: typeof ViolationCategorySummary,
  PlatformSummary: typeof PlatformSummary
}>

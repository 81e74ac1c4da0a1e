import { Type, type Static, type TProperties } from 'typebox'
import { actions, campaignKinds, confidences, qualifiers, units, windowUnknownChoices } from './vocabulary.js'

// The filters of each list, as query parameters. The figure filters are shared by /v1/figures and
// /v1/stats/figures, so that a total always adds up exactly the figures the same filters list.

const filterObject = <T extends TProperties>(properties: T) => Type.Object(properties)

export const Ids = (what: string, example: string, more = '') => Type.Optional(Type.String({
  pattern: '^[a-z0-9][a-z0-9-]*(,[a-z0-9][a-z0-9-]*)*$',
  maxLength: 1000,
  description: `Only records of this ${what} (its public id); several ids, comma-separated, match any of them. ` +
    `An id that does not exist is a 400 naming it.${more}`,
  examples: [example]
}))

export const Choice = <T extends string>(values: readonly T[], description: string, example: T) =>
  Type.Optional(Type.Enum(values, { description: `${description} One of: ${values.join(', ')}.`, examples: [example] }))

export const PartialDateParam = (description: string, example: string) => Type.Optional(Type.String({
  pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$',
  description: `${description} A partial date is read as the whole period it names: "2023" is 2023-01-01 to ` +
    '2023-12-31, "2023-05" is 2023-05-01 to 2023-05-31.',
  examples: [example]
}))

const pointInRange = 'A record dated less precisely than the range is left out: a figure dated only "2023" is not ' +
  'in from=2023-05 (it may be from any month of 2023). Records without a date are left out.'

const Confidences = (what: string) =>
  Choice(confidences, `Only ${what} with this confidence (high, medium, low: see the record's \`confidence\`).`, 'high')

export const FigureFilters = {
  campaign: Ids('campaign', 'camp-qinglang-2023-self-media'),
  regulator: Ids('regulator', 'reg-cac', ' Matches figures of campaigns the regulator ran or co-ran.'),
  platform: Ids('platform', 'plat-weibo', ' Matches figures whose `platform_ids` include it (most figures name no platform).'),
  violation_category: Ids('violation category', 'cat-self-media-general',
    ' Its sub-categories are included: cat-self-media-general also matches cat-impersonation-military.'),
  unit: Choice(units, 'Only figures that count this unit.', 'accounts'),
  action: Choice(actions, 'Only figures of this action.', 'closed_permanently'),
  qualifier: Choice(qualifiers, 'Only figures with this hedge.', 'over'),
  confidence: Confidences('figures'),
  source: Ids('source', 'src-xinhua-2023-05-27-mirror',
    ' Matches figures it reports, as their main source or in `also_reported_by`.'),
  min_value: Type.Optional(Type.Integer({
    minimum: 0, description: 'Only figures with a value of at least this (figures without a value are left out).', examples: [100000]
  })),
  max_value: Type.Optional(Type.Integer({
    minimum: 0, description: 'Only figures with a value of at most this (figures without a value are left out).', examples: [1000000]
  })),
  from: PartialDateParam('Only figures whose `date` (as_of, else end of period, else end of the campaign window, else ' +
    `the source date: see \`date_basis\`) is on or after this. ${pointInRange}`, '2023'),
  to: PartialDateParam(`Only figures whose \`date\` is on or before this. ${pointInRange}`, '2023-05'),
  preferred: Type.Optional(Type.Boolean({
    description: 'true: one figure per fact. Where several sources report the same fact, the duplicates point to one ' +
      'figure with `same_fact_as`; that figure (the one with `same_fact_as` null, usually the official or most ' +
      'precise report, e.g. Xinhua\'s 6.66万余 rather than Reuters\' 67,000) is kept and the duplicates are left out. ' +
      'false (default): every report.',
    examples: [true]
  }))
}
export type FigureFilterQuery = Static<ReturnType<typeof filterObject<typeof FigureFilters>>>

export const CampaignFilters = {
  regulator: Ids('regulator', 'reg-cac', ' Matches campaigns it ran or co-ran.'),
  platform: Ids('platform', 'plat-weibo', ' Matches campaigns that named it, or one of whose figures covers it.'),
  violation_category: Ids('violation category', 'cat-self-media-general', ' Matches campaigns that targeted it or one ' +
    'of its sub-categories, or one of whose figures is in it or them.'),
  series: Ids('series', 'camp-qinglang-series', ' Matches the campaigns of the series (`series_id`), not the series itself.'),
  kind: Choice(campaignKinds, 'Only campaigns of this kind.', 'campaign'),
  confidence: Confidences('campaigns'),
  active_from: PartialDateParam('Only campaigns running at some time in the range that starts here: their window ends ' +
    'on or after this. A window with no end date ends, at the latest, when the campaign\'s results were announced. ' +
    'Where the start or the end is still unknown, the campaign is known to have run only from its start (or its ' +
    'earliest counted figure) to its end (or its latest counted figure); if that span misses the range, whether it ran ' +
    'then is unknown, and `window_unknown` decides.', '2023-05'),
  active_to: PartialDateParam('Only campaigns running at some time in the range that ends here: their window starts on ' +
    'or before this. Unknown bounds as for active_from.', '2023-05'),
  window_unknown: Choice(windowUnknownChoices, 'With active_from/active_to, what to do with campaigns that may have ' +
    'been running in the range but are not known to have been, because their window has an unknown start or end and ' +
    'nothing known rules the range out: exclude (default) leaves them out, include adds them, only lists just them ' +
    '(to report them apart). No unknown bound is stretched to infinity.', 'only'),
  announced_from: PartialDateParam(`Only campaigns announced on or after this (\`announced.date\`). ${pointInRange}`, '2023'),
  announced_to: PartialDateParam(`Only campaigns announced on or before this. ${pointInRange}`, '2023-12')
}
export type CampaignFilterQuery = Static<ReturnType<typeof filterObject<typeof CampaignFilters>>>

export const RegulatorFilters = {
  country: Type.Optional(Type.String({
    pattern: '^[A-Z]{2}$', description: 'Only regulators of this country (ISO 3166-1 alpha-2, upper case).', examples: ['CN']
  })),
  parent: Ids('parent regulator', 'reg-cac', ' Matches the regulators that answer directly to it (`parent_id`).'),
  confidence: Confidences('regulators')
}
export type RegulatorFilterQuery = Static<ReturnType<typeof filterObject<typeof RegulatorFilters>>>

export const PlatformFilters = {
  owner: Ids('owner', 'org-bytedance', ' Matches platforms the company owns, directly or through a subsidiary ' +
    '(org-sina matches Weibo, owned by its subsidiary Weibo Corp.).'),
  confidence: Confidences('platforms')
}
export type PlatformFilterQuery = Static<ReturnType<typeof filterObject<typeof PlatformFilters>>>

export const ViolationCategoryFilters = {
  parent: Ids('parent category', 'cat-self-media-general', ' Matches its direct sub-categories (`parent_id`).'),
  top_level: Type.Optional(Type.Boolean({
    description: 'true: only categories that are not a kind of another (no `parent_id`); false: only sub-categories.',
    examples: [true]
  }))
}
export type ViolationCategoryFilterQuery = Static<ReturnType<typeof filterObject<typeof ViolationCategoryFilters>>>

export const SourceFilters = {
  publisher: Type.Optional(Type.String({
    minLength: 2, maxLength: 200,
    description: 'Only sources whose publisher contains this text, ignoring case: "xinhua" matches "Xinhua text via ' +
      'mirror" and "People\'s Daily Online (Xinhua)".',
    examples: ['xinhua']
  })),
  language: Type.Optional(Type.String({
    pattern: '^[a-z]{2}$', description: 'Only sources in this language (ISO 639-1, lower case).', examples: ['zh']
  })),
  confidence: Confidences('sources'),
  from: PartialDateParam(`Only sources published on or after this. ${pointInRange}`, '2023'),
  to: PartialDateParam(`Only sources published on or before this. ${pointInRange}`, '2023-12')
}
export type SourceFilterQuery = Static<ReturnType<typeof filterObject<typeof SourceFilters>>>

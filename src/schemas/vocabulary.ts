import { Type } from 'typebox'

// Controlled vocabularies: the seed is validated against them and the API documents and filters by them.

export const qualifiers = ['none', 'over', 'almost', 'around', 'vague'] as const
export const confidences = ['high', 'medium', 'low'] as const
export const units = [
  'accounts', 'accounts_and_groups', 'groups', 'topics', 'posts', 'items', 'videos', 'episodes', 'live_streams',
  'websites', 'platforms', 'apps', 'shops', 'listings', 'cases', 'people', 'leads', 'announcements', 'reports',
  'reporting_channels', 'special_actions', 'days', 'person_times', 'company_times', 'platform_times', 'website_times', 'shop_times'
] as const
/**
 * Units that are not a count of distinct things: 2,089 person-times (人次) may be 500 people interviewed four times,
 * and seven days of suspension plus seven days is not a fact about anything. A sum of them is refused.
 */
export const nonAdditiveUnits: ReadonlyArray<typeof units[number]> = ['days', 'person_times', 'company_times', 'platform_times', 'website_times', 'shop_times']
export const actions = [
  'deleted', 'intercepted_or_deleted', 'closed_permanently', 'closed', 'closed_or_suspended', 'handled', 'punished',
  'targeted', 'lesser_penalties', 'banned', 'removed_from_stores', 'summoned', 'warned', 'fined', 'warned_or_fined',
  'functions_suspended', 'referred_to_police_or_courts', 'cases_handled', 'persons_punished', 'arrested', 'identified',
  'tested', 'ordered_to_rectify', 'publicly_named', 'interviewed', 'closure_requested'
] as const
/**
 * Actions that are the sum of others, as the sources use them: 处置 (handled) counts every account dealt with, of
 * which (其中) some were closed for good and the rest got lesser penalties. A figure of an included action may be
 * `subset_of` a figure of the including action; a total never adds them, each is its own measure.
 */
export const actionIncludes: Partial<Record<typeof actions[number], ReadonlyArray<typeof actions[number]>>> = {
  handled: ['closed_permanently', 'closed', 'closed_or_suspended', 'lesser_penalties', 'punished', 'banned', 'deleted',
    'functions_suspended'],
  punished: ['closed_permanently', 'closed', 'closed_or_suspended', 'lesser_penalties', 'banned'],
  closed_or_suspended: ['closed', 'closed_permanently', 'functions_suspended'],
  closed: ['closed_permanently'],
  intercepted_or_deleted: ['deleted'],
  warned_or_fined: ['warned', 'fined']
}
export const subsetCertainties = ['certain', 'uncertain'] as const
export const windowUnknownChoices = ['exclude', 'include', 'only'] as const
export type WindowUnknown = typeof windowUnknownChoices[number]
export const campaignKinds = [
  'series', 'annual_programme', 'campaign', 'platform_enforcement', 'enforcement_tally', 'non_content_regulation'
] as const
export const urlKinds = ['original', 'republished', 'mirror'] as const
export const dateBases = ['as_of', 'period', 'campaign_window', 'source_date', 'none'] as const

export const Qualifier = Type.Enum(qualifiers, {
  description: "The source's own hedge: none (stated flat), over (more than, 余, 多, 超过, 逾), almost (nearly, 近), " +
    'around (about, some, 约), vague (only an order of magnitude, no number).'
})
export const Confidence = Type.Enum(confidences, {
  description: 'high: wire, state media or major outlet read directly; medium: reputable secondary outlet or an official ' +
    'text seen via a mirror that matches other copies; low: only a mirror or an unclear translation, unconfirmed.'
})
export const Unit = Type.Enum(units, {
  description: 'What was counted, from a small controlled vocabulary; the source\'s own wording is in `unit_text`. ' +
    `${nonAdditiveUnits.join(', ')} count occurrences or durations (人次: person-times), not distinct things: they are never added up.`
})
export const Action = Type.Enum(actions, {
  description: 'What was done, e.g. deleted, closed_permanently, handled (处置: any penalty from muting to closure). ' +
    'Some actions include others: ' + Object.entries(actionIncludes).map(([a, parts]) => `${a} includes ${parts.join(', ')}`)
    .join('; ') + '. A figure is counted only under its own action: a total of handled never adds the closed figures.'
})
export const SubsetCertainty = Type.Enum(subsetCertainties, {
  description: 'certain: the source says the figure is part of `subset_of` ("of which", 其中); uncertain: it probably ' +
    'is (a breakdown that no source ties to the total), so sums leave it out unless include_uncertain=true.'
})
export const CampaignKind = Type.Enum(campaignKinds, {
  description: 'series (an umbrella such as Qinglang), annual_programme (a year of a series with annual totals), ' +
    'campaign, platform_enforcement (an order against one platform), enforcement_tally (periodic law-enforcement ' +
    'totals, not one campaign), non_content_regulation (commerce or privacy, not speech).'
})
export const DateBasis = Type.Enum(dateBases, {
  description: 'Where `date` comes from: as_of (the source\'s as-of date), period (end of the period the figure covers), ' +
    'campaign_window (end of the campaign\'s window), source_date (publication date of the source), none.'
})

export const UrlKind = Type.Enum(urlKinds, {
  description: "How `url` relates to the publisher: original (the publisher's own site: for an official statement the " +
    "regulator's or the state news agency's), republished (a credited copy, e.g. a newspaper carrying a wire story), " +
    'mirror (an unrelated site reposting the text: a fallback, used only when no original could be found).'
})

export const PartialDate = Type.String({
  pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$',
  description: 'A date as precise as the source: "2023", "2023-05" or "2023-05-22".',
  examples: ['2023-05-22']
})

import { Type, type Static } from 'typebox'
import { Nullable } from './common.js'
import { FigureFilters } from './filters.js'
import { CsvBom } from './list-query.js'

// Totals of figures: the dimensions they can be grouped by, the query and one row of the answer.

export const dimensions = ['campaign', 'regulator', 'platform', 'violation_category', 'unit', 'action', 'qualifier', 'source',
  'year', 'month'] as const
export type Dimension = typeof dimensions[number]

/** The property of a row that holds each dimension's value. */
export const dimensionKeys: Record<Dimension, string> = {
  campaign: 'campaign_id',
  regulator: 'regulator_id',
  platform: 'platform_id',
  violation_category: 'violation_category_id',
  unit: 'unit',
  action: 'action',
  qualifier: 'qualifier',
  source: 'source_id',
  year: 'year',
  month: 'month'
}

export const totalFields = ['sum', 'count'] as const

/** figure_ids=true lists at most this many ids in one answer; a larger total pages its figures through figures_url. */
export const maxListedFigureIds = 10_000

export const FigureTotalsQuery = Type.Object({
  group_by: Type.Optional(Type.String({
    pattern: '^[a-z_]+(,[a-z_]+)*$',
    maxLength: 200,
    description: `One row per combination of these, comma-separated: ${dimensions.join(', ')}. Without it, one row for ` +
      'every matching figure. A sum adds one measure: unless you filter to one `unit` and one `action`, `unit` and ' +
      '`action` must be among them (adding accounts to posts, or accounts handled to accounts closed, means nothing). ' +
      '`year` and `month` ("2023-05") come from the figure\'s `date`; a figure dated only to the year has month null. ' +
      '`regulator` goes through the campaign and `platform` through the figure\'s `platform_ids`: a figure of a campaign ' +
      'run by several regulators, or naming several platforms, is in one row keyed by all of them, joined with "+" ' +
      '(plat-douyin+plat-kuaishou+plat-weibo), never counted in full for each; so every figure is in exactly one row. ' +
      '`violation_category` is the figure\'s own category (no roll-up to the parent).',
    examples: ['unit,action,year']
  })),
  ...FigureFilters,
  include_subsets: Type.Optional(Type.Boolean({
    description: 'true: also add figures that are part of another figure (`subset_of`, `subset_certainty: certain`: a ' +
      'breakdown, a half-year inside its year). By default such a figure is left out when the figure it belongs to ' +
      '(directly or through others) also matches the filters and counts the same measure, because that figure already ' +
      'counts it. A part of another measure (accounts closed for good, part of accounts handled) is its own row.',
    examples: [false]
  })),
  include_uncertain: Type.Optional(Type.Boolean({
    description: 'true: also add breakdowns whose relation to a total is uncertain (`subset_certainty: uncertain`, e.g. ' +
      'Reuters\' per-category counts of the 2023 self-media campaign, which no official text ties to the 927,600 ' +
      'accounts handled). By default such a figure is never added: whether it overlaps the other figures is not known.',
    examples: [false]
  })),
  include_superseded: Type.Optional(Type.Boolean({
    description: 'true: also add earlier counts of a running total (`superseded_by`: a July count beside the December ' +
      'count of the same campaign). By default only the latest count that matches the filters is added.',
    examples: [false]
  })),
  include_duplicates: Type.Optional(Type.Boolean({
    description: 'true: also add figures that repeat another source\'s report of the same fact (`same_fact_as`). By ' +
      'default such a figure is left out when the preferred report also matches the filters; include them to compare ' +
      'sources (group_by=source).',
    examples: [false]
  })),
  sort: Type.Optional(Type.String({
    maxLength: 200,
    description: 'Order of the rows: the group keys and sum, count, comma-separated; a leading `-` sorts descending. ' +
      'Nulls come last either way. Default: the group keys in group_by order.',
    examples: ['-sum']
  })),
  figure_ids: Type.Optional(Type.Boolean({
    description: `true: each row also lists the ids of the figures it adds (\`figure_ids\`), for totals that add at most ` +
      `${maxListedFigureIds.toLocaleString('en')} figures in all (more is a 400: follow each row's \`figures_url\` instead, ` +
      'which pages). Off by default, so that an answer\'s size does not grow with the number of figures it adds.',
    examples: [true]
  })),
  format: Type.Optional(Type.Enum(['json', 'csv'], {
    description: 'json (default) or csv (RFC 4180, UTF-8, header row). `Accept: text/csv` does the same.',
    examples: ['csv']
  })),
  bom: Type.Optional(CsvBom)
}, { additionalProperties: false })
export type FigureTotalsQuery = Static<typeof FigureTotalsQuery>

const Key = (description: string, example: string) => Type.Optional(Nullable(Type.String({ description, examples: [example] })))
const Count = (description: string) => Type.Integer({ minimum: 0, description })

export const sumKinds = ['exact', 'at_least', 'at_most', 'approximate'] as const

export const FigureTotal = Type.Object({
  campaign_id: Key('The campaign (with group_by=campaign).', 'camp-qinglang-2023-self-media'),
  regulator_id: Key('The regulators of the figure\'s campaign, joined with "+" when several ran it (with group_by=regulator).',
    'reg-cac'),
  platform_id: Key('The platforms the figure names, joined with "+" when it names several ' +
    '("plat-douyin+plat-kuaishou+plat-weibo": the figure covers them together, with no split); null for figures that name ' +
    'none (with group_by=platform).', 'plat-weibo'),
  violation_category_id: Key('The figure\'s category (with group_by=violation_category).', 'cat-self-media-general'),
  unit: Key('What was counted (with group_by=unit).', 'accounts'),
  action: Key('What was done; null where the source says only what was counted (with group_by=action).', 'handled'),
  qualifier: Key('The hedge (with group_by=qualifier).', 'over'),
  source_id: Key('The figure\'s main source (with group_by=source).', 'src-xinhua-2023-05-27-mirror'),
  year: Key('The year of the figure\'s date; null for undated figures (with group_by=year).', '2023'),
  month: Key('The month of the figure\'s date, "YYYY-MM"; null when the date gives only a year (with group_by=month).', '2023-05'),
  sum: Type.Integer({ description: 'The values added up.', examples: [1079000] }),
  count: Count('How many figures were added.'),
  exact_count: Count('Of those, figures stated flat (qualifier none).'),
  over_count: Count('Figures stated as "over" (more than, 余, 超过): the true number is higher.'),
  almost_count: Count('Figures stated as "almost" (近): the true number is a little lower.'),
  around_count: Count('Figures stated as "around" (约, some): the true number may be either side.'),
  hedged_sum: Type.Integer({ description: 'How much of `sum` comes from hedged figures (over, almost, around).', examples: [0] }),
  sum_is_lower_bound: Type.Boolean({
    description: 'true when the sum is only a lower bound: some figures are "over" and none "almost" or "around". ' +
      'Write "at least <sum>".'
  }),
  sum_kind: Type.Enum(sumKinds, {
    description: 'How to read the sum: exact (every figure stated flat), at_least (some "over", the rest flat), ' +
      'at_most (some "almost", the rest flat), approximate (some "around", or both "over" and "almost").'
  }),
  figures_url: Type.String({
    description: 'Where to list the figures this row adds, with every field and its source: /v1/stats/figures/added with ' +
      'this question and `row` naming this row, paged like every list (CSV too). Exactly the `count` figures added up ' +
      'here; not the ones left out (see `meta.left_out`), which a /v1/figures filter would also list. A path, or an absolute ' +
      'URL when the server is configured with its public address.',
    examples: ['/v1/stats/figures/added?action=closed&group_by=year&row=2023&unit=accounts']
  }),
  figure_ids: Type.Optional(Type.Array(Type.String(), {
    description: 'With figure_ids=true only: the ids of the figures added, sorted, so that every total can be traced to its sources.'
  }))
}, { description: 'One group of figures and their total.' })
export type FigureTotal = Static<typeof FigureTotal>

export const TotalsMeta = Type.Object({
  group_by: Type.Array(Type.Enum(dimensions), { description: 'The dimensions, in order.' }),
  figures_matching: Count('Figures that match the filters.'),
  figures_summed: Count('Of those, the figures added up (each in exactly one row).'),
  figures_with_several_platforms: Count('Of the figures added, those that name several platforms: they cover the ' +
    'platforms together, so with group_by=platform each is in the row of its combination of platforms.'),
  left_out: Type.Object({
    without_value: Count('Figures given only in words ("hundreds of thousands"): there is no number to add.'),
    non_additive: Count('Figures in a unit that does not add (days, person_times, company_times, platform_times).'),
    duplicates: Count('Figures that repeat another matching report of the same fact (`same_fact_as`), unless include_duplicates=true.'),
    superseded: Count('Earlier counts of a running total whose later count matches (`superseded_by`), unless include_superseded=true.'),
    subsets: Count('Figures that are part of another matching figure of the same measure (`subset_of`), unless include_subsets=true.'),
    uncertain_subsets: Count('Breakdowns whose relation to a total is uncertain (`subset_certainty: uncertain`), ' +
      'unless include_uncertain=true.')
  }, { description: 'Why the other figures were not added; each figure is counted under the first reason that applies, in this order.' })
}, { description: 'What was added and what was left out.' })

/** What a total added and left out: the meta of an answer without its group_by. */
export type TotalsAccount = Omit<Static<typeof TotalsMeta>, 'group_by'>

export const FigureTotalsResponse = Type.Object({
  data: Type.Array(FigureTotal),
  meta: TotalsMeta
})

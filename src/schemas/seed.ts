import { Type, type Static } from 'typebox'
import { Action, CampaignKind, Confidence, PartialDate, Qualifier, SubsetCertainty, Unit, UrlKind } from './vocabulary.js'

// The shape of the files in seed/: what a journalist writes in a pull request.

const Id = (prefix: string) => Type.String({ pattern: `^${prefix}-[a-z0-9]+(-[a-z0-9]+)*$` })
const Text = Type.String({ minLength: 1 })
const Texts = Type.Optional(Type.Array(Text))
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(Type.Union([t, Type.Null()]))
const closed = { additionalProperties: false }

export const SeedSource = Type.Object({
  id: Id('src'), title: Text, publisher: Text, date: Opt(PartialDate), url: Type.Union([Text, Type.Null()]),
  url_kind: Opt(UrlKind), mirror_url: Opt(Text), archive_url: Opt(Text), accessed_on: Opt(PartialDate),
  language: Type.String({ pattern: '^[a-z]{2}$' }), confidence: Confidence, notes: Texts
}, closed)

export const SeedRegulator = Type.Object({
  id: Id('reg'), name_en: Text, name_zh: Opt(Text), short_name_zh: Opt(Text), abbreviation: Opt(Text),
  country: Type.String({ pattern: '^[A-Z]{2}$' }), parent_id: Opt(Id('reg')), parent_text: Opt(Text), type: Opt(Text),
  role: Opt(Text), founded: Opt(PartialDate), founding_notes: Texts, headquarters: Opt(Text), director: Opt(Text),
  source_ids: Type.Array(Id('src'), { minItems: 1 }), confidence: Confidence, notes: Texts
}, closed)

export const SeedOwner = Type.Object({
  id: Id('org'), name_en: Text, name_zh: Opt(Text), parent_id: Opt(Id('org')), founded: Opt(PartialDate),
  headquarters: Opt(Text), founders: Texts, listing: Opt(Text), source_ids: Type.Array(Id('src'), { minItems: 1 }),
  notes: Texts
}, closed)

export const SeedPlatform = Type.Object({
  id: Id('plat'), name_en: Text, name_zh: Opt(Text), kind: Text, owner_id: Id('org'), launched: Opt(PartialDate),
  launch_note: Opt(Text), international_counterpart: Opt(Text), source_ids: Type.Array(Id('src'), { minItems: 1 }),
  confidence: Opt(Confidence)
}, closed)

export const SeedViolationCategory = Type.Object({
  id: Id('cat'), name_en: Text, name_zh: Opt(Text), description: Opt(Text), parent_id: Opt(Id('cat')),
  examples: Texts, sub_behaviours: Texts, source_ids: Type.Array(Id('src'), { minItems: 1 })
}, closed)

const DatedNote = Type.Object({ date: Type.Optional(PartialDate), note: Type.Optional(Text) }, closed)

export const SeedCampaign = Type.Object({
  id: Id('camp'), name_en: Text, name_zh: Opt(Text), series_id: Opt(Id('camp')), kind: CampaignKind,
  kind_text: Opt(Text), is_seed_report_subject: Type.Optional(Type.Boolean()),
  regulator_ids: Type.Array(Id('reg'), { minItems: 1 }), co_agencies: Texts,
  window: Type.Optional(Type.Object({
    from: Type.Optional(PartialDate), to: Type.Optional(PartialDate), note: Type.Optional(Text)
  }, closed)),
  announced: Type.Optional(DatedNote), results_announced: Type.Optional(DatedNote), duration_stated: Opt(Text),
  platforms: Type.Optional(Type.Array(Type.Object({
    platform_id: Type.Optional(Id('plat')), name: Type.Optional(Text), named_by: Type.Optional(Id('src'))
  }, closed))),
  category_ids: Type.Optional(Type.Array(Id('cat'))), planned_tasks: Texts, linked_operations: Texts,
  source_ids: Type.Array(Id('src'), { minItems: 1 }), confidence: Confidence, notes: Texts
}, closed)

export const SeedFigure = Type.Object({
  id: Type.String({ pattern: '^fig-\\d{3,}$' }), campaign_id: Id('camp'), violation_category_id: Id('cat'),
  platform_ids: Type.Optional(Type.Array(Id('plat'))),
  value: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]), value_text: Opt(Text), qualifier: Qualifier,
  unit: Unit, unit_text: Text, action: Opt(Action), action_text: Opt(Text), as_of: Opt(PartialDate),
  period: Type.Optional(Type.Object({ from: Type.Optional(PartialDate), to: Type.Optional(PartialDate) }, closed)),
  date_note: Opt(Text), source_id: Id('src'), also_reported_by: Type.Optional(Type.Array(Id('src'))),
  confidence: Confidence, subset_of: Opt(Type.String({ pattern: '^fig-\\d{3,}$' })),
  subset_certainty: Opt(SubsetCertainty), superseded_by: Opt(Type.String({ pattern: '^fig-\\d{3,}$' })),
  same_fact_as: Opt(Type.String({ pattern: '^fig-\\d{3,}$' })),
  derived_from: Opt(Type.String({ pattern: '^fig-\\d{3,}$' })), notes: Texts
}, closed)

export type SeedSource = Static<typeof SeedSource>
export type SeedRegulator = Static<typeof SeedRegulator>
export type SeedOwner = Static<typeof SeedOwner>
export type SeedPlatform = Static<typeof SeedPlatform>
export type SeedViolationCategory = Static<typeof SeedViolationCategory>
export type SeedCampaign = Static<typeof SeedCampaign>
export type SeedFigure = Static<typeof SeedFigure>

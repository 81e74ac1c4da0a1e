import { Type, type Static } from 'typebox'
import { Nullable } from './common.js'
import { CampaignKind, PartialDate } from './vocabulary.js'

// Small embedded forms of records, used where one record names another.

export const RegulatorSummary = Type.Object({
  id: Type.String({ examples: ['reg-cac'] }),
  name_en: Type.String(),
  name_zh: Nullable(Type.String()),
  abbreviation: Nullable(Type.String())
}, { $id: 'RegulatorSummary', description: 'A regulator, in short.' })

export const PlatformSummary = Type.Object({
  id: Type.String({ examples: ['plat-weibo'] }),
  name_en: Type.String(),
  name_zh: Nullable(Type.String())
}, { $id: 'PlatformSummary', description: 'A platform, in short.' })

export const ViolationCategorySummary = Type.Object({
  id: Type.String({ examples: ['cat-impersonation-military'] }),
  name_en: Type.String(),
  name_zh: Nullable(Type.String())
}, { $id: 'ViolationCategorySummary', description: 'A violation category, in short.' })

export const CampaignSummary = Type.Object({
  id: Type.String({ examples: ['camp-qinglang-2023-self-media'] }),
  name_en: Type.String(),
  name_zh: Nullable(Type.String()),
  kind: CampaignKind,
  window_from: Nullable(PartialDate),
  window_to: Nullable(PartialDate)
}, { $id: 'CampaignSummary', description: 'A campaign, in short.' })

export type RegulatorSummary = Static<typeof RegulatorSummary>
export type PlatformSummary = Static<typeof PlatformSummary>
export type ViolationCategorySummary = Static<typeof ViolationCategorySummary>
export type CampaignSummary = Static<typeof CampaignSummary>

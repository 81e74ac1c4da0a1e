import { Type, type Static } from 'typebox'
import { Extend, Nullable } from './common.js'
import type { Source } from './source.js'
import type { CampaignSummary, ViolationCategorySummary } from './summaries.js'

export const ViolationCategory = Type.Object({
  id: Type.String({ description: 'Public id, cat-<name>.', examples: ['cat-impersonation-military'] }),
  name_en: Type.String({ description: 'English name, as the sources word it.' }),
  name_zh: Nullable(Type.String(), { description: 'Chinese name; null where no Chinese source gave it.' }),
  description: Nullable(Type.String(), { description: 'What falls under it, where the sources say more than the name.' }),
  parent_id: Nullable(Type.String(), { description: 'The broader category this one is a kind of.' }),
  examples: Type.Array(Type.String(), { description: 'Examples the sources give, such as account names.' }),
  sub_behaviours: Type.Array(Type.String(), { description: 'Behaviours the sources list under it.' }),
  source_ids: Type.Array(Type.String(), { description: 'Sources that use this category.' })
}, { $id: 'ViolationCategory', description: 'What censored content or accounts were accused of.' })

export const ViolationCategoryDetail = Extend(ViolationCategory, {
  parent: Nullable(Type.Ref('ViolationCategorySummary'), { description: 'The broader category.' }),
  children: Type.Array(Type.Ref('ViolationCategorySummary'), { description: 'Narrower categories.' }),
  campaigns: Type.Array(Type.Ref('CampaignSummary'), { description: 'Campaigns that targeted it.' }),
  sources: Type.Array(Type.Ref('Source'), { description: 'The sources, in full.' })
}, { $id: 'ViolationCategoryDetail', description: 'A violation category with its parent, children, campaigns and sources.' })

export type ViolationCategory = Static<typeof ViolationCategory>
export type ViolationCategoryDetail = Static<typeof ViolationCategoryDetail, {
  ViolationCategorySummary: typeof ViolationCategorySummary, CampaignSummary: typeof CampaignSummary, Source: typeof Source
}>

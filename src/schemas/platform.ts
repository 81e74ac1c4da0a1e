import { Type, type Static } from 'typebox'
import { Extend, Notes, Nullable } from './common.js'
import { Confidence, PartialDate } from './vocabulary.js'
import type { Source } from './source.js'
import type { CampaignSummary } from './summaries.js'

const Text = (description: string) => Nullable(Type.String(), { description })

export const Owner = Type.Object({
  id: Type.String({ description: 'Public id, org-<name>.', examples: ['org-tencent'] }),
  name_en: Type.String({ description: 'English name of the company.' }),
  name_zh: Text('Chinese name of the company; null where no source gave it.'),
  parent_id: Text('The owner\'s own parent company, where it is in the data.'),
  founded: Nullable(PartialDate, { description: 'Founding date, as precise as known.' }),
  headquarters: Text('Where it is based.'),
  founders: Type.Array(Type.String(), { description: 'Founders named by the sources.' }),
  listing: Text('Stock listing.'),
  source_ids: Type.Array(Type.String(), { description: 'Sources for these facts.' }),
  notes: Notes
}, { $id: 'Owner', description: 'The company that owns a platform.' })

export const Platform = Type.Object({
  id: Type.String({ description: 'Public id, plat-<name>.', examples: ['plat-weibo'] }),
  name_en: Type.String({ description: 'English name(s).' }),
  name_zh: Text('Chinese name.'),
  kind: Type.String({ description: 'What kind of service it is.' }),
  owner: Type.Ref('Owner'),
  launched: Nullable(PartialDate, { description: 'Launch date, as precise as known.' }),
  launch_note: Text('The launch as the sources give it, where they say more than a date.'),
  international_counterpart: Text('Its sister app outside mainland China.'),
  source_ids: Type.Array(Type.String(), { description: 'Sources for these facts.' }),
  confidence: Nullable(Confidence)
}, { $id: 'Platform', description: 'A service on which censorship happened, with the company that owns it.' })

export const PlatformDetail = Extend(Platform, {
  campaigns: Type.Array(Type.Ref('CampaignSummary'), { description: 'Campaigns that named this platform, or whose figures cover it.' }),
  sources: Type.Array(Type.Ref('Source'), { description: 'The sources, in full.' })
}, { $id: 'PlatformDetail', description: 'A platform with its campaigns and sources.' })

export type Owner = Static<typeof Owner>
export type Platform = Static<typeof Platform, { Owner: typeof Owner }>
export type PlatformDetail = Static<typeof PlatformDetail, { Owner: typeof Owner, CampaignSummary: typeof CampaignSummary, Source: typeof Source }>

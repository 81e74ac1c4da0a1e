import { Type, type Static } from 'typebox'
import { Extend, Notes, Nullable } from './common.js'
import { Confidence, PartialDate } from './vocabulary.js'
import type { Source } from './source.js'
import type { CampaignSummary, RegulatorSummary } from './summaries.js'

const Text = (description: string) => Nullable(Type.String(), { description })

export const Regulator = Type.Object({
  id: Type.String({ description: 'Public id, reg-<abbreviation>.', examples: ['reg-cac'] }),
  name_en: Type.String({ description: 'English name.' }),
  name_zh: Text('Chinese name.'),
  short_name_zh: Text('Short Chinese name in common use, e.g. 国家网信办.'),
  abbreviation: Text('English abbreviation, e.g. CAC.'),
  country: Type.String({ description: 'ISO 3166-1 alpha-2 country code.', examples: ['CN'] }),
  parent_id: Text('The regulator this one answers to, where it is in the data.'),
  parent_text: Text('The body this one answers to, where it is not a regulator in the data.'),
  type: Text('What kind of body it is, where the source says.'),
  role: Text('Its role in the campaigns, for minor regulators.'),
  founded: Nullable(PartialDate, { description: 'Founding date, as precise as the sources allow (see founding_notes).' }),
  founding_notes: Type.Array(Type.String(), { description: 'How it was founded, and where sources disagree on the date.' }),
  headquarters: Text('Address of its headquarters.'),
  director: Text('Its head, as of the source snapshot.'),
  source_ids: Type.Array(Type.String(), { description: 'Sources for these facts.' }),
  confidence: Confidence,
  notes: Notes
}, { $id: 'Regulator', description: 'A state body that ran censorship campaigns.' })

export const RegulatorDetail = Extend(Regulator, {
  parent: Nullable(Type.Ref('RegulatorSummary'), { description: 'The parent regulator, where it is in the data.' }),
  campaigns: Type.Array(Type.Ref('CampaignSummary'), { description: 'Campaigns it ran or co-ran.' }),
  sources: Type.Array(Type.Ref('Source'), { description: 'The sources, in full.' })
}, { $id: 'RegulatorDetail', description: 'A regulator with its parent, campaigns and sources.' })

export type Regulator = Static<typeof Regulator>
export type RegulatorDetail = Static<typeof RegulatorDetail, {
  RegulatorSummary: typeof RegulatorSummary, CampaignSummary: typeof CampaignSummary, Source: typeof Source
}>

import { Type, type Static } from 'typebox'
import { Notes, Nullable } from './common.js'
import { Confidence, PartialDate, UrlKind } from './vocabulary.js'
import type { Figure } from './figure.js'
import type { CampaignSummary } from './summaries.js'

export const Source = Type.Object({
  id: Type.String({ description: 'Public id, src-<publisher>-<date>.', examples: ['src-xinhua-2023-05-27-mirror'] }),
  title: Type.String({ description: 'Title of the article or page.' }),
  publisher: Type.String({ description: 'Who published it, and whose text it carries.' }),
  date: Nullable(PartialDate, { description: 'Publication date, as precise as known.' }),
  url: Nullable(Type.String({ description: "The page cited: the original publisher's own page where one was found, else the copy the text was read on; null when no address was recorded." })),
  url_kind: Nullable(UrlKind),
  mirror_url: Nullable(Type.String({ description: 'A copy of the text on an unrelated site, kept only as a fallback for `url`; null when none is kept.' })),
  archive_url: Nullable(Type.String({ description: 'An archived copy of the page (e.g. web.archive.org); null when none was found.' })),
  accessed_on: Nullable(PartialDate, { description: 'When the text was last read and checked against the figures that cite it.' }),
  language: Type.String({ description: 'ISO 639-1 language code of the text.', examples: ['zh'] }),
  confidence: Confidence,
  notes: Notes
}, { $id: 'Source', description: 'A published report that figures and records cite.' })
export type Source = Static<typeof Source>

export const SourceDetail = Type.Object({
  ...Source.properties,
  figures: Type.Array(Type.Ref('Figure'), { description: 'Figures this source reports (as their main source).' }),
  also_reported_figures: Type.Array(Type.Ref('Figure'), { description: 'Figures this source carries as a second copy.' }),
  campaigns: Type.Array(Type.Ref('CampaignSummary'), { description: 'Campaigns that cite this source.' })
}, { $id: 'SourceDetail', description: 'A source with the figures it reports and the campaigns that cite it.' })
// Type.Ref does not resolve statically by itself: the context names the schema each $ref points to.
export type SourceDetail = Static<typeof SourceDetail, { Figure: typeof Figure, CampaignSummary: typeof CampaignSummary }>

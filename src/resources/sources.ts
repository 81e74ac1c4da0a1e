import { Type } from 'typebox'
import * as tables from '../db/schema.js'
import { dateWithin, equals } from '../db/conditions.js'
import { campaignSummaries } from '../db/queries/summaries.js'
import { Notes, Nullable } from '../schemas/common.js'
import { SourceFilters } from '../schemas/filters.js'
import type { CampaignSummary } from '../schemas/summaries.js'
import { Confidence, PartialDate, UrlKind } from '../schemas/vocabulary.js'
import { on, type RecordOf } from './fields.js'
import { row, seedShape } from './seed-description.js'
import { SeedSource } from '../schemas/seed.js'
import { figures, type Figure } from './figures.js'
import { defineResource, recordsWhere, sortable } from './resource.js'
import { lines, list } from './search-document.js'

const s = on(tables.sources, 's')

const fields = {
  id: s.column('id', Type.String({ description: 'Public id, src-<publisher>-<date>.', examples: ['src-xinhua-2023-05-27-mirror'] })),
  title: s.column('title', Type.String({ description: 'Title of the article or page.' })),
  publisher: s.column('publisher', Type.String({ description: 'Who published it, and whose text it carries.' })),
  date: s.column('date', Nullable(PartialDate, { description: 'Publication date, as precise as known.' })),
  url: s.column('url', Nullable(Type.String({ description: "The page cited: the original publisher's own page where one was found, else the copy the text was read on; null when no address was recorded." }))),
  url_kind: s.column('urlKind', Nullable(UrlKind)),
  mirror_url: s.column('mirrorUrl', Nullable(Type.String({ description: 'A copy of the text on an unrelated site, kept only as a fallback for `url`; null when none is kept.' }))),
  archive_url: s.column('archiveUrl', Nullable(Type.String({ description: 'An archived copy of the page (e.g. web.archive.org); null when none was found.' }))),
  accessed_on: s.column('accessedOn', Nullable(PartialDate, { description: 'When the text was last read and checked against the figures that cite it.' })),
  language: s.column('language', Type.String({ description: 'ISO 639-1 language code of the text.', examples: ['zh'] })),
  confidence: s.column('confidence', Confidence),
  notes: s.column('notes', Notes)
}
export type Source = RecordOf<typeof fields>
export type SourceDetail = Source & { figures: Figure[], also_reported_figures: Figure[], campaigns: CampaignSummary[] }

export const sources = defineResource({
  type: 'source',
  path: 'sources',
  label: 'source',
  plural: 'sources',
  table: 'sources',
  schemaName: 'Source',
  description: 'A published report that figures and records cite.',
  from: s.from,
  id: s.sql('id'),
  fields,
  sort: {
    id: sortable(s.sql('id'), false),
    date: sortable(s.sql('date'), true),
    publisher: sortable(s.sql('publisher'), false),
    title: sortable(s.sql('title'), false),
    language: sortable(s.sql('language'), false),
    confidence: sortable(s.sql('confidence'), false)
  },
  filters: {
    params: SourceFilters,
    dateRanges: [['from', 'to']],
    where: (q) => [
      ...q.publisher === undefined ? [] : [{ sql: 'instr(lower(s.publisher), lower(?)) > 0', params: [q.publisher] }],
      ...q.language === undefined ? [] : [equals('s.language', q.language)],
      ...q.confidence === undefined ? [] : [equals('s.confidence', q.confidence)],
      ...dateWithin('s.date', q)
    ]
  },
  detail: {
    embeds: {
      figures: Type.Array(Type.Ref('Figure'), { description: 'Figures this source reports (as their main source).' }),
      also_reported_figures: Type.Array(Type.Ref('Figure'), { description: 'Figures this source carries as a second copy.' }),
      campaigns: Type.Array(Type.Ref('CampaignSummary'), { description: 'Campaigns that cite this source.' })
    },
    description: 'A source with the figures it reports and the campaigns that cite it.',
    read: (db, id): SourceDetail | undefined => {
      const [source] = recordsWhere(db, sources, 'WHERE s.id = ?', id)
      if (!source) return undefined
      return {
        ...source,
        figures: recordsWhere(db, figures, 'WHERE f.source_id = ? ORDER BY f.id', id),
        also_reported_figures: recordsWhere(db, figures, 'JOIN figure_also_reported_by a ON a.figure_id = f.id WHERE a.source_id = ? ORDER BY f.id', id),
        campaigns: campaignSummaries(db, 'JOIN campaign_sources l ON l.campaign_id = c.id WHERE l.source_id = ? ORDER BY c.id', id)
      }
    }
  },
  seed: seedShape({
    record: SeedSource,
    references: {},
    rows: (s) => [row(tables.sources, {
      id: s.id, title: s.title, publisher: s.publisher, date: s.date ?? null, url: s.url, urlKind: s.url_kind ?? null,
      mirrorUrl: s.mirror_url ?? null, archiveUrl: s.archive_url ?? null, accessedOn: s.accessed_on ?? null,
      language: s.language, confidence: s.confidence, notes: s.notes ?? []
    })]
  }),
  search: { title: 's.title', body: lines('s.publisher', list('s.notes')) },
  docs: {
    listSummary: 'List sources',
    listDescription: 'The published reports every number comes from: title, publisher, date, address, language and how far it can be trusted (`confidence`).',
    detailSummary: 'Get one source',
    detailDescription: 'A source with the figures it reports, the figures it carries as a second copy, and the campaigns that cite it.',
    examples: { list: '?limit=2', csv: '?limit=2&format=csv', id: 'src-thestar-bloomberg-2023-05-29' }
  }
})

/** Sources linked to a record through a link table, in the order the record lists them. */
export const sourcesLinkedTo = (db: Parameters<typeof recordsWhere>[0], table: string, column: string, id: string): Source[] =>
  recordsWhere(db, sources, `JOIN ${table} l ON l.source_id = s.id WHERE l.${column} = ? ORDER BY l.position`, id)

import { Type } from 'typebox'
import * as tables from '../db/schema.js'
import { equals, inIds } from '../db/conditions.js'
import { campaignSummaries, regulatorSummaries } from '../db/queries/summaries.js'
import { Notes, Nullable } from '../schemas/common.js'
import { RegulatorFilters } from '../schemas/filters.js'
import type { CampaignSummary, RegulatorSummary } from '../schemas/summaries.js'
import { Confidence, PartialDate } from '../schemas/vocabulary.js'
import { noCsv, on, withCsv, type RecordOf } from './fields.js'
import { linkRows, row, seedShape } from './seed-description.js'
import { SeedRegulator } from '../schemas/seed.js'
import { defineResource, recordsWhere, sortable } from './resource.js'
import { lines, list, names } from './search-document.js'
import { sourcesLinkedTo, type Source } from './sources.js'

const r = on(tables.regulators, 'r')
const Text = (description: string) => Nullable(Type.String(), { description })

const fields = {
  id: r.column('id', Type.String({ description: 'Public id, reg-<abbreviation>.', examples: ['reg-cac'] })),
  name_en: r.column('nameEn', Type.String({ description: 'English name.' })),
  name_zh: r.column('nameZh', Text('Chinese name.')),
  short_name_zh: r.column('shortNameZh', Text('Short Chinese name in common use, e.g. 国家网信办.')),
  abbreviation: r.column('abbreviation', Text('English abbreviation, e.g. CAC.')),
  country: r.column('country', Type.String({ description: 'ISO 3166-1 alpha-2 country code.', examples: ['CN'] })),
  parent_id: r.column('parentId', Text('The regulator this one answers to, where it is in the data.')),
  parent_text: r.column('parentText', Text('The body this one answers to, where it is not a regulator in the data.')),
  type: withCsv(r.column('type', Text('What kind of body it is, where the source says.')), noCsv),
  role: withCsv(r.column('role', Text('Its role in the campaigns, for minor regulators.')), noCsv),
  founded: r.column('founded', Nullable(PartialDate, { description: 'Founding date, as precise as the sources allow (see founding_notes).' })),
  founding_notes: r.column('foundingNotes', Type.Array(Type.String(), { description: 'How it was founded, and where sources disagree on the date.' })),
  headquarters: withCsv(r.column('headquarters', Text('Address of its headquarters.')), noCsv),
  director: withCsv(r.column('director', Text('Its head, as of the source snapshot.')), noCsv),
  source_ids: r.linked(tables.regulatorSources, Type.Array(Type.String(), { description: 'Sources for these facts.' })),
  confidence: r.column('confidence', Confidence),
  notes: r.column('notes', Notes)
}
export type Regulator = RecordOf<typeof fields>
export type RegulatorDetail = Regulator & { parent: RegulatorSummary | null, campaigns: CampaignSummary[], sources: Source[] }

export const regulators = defineResource({
  type: 'regulator',
  path: 'regulators',
  label: 'regulator',
  plural: 'regulators',
  table: 'regulators',
  schemaName: 'Regulator',
  description: 'A state body that ran censorship campaigns.',
  from: r.from,
  id: r.sql('id'),
  fields,
  sort: {
    id: sortable(r.sql('id'), false),
    name_en: sortable(r.sql('nameEn'), false),
    abbreviation: sortable(r.sql('abbreviation'), true),
    founded: sortable(r.sql('founded'), true)
  },
  filters: {
    params: RegulatorFilters,
    ids: { parent: { table: 'regulators', label: 'regulator', listedAt: '/v1/regulators' } },
    where: (q) => [
      ...q.country === undefined ? [] : [equals('r.country', q.country)],
      ...q.parent === undefined ? [] : [inIds((ids) => `r.parent_id IN (${ids})`, q.parent)],
      ...q.confidence === undefined ? [] : [equals('r.confidence', q.confidence)]
    ]
  },
  detail: {
    embeds: {
      parent: Nullable(Type.Ref('RegulatorSummary'), { description: 'The parent regulator, where it is in the data.' }),
      campaigns: Type.Array(Type.Ref('CampaignSummary'), { description: 'Campaigns it ran or co-ran.' }),
      sources: Type.Array(Type.Ref('Source'), { description: 'The sources, in full.' })
    },
    description: 'A regulator with its parent, campaigns and sources.',
    read: (db, id): RegulatorDetail | undefined => {
      const [regulator] = recordsWhere(db, regulators, 'WHERE r.id = ?', id)
      if (!regulator) return undefined
      return {
        ...regulator,
        parent: regulatorSummaries(db, 'WHERE r.id = ?', regulator.parent_id)[0] ?? null,
        campaigns: campaignSummaries(db, 'JOIN campaign_regulators l ON l.campaign_id = c.id WHERE l.regulator_id = ? ORDER BY c.id', id),
        sources: sourcesLinkedTo(db, 'regulator_sources', 'regulator_id', id)
      }
    }
  },
  seed: seedShape({
    record: SeedRegulator,
    references: { parent_id: 'regulator', source_ids: 'source' },
    rows: (r) => [row(tables.regulators, {
      id: r.id, nameEn: r.name_en, nameZh: r.name_zh ?? null, shortNameZh: r.short_name_zh ?? null, abbreviation: r.abbreviation ?? null,
      country: r.country, parentId: r.parent_id ?? null, parentText: r.parent_text ?? null, type: r.type ?? null, role: r.role ?? null,
      founded: r.founded ?? null, foundingNotes: r.founding_notes ?? [], headquarters: r.headquarters ?? null, director: r.director ?? null,
      confidence: r.confidence, notes: r.notes ?? []
    }), ...linkRows(tables.regulatorSources, r.id, r.source_ids)]
  }),
  search: {
    title: names('r.name_en', 'r.abbreviation', 'r.name_zh', 'r.short_name_zh'),
    body: lines('r.parent_text', 'r.type', 'r.role', list('r.founding_notes'), 'r.headquarters', 'r.director', list('r.notes'))
  },
  docs: {
    listSummary: 'List regulators',
    listDescription: 'State bodies that ran censorship campaigns, with names in English and Chinese, parent body and founding date (partial dates allowed; where sources disagree, `founding_notes` says how).',
    detailSummary: 'Get one regulator',
    detailDescription: 'A regulator with its parent, the campaigns it ran and its sources in full.',
    examples: { list: '?limit=1', csv: '?limit=2&format=csv', id: 'reg-cac' }
  }
})

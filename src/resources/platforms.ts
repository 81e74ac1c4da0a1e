import { Type, type Static } from 'typebox'
import * as tables from '../db/schema.js'
import { equals, inIds } from '../db/conditions.js'
import { campaignSummaries } from '../db/queries/summaries.js'
import { Notes, Nullable } from '../schemas/common.js'
import { PlatformFilters } from '../schemas/filters.js'
import type { CampaignSummary } from '../schemas/summaries.js'
import { Confidence, PartialDate } from '../schemas/vocabulary.js'
import { group, noCsv, on, withCsv, type RecordOf } from './fields.js'
import { linkRows, row, seedShape } from './seed-description.js'
import { SeedPlatform } from '../schemas/seed.js'
import { defineResource, recordsWhere, sortable } from './resource.js'
import { lines, names } from './search-document.js'
import { sourcesLinkedTo, type Source } from './sources.js'

const p = on(tables.platforms, 'p')
const o = on(tables.owners, 'o')
const Text = (description: string) => Nullable(Type.String(), { description })

const owner = group({
  id: o.column('id', Type.String({ description: 'Public id, org-<name>.', examples: ['org-tencent'] })),
  name_en: o.column('nameEn', Type.String({ description: 'English name of the company.' })),
  name_zh: o.column('nameZh', Text('Chinese name of the company; null where no source gave it.')),
  parent_id: withCsv(o.column('parentId', Text('The owner\'s own parent company, where it is in the data.')), noCsv),
  founded: withCsv(o.column('founded', Nullable(PartialDate, { description: 'Founding date, as precise as known.' })), noCsv),
  headquarters: withCsv(o.column('headquarters', Text('Where it is based.')), noCsv),
  founders: withCsv(o.column('founders', Type.Array(Type.String(), { description: 'Founders named by the sources.' })), noCsv),
  listing: withCsv(o.column('listing', Text('Stock listing.')), noCsv),
  source_ids: withCsv(o.linked(tables.ownerSources, Type.Array(Type.String(), { description: 'Sources for these facts.' })), noCsv),
  notes: withCsv(o.column('notes', Notes), noCsv)
}, { ref: 'Owner', description: 'The company that owns a platform.' })
export type Owner = Static<typeof owner.schema>

const fields = {
  id: p.column('id', Type.String({ description: 'Public id, plat-<name>.', examples: ['plat-weibo'] })),
  name_en: p.column('nameEn', Type.String({ description: 'English name(s).' })),
  name_zh: p.column('nameZh', Text('Chinese name.')),
  kind: p.column('kind', Type.String({ description: 'What kind of service it is.' })),
  owner,
  launched: p.column('launched', Nullable(PartialDate, { description: 'Launch date, as precise as known.' })),
  launch_note: p.column('launchNote', Text('The launch as the sources give it, where they say more than a date.')),
  international_counterpart: p.column('internationalCounterpart', Text('Its sister app outside mainland China.')),
  source_ids: p.linked(tables.platformSources, Type.Array(Type.String(), { description: 'Sources for these facts.' })),
  confidence: p.column('confidence', Nullable(Confidence))
}
export type Platform = RecordOf<typeof fields>
export type PlatformDetail = Platform & { campaigns: CampaignSummary[], sources: Source[] }

export const platforms = defineResource({
  type: 'platform',
  path: 'platforms',
  label: 'platform',
  plural: 'platforms',
  table: 'platforms',
  schemaName: 'Platform',
  description: 'A service on which censorship happened, with the company that owns it.',
  from: `${p.from} JOIN ${o.from} ON ${o.sql('id')} = ${p.sql('ownerId')}`,
  id: p.sql('id'),
  fields,
  sort: {
    id: sortable(p.sql('id'), false),
    name_en: sortable(p.sql('nameEn'), false),
    launched: sortable(p.sql('launched'), true),
    owner_id: sortable(p.sql('ownerId'), false)
  },
  filters: {
    params: PlatformFilters,
    ids: { owner: { table: 'owners', label: 'owner', listedAt: 'the `owner` of each platform, /v1/platforms' } },
    where: (q) => [
      ...q.owner === undefined ? [] : [inIds((ids) => `(o.id IN (${ids}) OR o.parent_id IN (${ids}))`, q.owner)],
      ...q.confidence === undefined ? [] : [equals('p.confidence', q.confidence)]
    ]
  },
  detail: {
    embeds: {
      campaigns: Type.Array(Type.Ref('CampaignSummary'), { description: 'Campaigns that named this platform, or whose figures cover it.' }),
      sources: Type.Array(Type.Ref('Source'), { description: 'The sources, in full.' })
    },
    description: 'A platform with its campaigns and sources.',
    read: (db, id): PlatformDetail | undefined => {
      const [platform] = recordsWhere(db, platforms, 'WHERE p.id = ?', id)
      if (!platform) return undefined
      return {
        ...platform,
        campaigns: campaignSummaries(db, `WHERE c.id IN (SELECT campaign_id FROM campaign_platforms WHERE platform_id = ?
          UNION SELECT f.campaign_id FROM figure_platforms l JOIN figures f ON f.id = l.figure_id WHERE l.platform_id = ?) ORDER BY c.id`, id, id),
        sources: sourcesLinkedTo(db, 'platform_sources', 'platform_id', id)
      }
    }
  },
  seed: seedShape({
    record: SeedPlatform,
    references: { owner_id: 'owner', source_ids: 'source' },
    rows: (p) => [row(tables.platforms, {
      id: p.id, nameEn: p.name_en, nameZh: p.name_zh ?? null, kind: p.kind, ownerId: p.owner_id, launched: p.launched ?? null,
      launchNote: p.launch_note ?? null, internationalCounterpart: p.international_counterpart ?? null, confidence: p.confidence ?? null
    }), ...linkRows(tables.platformSources, p.id, p.source_ids)]
  }),
  search: {
    from: `${p.from} JOIN ${o.from} ON ${o.sql('id')} = ${p.sql('ownerId')}`,
    title: names('p.name_en', 'p.name_zh'),
    body: lines('p.kind', 'o.name_en', 'o.name_zh', 'p.launch_note', 'p.international_counterpart')
  },
  docs: {
    listSummary: 'List platforms',
    listDescription: 'Services on which censorship happened, each with the company that owns it (`owner`), its kind and launch date.',
    detailSummary: 'Get one platform',
    detailDescription: 'A platform with its owner, the campaigns that named it or whose figures cover it, and its sources in full.',
    examples: { list: '?limit=1', csv: '?limit=2&format=csv', id: 'plat-douyin' }
  }
})

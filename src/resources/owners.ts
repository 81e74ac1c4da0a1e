import * as tables from '../db/schema.js'
import { SeedOwner } from '../schemas/seed.js'
import { linkRows, row, seedShape, type SeedDescription } from './seed-description.js'

/** The companies that own platforms: served inside each platform (`owner`), with no endpoint of their own. */
export const owners: SeedDescription = {
  type: 'owner',
  file: 'owners',
  table: 'owners',
  label: 'owner',
  path: null,
  ...seedShape({
    record: SeedOwner,
    references: { parent_id: 'owner', source_ids: 'source' },
    rows: (o) => [row(tables.owners, {
      id: o.id, nameEn: o.name_en, nameZh: o.name_zh ?? null, parentId: o.parent_id ?? null, founded: o.founded ?? null,
      headquarters: o.headquarters ?? null, founders: o.founders ?? [], listing: o.listing ?? null, notes: o.notes ?? []
    }), ...linkRows(tables.ownerSources, o.id, o.source_ids)]
  })
}

import { Type, type Static } from 'typebox'
import { Nullable } from './common.js'
import { recordTypeNames } from '../release/record-types.js'

// The dataset as a whole: its version, how to cite it, what changed in each release, and its downloads.

const Version = Type.String({ description: 'A calendar version, YYYY.MM.DD (YYYY.MM.DD.N for another release that day).', examples: ['2026.11.28'] })
const RecordTypeName = Type.Enum(recordTypeNames, { description: 'The kind of record.' })

export const FieldChange = Type.Object({
  field: Type.String({ description: 'The field, as in seed/ (`value`, `qualifier`, `window`...).', examples: ['value'] }),
  old: Type.Unknown({ description: 'Its value before the release (null: absent).', examples: [67000] }),
  new: Type.Unknown({ description: 'Its value from this release on (null: absent).', examples: [66600] }),
  reason: Nullable(Type.String({ description: 'Why the curator changed it; always given for a figure\'s value, qualifier, unit, action, date and source_id.' }))
})

export const RecordChange = Type.Object({
  id: Type.String({ description: 'This change: `<release>:<record id>`.', examples: ['2026.11.28:fig-015'] }),
  release: Version,
  released_on: Type.String({ description: 'The release date.', examples: ['2026-11-28'] }),
  record_type: RecordTypeName,
  record_id: Type.String({ description: 'The record\'s public id.', examples: ['fig-015'] }),
  record_url: Nullable(Type.String({ description: 'Where the record is served (a removed record answers 410 there).', examples: ['/v1/figures/fig-015'] })),
  change: Type.Enum(['added', 'changed', 'removed'], { description: 'added, changed (see `fields`) or removed (see `reason`, `replaced_by`).' }),
  fields: Type.Array(FieldChange, { description: 'For a change: each field that changed, before and after, with the reason.' }),
  reason: Nullable(Type.String({ description: 'For a removal: why.' })),
  replaced_by: Nullable(Type.String({ description: 'For a removal by merging duplicates: the record that replaces it.' }))
}, { $id: 'RecordChange', description: 'What one release did to one record.' })
export type RecordChange = Static<typeof RecordChange>

export const RecordHistory = Type.Object({
  record_type: RecordTypeName,
  record_id: Type.String({ examples: ['fig-015'] }),
  status: Type.Enum(['current', 'removed'], { description: 'Whether the record is served now, or was removed.' }),
  changes: Type.Array(Type.Ref('RecordChange'), { description: 'Every release that added, changed or removed the record, newest first.' })
}, { $id: 'RecordHistory', description: 'Every change to one record, newest first.' })

const Download = Type.Object({
  url: Type.String({ examples: ['/v1/dataset/datapackage.zip'] }),
  media_type: Type.String({ examples: ['application/zip'] }),
  bytes: Type.Integer({ description: 'Size in bytes (Content-Length).' }),
  sha256: Type.String({ description: 'Hex sha256 of the file, also sent as the Repr-Digest header (RFC 9530).' })
})

export const Dataset = Type.Object({
  name: Type.String(),
  title: Type.String(),
  version: Version,
  released_on: Nullable(Type.String({ description: 'The release date of `version`.', examples: ['2026-11-28'] })),
  unreleased_changes: Type.Boolean({ description: 'true when the served data has corrections that no release lists yet (a development server).' }),
  digest: Type.String({ description: 'sha256 of the seed files, release history and migrations the database was built from.' }),
  record_counts: Type.Record(Type.String(), Type.Integer(), { description: 'How many records of each type the release holds.', examples: [{ figure: 167 }] }),
  licence: Type.Object({ name: Type.String({ examples: ['CC-BY-4.0'] }), title: Type.String(), url: Type.String() }),
  citation: Type.Object({
    text: Type.String({ description: 'A ready citation.' }),
    csl_json: Type.Unknown({ description: 'The same as CSL-JSON (for Zotero, Pandoc...).' }),
    bibtex: Type.String({ description: 'The same as BibTeX.' })
  }),
  links: Type.Object({
    changes: Type.String({ examples: ['/v1/changes'] }),
    release_changes: Type.String({ description: 'The changes of this release.', examples: ['/v1/changes?release=2026.11.28'] }),
    feed: Type.String({ examples: ['/v1/changes/feed.atom'] })
  }),
  downloads: Nullable(Type.Object({ sqlite: Download, datapackage: Download }), {
    description: 'The whole dataset: the SQLite file the API serves, and a Frictionless Tabular Data Package. null when they are not built beside this file.'
  })
}, { description: 'Which data this API serves, how to cite it and where to download it.' })
export type Dataset = Static<typeof Dataset>

export const ChangeFilters = {
  release: Type.Optional(Type.String({ pattern: '^\\d{4}\\.\\d{2}\\.\\d{2}(\\.\\d+)?$', description: 'Only the changes of this release.', examples: ['2026.11.28'] })),
  record_type: Type.Optional(Type.Enum(recordTypeNames, { description: `Only changes to this kind of record. One of: ${recordTypeNames.join(', ')}.`, examples: ['figure'] })),
  record: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 200, description: 'Only changes to the record with this id.', examples: ['fig-015'] })),
  change: Type.Optional(Type.Enum(['added', 'changed', 'removed'], { description: 'Only this kind of change.', examples: ['changed'] })),
  since: Type.Optional(Type.String({
    pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$',
    description: 'Only releases on or after this date (2026, 2026-11 or 2026-11-28).', examples: ['2026-11-01']
  }))
}

export const Gone = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer({ examples: [410] }), detail: Type.String(), instance: Type.String(),
  removed: Type.Object({
    release: Version,
    released_on: Type.String({ examples: ['2026-12-01'] }),
    reason: Nullable(Type.String({ description: 'Why it was removed.' })),
    replaced_by: Nullable(Type.String({ description: 'The record it was merged into, if any.', examples: ['fig-015'] })),
    replaced_by_url: Nullable(Type.String({ examples: ['/v1/figures/fig-015'] })),
    history: Type.String({ description: 'The record\'s history.', examples: ['/v1/figures/fig-020/history'] })
  })
}, { $id: 'Gone', description: 'RFC 9457 problem details for a record a release removed (410 Gone).' })

// The kinds of record the dataset holds, as the seed files, the API paths and the changelog name them.
export const recordTypes = [
  { type: 'source', file: 'sources', table: 'sources', path: 'sources', label: 'source' },
  { type: 'regulator', file: 'regulators', table: 'regulators', path: 'regulators', label: 'regulator' },
  { type: 'owner', file: 'owners', table: 'owners', path: null, label: 'owner' },
  { type: 'platform', file: 'platforms', table: 'platforms', path: 'platforms', label: 'platform' },
  { type: 'violation_category', file: 'violation-categories', table: 'violation_categories', path: 'violation-categories', label: 'violation category' },
  { type: 'campaign', file: 'campaigns', table: 'campaigns', path: 'campaigns', label: 'campaign' },
  { type: 'figure', file: 'figures', table: 'figures', path: 'figures', label: 'figure' }
] as const

export type RecordType = typeof recordTypes[number]['type']
export const recordTypeNames = recordTypes.map((t) => t.type)

// A figure's number, what it counts and when: a change to one of these needs the curator's reason. In seed/ a
// figure's date is its `as_of` or `period` (the served `date` is derived from them).
export const figureFieldsNeedingReason = ['value', 'qualifier', 'unit', 'action', 'date', 'as_of', 'period', 'source_id'] as const

// Version scheme: calendar versions, YYYY.MM.DD, and YYYY.MM.DD.N for a second release on one day.
export const versionPattern = /^(\d{4})\.(\d{2})\.(\d{2})(?:\.(\d+))?$/

export function compareVersions (a: string, b: string): number {
  const parts = (v: string) => (versionPattern.exec(v) ?? []).slice(1).map((p) => Number(p ?? 1))
  const [pa, pb] = [parts(a), parts(b)]
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0)
  return 0
}

/** The release date a version names: 2026.11.28.2 was released on 2026-11-28. */
export function releaseDate (version: string): string {
  const [, y, m, d] = versionPattern.exec(version) ?? []
  return `${y}-${m}-${d}`
}

import { seedTypes } from '../resources/index.js'

// The kinds of record the dataset holds, as the seed files, the API paths and the changelog name them: those the
// resources describe (src/resources/), in the order they load.
export const recordTypes = seedTypes.map(({ type, file, table, path, label }) => ({ type, file, table, path, label }))

export type RecordType = string
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

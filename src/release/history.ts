import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { compareVersions, figureFieldsNeedingReason, recordTypes, versionPattern, type RecordType } from './record-types.js'

// The release history: one YAML file per release in seed/releases/, each listing the records it added (in full),
// changed (field by field, old and new, with the curator's reason) and removed (why, and what replaced it).
// The state of any release is the replay of every file up to it, so the history needs no second copy of the data.

export type SeedRecord = Record<string, unknown> & { id: string }
/** Every record of a dataset, by `type:id`. */
export type Snapshot = Map<string, { type: RecordType, record: SeedRecord }>

export interface FieldChange { field: string, old: unknown, new: unknown, reason: string | null }
export type RecordChange =
  | { type: RecordType, id: string, change: 'added', record: SeedRecord }
  | { type: RecordType, id: string, change: 'changed', fields: FieldChange[] }
  | { type: RecordType, id: string, change: 'removed', reason: string, replaced_by: string | null }

export interface Release { version: string, released_on: string, summary: string, changes: RecordChange[] }

export const releasesFolder = (seedFolder: string) => join(seedFolder, 'releases')
export const key = (type: string, id: string) => `${type}:${id}`

export function readReleases (seedFolder: string): Release[] {
  const folder = releasesFolder(seedFolder)
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') && versionPattern.test(name.slice(0, -5)))
    .map((name) => parse(readFileSync(join(folder, name), 'utf8')) as Release)
    .sort((a, b) => compareVersions(a.version, b.version))
}

/** The dataset as a list of releases left it. */
export function replay (releases: Release[]): Snapshot {
  const snapshot: Snapshot = new Map()
  for (const release of releases) {
    for (const change of release.changes) {
      const k = key(change.type, change.id)
      if (change.change === 'added') snapshot.set(k, { type: change.type, record: change.record })
      else if (change.change === 'removed') snapshot.delete(k)
      else {
        const entry = snapshot.get(k)
        if (!entry) throw new Error(`release ${release.version} changes ${k}, which no earlier release added`)
        const record: SeedRecord = { ...entry.record }
        for (const field of change.fields) {
          if (field.new === null) delete record[field.field]
          else record[field.field] = field.new
        }
        snapshot.set(k, { type: change.type, record })
      }
    }
  }
  return snapshot
}

/** The records of the seed files, as they are now. */
export function readSnapshot (seedFolder: string): Snapshot {
  const snapshot: Snapshot = new Map()
  for (const { type, file } of recordTypes) {
    const records = parse(readFileSync(join(seedFolder, `${file}.yaml`), 'utf8')) as SeedRecord[]
    for (const record of records) snapshot.set(key(type, record.id), { type, record: withoutNulls(record) })
  }
  return snapshot
}

// A field left out and a field set to null say the same thing in seed/: neither counts as a change.
function withoutNulls (record: SeedRecord): SeedRecord {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined)) as SeedRecord
}

/** JSON with object keys sorted, so that two equal values always compare equal. */
export function canonical (value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

const typeOrder = new Map(recordTypes.map((t, i) => [t.type, i]))
const byTypeAndId = (a: { type: RecordType, id: string }, b: { type: RecordType, id: string }) =>
  (typeOrder.get(a.type)! - typeOrder.get(b.type)!) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Reasons the curator gives, by record id: one per changed field, or `removed` (and `replaced_by`) for a removal. */
export type Reasons = Record<string, Record<string, string>>

export class ReleaseRefused extends Error {
  constructor (readonly problems: string[]) {
    super(`Release refused:\n${problems.map((p) => `  ${p}`).join('\n')}`)
  }
}

/** The changes from one snapshot to the next, with the curator's reasons; refuses when a reason is missing. */
export function diff (previous: Snapshot, current: Snapshot, reasons: Reasons, everRemoved: Set<string>): RecordChange[] {
  const changes: RecordChange[] = []
  const problems: string[] = []
  const usedReasons = new Set<string>()
  const reasonFor = (id: string, field: string): string | null => {
    const reason = reasons[id]?.[field]
    if (reason === undefined) return null
    usedReasons.add(`${id}:${field}`)
    return String(reason)
  }
  for (const [k, { type, record }] of current) {
    const before = previous.get(k)
    if (!before) {
      if (everRemoved.has(k)) problems.push(`${record.id}: id: was removed in an earlier release; a public id is never reused, take a new one`)
      changes.push({ type, id: record.id, change: 'added', record })
      continue
    }
    const fields: FieldChange[] = []
    const names = [...new Set([...Object.keys(before.record), ...Object.keys(record)])]
    for (const field of names) {
      const [old, now] = [before.record[field] ?? null, record[field] ?? null]
      if (canonical(old) === canonical(now)) continue
      const reason = reasonFor(record.id, field)
      if (reason === null && type === 'figure' && (figureFieldsNeedingReason as readonly string[]).includes(field)) {
        problems.push(`${record.id}: ${field}: changed from ${canonical(old)} to ${canonical(now)} and needs a reason`)
      }
      fields.push({ field, old, new: now, reason })
    }
    if (fields.length) changes.push({ type, id: record.id, change: 'changed', fields })
  }
  for (const [k, { type, record }] of previous) {
    if (current.has(k)) continue
    const reason = reasonFor(record.id, 'removed')
    if (reason === null) problems.push(`${record.id}: removed: the record was removed and needs a reason (and replaced_by, if merged)`)
    const replacedBy = reasonFor(record.id, 'replaced_by')
    if (replacedBy !== null && !current.has(key(type, replacedBy))) problems.push(`${record.id}: replaced_by: "${replacedBy}" is not a ${type} in this release`)
    changes.push({ type, id: record.id, change: 'removed', reason: reason ?? '', replaced_by: replacedBy })
  }
  for (const [id, fields] of Object.entries(reasons)) {
    for (const field of Object.keys(fields)) {
      if (!usedReasons.has(`${id}:${field}`)) problems.push(`${id}: ${field}: the reasons file gives a reason, but this field did not change`)
    }
  }
  if (problems.length) throw new ReleaseRefused(problems)
  return changes.sort(byTypeAndId)
}

/** Every record any release removed, by `type:id`. */
export function removedKeys (releases: Release[]): Set<string> {
  return new Set(releases.flatMap((r) => r.changes.filter((c) => c.change === 'removed').map((c) => key(c.type, c.id))))
}

/** Whether seed/ holds exactly what the last release holds. */
export function isReleased (seedFolder: string, releases: Release[]): boolean {
  const released = replay(releases)
  const current = readSnapshot(seedFolder)
  if (released.size !== current.size) return false
  for (const [k, { record }] of current) {
    const other = released.get(k)
    if (!other || canonical(other.record) !== canonical(record)) return false
  }
  return true
}

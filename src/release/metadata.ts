import type { Sqlite } from '../db/connection.js'
import type { Release } from './history.js'

// What a database file says about the data in it (table dataset_metadata).
export interface DatasetMetadata {
  /** The release it holds, e.g. 2026.11.28; with "+unreleased" when seed/ had changes no release lists yet. */
  version: string
  released_on: string | null
  /** sha256 of seed/ and migrations/ when it was built (src/release/digest.ts). */
  digest: string
  /** A release file to serve as it is (for example downloaded from another server): never rebuilt, never written. */
  prebuilt: boolean
}

export function writeMetadata (db: Sqlite, metadata: DatasetMetadata): void {
  const insert = db.prepare('INSERT OR REPLACE INTO dataset_metadata (key, value) VALUES (?, ?)')
  db.transaction(() => {
    for (const [name, value] of Object.entries(metadata)) insert.run(name, value === null ? '' : String(value))
  })()
}

/** The file's metadata, or undefined for a file built before releases existed (or by something else). */
export function readMetadata (db: Sqlite): DatasetMetadata | undefined {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dataset_metadata'").get()
  if (!hasTable) return undefined
  const values = Object.fromEntries((db.prepare('SELECT key, value FROM dataset_metadata').all() as Array<{ key: string, value: string }>)
    .map((row) => [row.key, row.value]))
  if (!values.version || !values.digest) return undefined
  return {
    version: values.version,
    released_on: values.released_on || null,
    digest: values.digest,
    prebuilt: values.prebuilt === 'true'
  }
}

/** Loads the release history (newest release first) into record_changes. */
export function loadReleases (db: Sqlite, releases: Release[]): void {
  const insert = db.prepare(`INSERT INTO record_changes (position, release, released_on, record_type, record_id, change, fields, reason, replaced_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  let position = 0
  db.transaction(() => {
    for (const release of [...releases].reverse()) {
      for (const change of release.changes) {
        position++
        const fields = change.change === 'changed' ? change.fields : []
        insert.run(position, release.version, release.released_on, change.type, change.id, change.change, JSON.stringify(fields),
          change.change === 'removed' ? change.reason : null, change.change === 'removed' ? change.replaced_by : null)
      }
    }
  })()
}

import type { Sqlite } from '../connection.js'
import { equals } from '../conditions.js'
import { prepareCached, type Condition, type ListSpec } from '../list-query.js'
import { parseJson, type DbRow } from './sql.js'
import { recordTypes, type RecordType } from '../../release/record-types.js'
import type { RecordChange } from '../../schemas/dataset.js'

// The release history as the database holds it (table record_changes, loaded from seed/releases/).

/** A change as stored; its record's address is added when it is rendered (src/lib/record-url.ts). */
export type StoredChange = Omit<RecordChange, 'record_url'>

const changeColumns = 'c.position, c.release, c.released_on, c.record_type, c.record_id, c.change, c.fields, c.reason, c.replaced_by'

const mapChange = (row: DbRow): StoredChange => ({
  id: `${String(row.release)}:${String(row.record_id)}`,
  release: row.release as string,
  released_on: row.released_on as string,
  record_type: row.record_type as RecordType,
  record_id: row.record_id as string,
  change: row.change as RecordChange['change'],
  fields: parseJson(row.fields),
  reason: row.reason as string | null,
  replaced_by: row.replaced_by as string | null
})

// Newest first: positions count from the newest release, so they break ties between releases of one day.
export const changeList: ListSpec<StoredChange> = {
  from: 'record_changes c',
  select: changeColumns,
  id: 'c.position',
  sortable: {
    released_on: { sql: 'c.released_on', nullable: false },
    record_id: { sql: 'c.record_id', nullable: false }
  },
  defaultSort: '-released_on',
  map: mapChange
}

export interface ChangeFilterQuery { release?: string, record_type?: string, record?: string, change?: string, since?: string }

export function changeFilters (q: ChangeFilterQuery): Condition[] {
  const where: Condition[] = []
  if (q.release !== undefined) where.push(equals('c.release', q.release))
  if (q.record_type !== undefined) where.push(equals('c.record_type', q.record_type))
  if (q.record !== undefined) where.push(equals('c.record_id', q.record))
  if (q.change !== undefined) where.push(equals('c.change', q.change))
  // "2026-11" means from 2026-11-01 on: compared on the same number of characters.
  if (q.since !== undefined) where.push({ sql: 'substr(c.released_on, 1, ?) >= ?', params: [q.since.length, q.since] })
  return where
}

export function recordHistory (db: Sqlite, type: RecordType, id: string): StoredChange[] {
  return (prepareCached(db, `SELECT ${changeColumns} FROM record_changes c WHERE c.record_id = ? AND c.record_type = ? ORDER BY c.position`)
    .all(id, type) as DbRow[]).map(mapChange)
}

/** The release that removed a record, if one did (and nothing has the id now: a public id is never reused). */
export function removal (db: Sqlite, type: RecordType, id: string): StoredChange | undefined {
  const row = prepareCached(db, `SELECT ${changeColumns} FROM record_changes c WHERE c.record_id = ? AND c.record_type = ? AND c.change = 'removed' ORDER BY c.position LIMIT 1`)
    .get(id, type) as DbRow | undefined
  return row ? mapChange(row) : undefined
}

export function recordExists (db: Sqlite, type: RecordType, id: string): boolean {
  const table = recordTypes.find((t) => t.type === type)!.table
  return prepareCached(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined
}

export function recordCounts (db: Sqlite): Record<string, number> {
  return Object.fromEntries(recordTypes.map((t) => [t.type, (db.prepare(`SELECT count(*) AS n FROM ${t.table}`).get() as { n: number }).n]))
}

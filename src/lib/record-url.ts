import type { StoredChange } from '../db/queries/changes.js'
import { recordTypes } from '../release/record-types.js'
import type { RecordChange } from '../schemas/dataset.js'

const pathOf = new Map<string, string | null>(recordTypes.map((t) => [t.type, t.path]))

/** The address of a record in this API; null for a kind served only inside another (an owner, in its platforms). */
export const recordUrl = (type: string, id: string): string | null => {
  const path = pathOf.get(type)
  return path ? `/v1/${path}/${id}` : null
}

/** A change as the API shows it: with the address of its record. */
export const withRecordUrl = (change: StoredChange): RecordChange =>
  ({ ...change, record_url: recordUrl(change.record_type, change.record_id) })

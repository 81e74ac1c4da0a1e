import type { Sqlite } from '../db/connection.js'
import { removal } from '../db/queries/changes.js'
import { recordUrl } from './record-url.js'
import type { RecordType } from '../release/record-types.js'
import { Problem } from './problem.js'

/** The answer for an id that has no record: 410 Gone when a release removed it (when, why, what replaced it), else 404. */
export function missingRecord (db: Sqlite, type: RecordType, id: string, notFound: string): Problem {
  const removed = removal(db, type, id)
  if (!removed) return Problem.notFound(notFound)
  const replacement = removed.replaced_by ? ` It was merged into ${removed.replaced_by}: ${recordUrl(type, removed.replaced_by)}.` : ''
  return new Problem(410, `${id} was removed in release ${removed.release} (${removed.released_on}): ${removed.reason ?? ''}${replacement}`, {
    extensions: {
      removed: {
        release: removed.release,
        released_on: removed.released_on,
        reason: removed.reason,
        replaced_by: removed.replaced_by,
        replaced_by_url: removed.replaced_by ? recordUrl(type, removed.replaced_by) : null,
        history: `${recordUrl(type, id)}/history`
      }
    }
  })
}

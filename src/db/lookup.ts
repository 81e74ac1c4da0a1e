import type { Sqlite } from './connection.js'
import { prepareCached } from './list-query.js'
import { joinCjk } from '../lib/cjk.js'

/** What the parse stage asks the database: which ids exist, and whether FTS5 reads a search. */
export interface Lookup {
  /** The ids that no record of the table has. */
  missingIds: (table: string, ids: string[]) => string[]
  /** FTS5's complaint about a MATCH expression, or undefined when it reads it. */
  searchError: (expression: string) => string | undefined
}

export function lookupOn (db: Sqlite): Lookup {
  return {
    missingIds (table, ids) {
      const found = new Set((prepareCached(db, `SELECT id FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(ids)) as Array<{ id: string }>).map((row) => row.id))
      return ids.filter((id) => !found.has(id))
    },
    searchError (expression) {
      try {
        prepareCached(db, 'SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT 1').get(expression)
        return undefined
      } catch (error) {
        const message = (error as Error).message
        if (!message.startsWith('fts5:')) throw error
        return joinCjk(message.replace(/^fts5: /, '').replace(/ near ""$/, ' at the end'))
      }
    }
  }
}

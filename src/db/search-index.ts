import type { Sqlite } from './connection.js'
import { splitCjk } from '../lib/cjk.js'
import { buildSearchTopHits } from './search-top-hits.js'
import { resources } from '../resources/index.js'
import type { Resource } from '../resources/resource.js'

// The full-text index (the FTS5 tables search_index and search_titles, created by migrations/0001_search.sql) holds
// one document per record: its names in `title`, which weighs most in the ranking, and the rest of its words in `body`.
// It is derived data: built with the writer connection when the database is prepared, never by the API.

// Each resource describes its document (src/resources/): names in `title`, the rest in `body`.
const documentsOf = (served: Resource[]) => served.map((resource) =>
  ({ type: resource.type, from: resource.search.from ?? resource.from, id: resource.id, title: resource.search.title, body: resource.search.body }))

/** How many documents the records make. */
export function recordCount (db: Sqlite, served: Resource[] = resources): number {
  const counts = documentsOf(served).map((d) => `(SELECT count(*) FROM ${d.from})`)
  return (db.prepare(`SELECT ${counts.join(' + ')} AS n`).get() as { n: number }).n
}

/** How many documents the index holds; -1 when its two tables disagree. */
export function indexedCount (db: Sqlite): number {
  const { n, titles } = db.prepare('SELECT (SELECT count(*) FROM search_index) AS n, (SELECT count(*) FROM search_titles) AS titles')
    .get() as { n: number, titles: number }
  return n === titles ? n : -1
}

/** Empties the index and fills it from the records, in one transaction. */
export function buildSearchIndex (db: Sqlite, served: Resource[] = resources): void {
  db.function('split_cjk', { deterministic: true }, (text: unknown) => typeof text === 'string' ? splitCjk(text) : text)
  db.transaction(() => {
    db.exec('DELETE FROM search_index; DELETE FROM search_titles')
    for (const { type, ...d } of documentsOf(served)) {
      db.prepare(`INSERT INTO search_index (type, id, title, body)
        SELECT ?, ${d.id}, split_cjk(${d.title}), split_cjk(${d.body}) FROM ${d.from}`).run(type)
    }
    db.exec('INSERT INTO search_titles (rowid, title) SELECT rowid, title FROM search_index')
    // The stored first hits name index rowids: rebuilt with the index, in the same transaction, never apart from it.
    buildSearchTopHits(db)
  })()
}

/**
 * Builds the index when it does not hold one document per record: on a freshly seeded database, and on one that
 * was seeded before the index existed.
 */
export function ensureSearchIndex (db: Sqlite, served: Resource[] = resources): { rebuilt: boolean } {
  if (indexedCount(db) === recordCount(db, served)) return { rebuilt: false }
  buildSearchIndex(db, served)
  return { rebuilt: true }
}

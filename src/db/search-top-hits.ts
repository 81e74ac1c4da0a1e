import type { Sqlite } from './connection.js'
import { rank, titlesJoin } from './queries/search.js'

// The first hits of every word found in very many records, stored in their search order (search_top_hits,
// migrations/0009_search_top_hits.sql), so that /v1/search reads the first pages of such a word instead of ranking
// every hit with bm25 (~0.5 s for a word in 300,000 records). Derived from the full-text index: rebuilt with it.

/** A word in fewer records is ranked in full at query time, in ~25 ms at most. */
export const commonWordHits = 10_000
/** Hits kept per word and type: two pages of the largest limit (500). */
export const keptHits = 1_000

/** Fills search_top_hits from search_index (which must be built): one list per common word, and one per word and type. */
export function buildSearchTopHits (db: Sqlite, options: { commonWordHits?: number, keptHits?: number } = {}): { words: number } {
  const common = options.commonWordHits ?? commonWordHits
  const kept = options.keptHits ?? keptHits
  db.exec(`DELETE FROM search_top_hits; DELETE FROM search_top_lists;
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, search_index, 'row')`)
  const words = db.prepare('SELECT term FROM temp.search_vocabulary WHERE doc >= ?').pluck().all(common) as string[]
  // The same rank and tie-break key as /v1/search (src/db/queries/search.ts), computed once per word.
  const insert = db.prepare(`WITH ranked AS MATERIALIZED (
      SELECT search_index.rowid AS hit, search_index.type AS type, ${rank} AS rank,
        search_index.type || ' ' || search_index.id AS key
      FROM search_index ${titlesJoin} WHERE search_index MATCH @match),
    numbered AS (SELECT *, row_number() OVER (ORDER BY rank, key) AS overall,
      row_number() OVER (PARTITION BY type ORDER BY rank, key) AS within FROM ranked)
    INSERT INTO search_top_hits (list, rank, key, hit)
    SELECT @match, rank, key, hit FROM numbered WHERE overall <= @kept
    UNION ALL SELECT @match || ' type=' || type, rank, key, hit FROM numbered WHERE within <= @kept`)
  const count = db.prepare(`INSERT INTO search_top_lists (list, hits)
    SELECT @match, count(*) FROM search_index WHERE search_index MATCH @match
    UNION ALL SELECT @match || ' type=' || type, count(*) FROM search_index WHERE search_index MATCH @match GROUP BY type`)
  for (const word of words) {
    insert.run({ match: `"${word}"`, kept })
    count.run({ match: `"${word}"` })
  }
  db.exec('DROP TABLE temp.search_vocabulary')
  return { words: words.length }
}

import type { Sqlite } from './connection.js'
import { splitCjk } from '../lib/cjk.js'
import type { SearchType } from '../schemas/search.js'

// The full-text index (the FTS5 tables search_index and search_titles, created by migrations/0001_search.sql) holds
// one document per record: its names in `title`, which weighs most in the ranking, and the rest of its words in `body`.
// It is derived data: built with the writer connection when the database is prepared, never by the API.

const lines = (...parts: string[]) => `concat_ws(char(10), ${parts.join(', ')})`
const names = (...parts: string[]) => `concat_ws(' / ', ${parts.join(', ')})`
/** The strings of a JSON array column, one a line. */
const list = (column: string) => `(SELECT group_concat(value, char(10)) FROM json_each(${column}))`

interface Document { from: string, id: string, title: string, body: string }

const documents: Record<SearchType, Document> = {
  campaign: {
    from: 'campaigns c',
    id: 'c.id',
    title: names('c.name_en', 'c.name_zh'),
    body: lines('c.kind_text', 'c.window_note', 'c.announced_note', 'c.results_announced_note', 'c.duration_stated',
      list('c.co_agencies'), list('c.planned_tasks'), list('c.linked_operations'), list('c.notes'),
      '(SELECT group_concat(name, char(10)) FROM campaign_platforms WHERE campaign_id = c.id)')
  },
  regulator: {
    from: 'regulators r',
    id: 'r.id',
    title: names('r.name_en', 'r.abbreviation', 'r.name_zh', 'r.short_name_zh'),
    body: lines('r.parent_text', 'r.type', 'r.role', list('r.founding_notes'), 'r.headquarters', 'r.director', list('r.notes'))
  },
  platform: {
    from: 'platforms p JOIN owners o ON o.id = p.owner_id',
    id: 'p.id',
    title: names('p.name_en', 'p.name_zh'),
    body: lines('p.kind', 'o.name_en', 'o.name_zh', 'p.launch_note', 'p.international_counterpart')
  },
  violation_category: {
    from: 'violation_categories v',
    id: 'v.id',
    title: names('v.name_en', 'v.name_zh'),
    body: lines('v.description', list('v.examples'), list('v.sub_behaviours'))
  },
  source: {
    from: 'sources s',
    id: 's.id',
    title: 's.title',
    body: lines('s.publisher', list('s.notes'))
  },
  figure: {
    from: 'figures f',
    id: 'f.id',
    title: `concat_ws(' ', f.value_text, f.unit_text, f.action_text)`,
    body: lines('f.date_note', list('f.notes'))
  }
}

/** How many documents the records make. */
export function recordCount (db: Sqlite): number {
  const counts = Object.values(documents).map((d) => `(SELECT count(*) FROM ${d.from})`)
  return (db.prepare(`SELECT ${counts.join(' + ')} AS n`).get() as { n: number }).n
}

/** How many documents the index holds; -1 when its two tables disagree. */
export function indexedCount (db: Sqlite): number {
  const { n, titles } = db.prepare('SELECT (SELECT count(*) FROM search_index) AS n, (SELECT count(*) FROM search_titles) AS titles')
    .get() as { n: number, titles: number }
  return n === titles ? n : -1
}

/** Empties the index and fills it from the records, in one transaction. */
export function buildSearchIndex (db: Sqlite): void {
  db.function('split_cjk', { deterministic: true }, (text: unknown) => typeof text === 'string' ? splitCjk(text) : text)
  db.transaction(() => {
    db.exec('DELETE FROM search_index; DELETE FROM search_titles')
    for (const [type, d] of Object.entries(documents)) {
      db.prepare(`INSERT INTO search_index (type, id, title, body)
        SELECT ?, ${d.id}, split_cjk(${d.title}), split_cjk(${d.body}) FROM ${d.from}`).run(type)
    }
    db.exec('INSERT INTO search_titles (rowid, title) SELECT rowid, title FROM search_index')
  })()
}

/**
 * Builds the index when it does not hold one document per record: on a freshly seeded database, and on one that
 * was seeded before the index existed.
 */
export function ensureSearchIndex (db: Sqlite): { rebuilt: boolean } {
  if (indexedCount(db) === recordCount(db)) return { rebuilt: false }
  buildSearchIndex(db)
  return { rebuilt: true }
}

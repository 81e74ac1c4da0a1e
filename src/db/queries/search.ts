import type { Sqlite } from '../connection.js'
import { prepareCached, type Condition, type ListSpec } from '../list-query.js'
import { joinCjk } from '../../lib/cjk.js'
import { Problem } from '../../lib/problem.js'
import { searchSyntax, toMatchExpression } from '../../lib/search-syntax.js'
import { recordPaths, type SearchHit, type SearchType } from '../../schemas/search.js'
import type { DbRow } from './sql.js'

/**
 * The user's q as an FTS5 MATCH expression that FTS5 accepts. It is tried on the index once, so that a search FTS5
 * rejects (a lone NOT, an unclosed parenthesis) is a 400 naming q before any list or CSV export starts.
 */
export function checkedMatch (db: Sqlite, q: string): string {
  // SQLite reads the expression as a C string: a NUL would cut it short ("unterminated string").
  if (q.includes('\0')) throw Problem.badParam('q', 'contains a NUL character (%00), which no search can hold', 'invalid-search')
  const expression = toMatchExpression(q)
  try {
    prepareCached(db, 'SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT 1').get(expression)
  } catch (error) {
    const message = (error as Error).message
    if (!message.startsWith('fts5:')) throw error
    const reason = message.replace(/^fts5: /, '').replace(/ near ""$/, ' at the end')
    throw Problem.badParam('q', `is not a search FTS5 can read (${joinCjk(reason)}). ${searchSyntax}`, 'invalid-search')
  }
  return expression
}

/** A list filter: only the records of this type that match q (nothing when q is not given). */
export function matching (db: Sqlite, type: SearchType, idColumn: string, q: string | undefined): Condition[] {
  if (q === undefined) return []
  return [{
    sql: `${idColumn} IN (SELECT id FROM search_index WHERE search_index MATCH ? AND type = ?)`,
    params: [checkedMatch(db, q), type]
  }]
}

// Ranked first by how well the record's names or title match, then by how well its whole text does: both are
// FTS5's bm25 (lower is better), the first over the titles alone (search_titles), so that a match in the name of a
// record with long notes is not pushed down by the length of its notes. The titles are searched once and joined
// by rowid: a lookup per hit ran the title search again for every hit, minutes on a million records. `LIMIT -1`
// (no limit) keeps SQLite from flattening the subquery back into that per-hit lookup.
const titlesJoin = `LEFT JOIN (SELECT rowid AS title_rowid, bm25(search_titles) AS title_rank FROM search_titles
  WHERE search_titles MATCH @match LIMIT -1) AS titles ON titles.title_rowid = search_index.rowid`
const rank = '(100 * coalesce(titles.title_rank, 0) + bm25(search_index))'

// Private-use characters mark the matches, so that the text around them can be HTML-escaped.
const markOpen = '\uE000'
const markClose = '\uE001'
const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

const mapHit = (row: DbRow): SearchHit => ({
  type: row.type as SearchType,
  id: row.id as string,
  title: joinCjk(row.title as string),
  snippet: escapeHtml(joinCjk(row.snippet as string)).replaceAll(markOpen, '<mark>').replaceAll(markClose, '</mark>'),
  rank: row.rank as number,
  url: `${recordPaths[row.type as SearchType]}/${row.id as string}`
})

export const searchList: ListSpec<SearchHit> = {
  from: `search_index ${titlesJoin}`,
  select: `search_index.type, search_index.id, search_index.title, ${rank} AS rank,
    snippet(search_index, -1, '${markOpen}', '${markClose}', '…', 24) AS snippet`,
  // type and id together identify a hit: the last key of the order, so that paging is exact.
  id: `(search_index.type || ' ' || search_index.id)`,
  sortable: { rank: { sql: rank, nullable: false } },
  defaultSort: 'rank',
  map: mapHit
}

/** The conditions of a search: q, and the types asked for. */
export function searchConditions (db: Sqlite, q: string, types: string | undefined): Condition[] {
  const where: Condition[] = [{ sql: 'search_index MATCH @match', params: [], named: { match: checkedMatch(db, q) } }]
  if (types !== undefined) {
    where.push({ sql: 'search_index.type IN (SELECT value FROM json_each(?))', params: [JSON.stringify([...new Set(types.split(','))])] })
  }
  return where
}

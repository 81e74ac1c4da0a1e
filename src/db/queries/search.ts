import type { Sqlite } from '../connection.js'
import { prepareCached, type Condition, type ListSpec } from '../list-query.js'
import { joinCjk } from '../../lib/cjk.js'
import type { CursorValue } from '../../lib/cursor.js'
import type { SearchHit, SearchType } from '../../schemas/search.js'
import type { DbRow } from './sql.js'

// Ranked first by how well the record's names or title match, then by how well its whole text does: both are
// FTS5's bm25 (lower is better), the first over the titles alone (search_titles), so that a match in the name of a
// record with long notes is not pushed down by the length of its notes. The titles are searched once and joined
// by rowid: a lookup per hit ran the title search again for every hit, minutes on a million records. `LIMIT -1`
// (no limit) keeps SQLite from flattening the subquery back into that per-hit lookup.
export const titlesJoin = `LEFT JOIN (SELECT rowid AS title_rowid, bm25(search_titles) AS title_rank FROM search_titles
  WHERE search_titles MATCH @match LIMIT -1) AS titles ON titles.title_rowid = search_index.rowid`
export const rank = '(100 * coalesce(titles.title_rank, 0) + bm25(search_index))'

// Private-use characters mark the matches, so that the text around them can be HTML-escaped.
const markOpen = '\uE000'
const markClose = '\uE001'
const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

/** A hit as read; its address in the API is added when it is rendered. */
export type StoredHit = Omit<SearchHit, 'url'>

const mapHit = (row: DbRow): StoredHit => ({
  type: row.type as SearchType,
  id: row.id as string,
  title: joinCjk(row.title as string),
  snippet: escapeHtml(joinCjk(row.snippet as string)).replaceAll(markOpen, '<mark>').replaceAll(markClose, '</mark>'),
  rank: row.rank as number
})

export const searchList: ListSpec<StoredHit> = {
  from: `search_index ${titlesJoin}`,
  select: `search_index.type, search_index.id, search_index.title, ${rank} AS rank,
    snippet(search_index, -1, '${markOpen}', '${markClose}', '…', 24) AS snippet`,
  // type and id together identify a hit: the last key of the order, so that paging is exact.
  id: `(search_index.type || ' ' || search_index.id)`,
  sortable: { rank: { sql: rank, nullable: false } },
  defaultSort: 'rank',
  map: mapHit
}

/**
 * The first hits of a common word, read from search_top_hits (src/db/search-top-hits.ts) in the order searchList
 * ranks them: the same rank values and the same tie-break key, so that a cursor of either list continues on the other.
 */
export const topHitsList: ListSpec<StoredHit> = {
  // CROSS JOIN keeps the stored order outside: each of the page's hits is then looked up by rowid in the index.
  from: 'search_top_hits CROSS JOIN search_index ON search_index.rowid = search_top_hits.hit',
  select: `search_index.type, search_index.id, search_index.title, search_top_hits.rank AS rank,
    snippet(search_index, -1, '${markOpen}', '${markClose}', '…', 24) AS snippet`,
  id: 'search_top_hits.key',
  sortable: { rank: { sql: 'search_top_hits.rank', nullable: false } },
  defaultSort: 'rank',
  map: mapHit
}

/** The list of stored first hits that answers a MATCH expression and a type filter, if one can. */
export function topHitsListName (match: string, types: string[] | undefined): string | undefined {
  // One word, quoted by toMatchExpression. The stored words are unicode61's tokens (lower case, no accents): an
  // ASCII word folds to its token by lower case alone; any other word that differs from its token is ranked in full.
  if (!/^"[\p{L}\p{N}]+"$/u.test(match)) return undefined
  const word = /^[\x00-\x7f]*$/.test(match) ? match.toLowerCase() : match
  if (types === undefined) return word
  return types.length === 1 ? `${word} type=${types[0]}` : undefined
}

export interface SearchRequest {
  /** q as a MATCH expression FTS5 reads (checked by the parse stage). */
  match: string
  type?: string
  after?: CursorValue[]
  limit: number
  includeTotal: boolean
  exportAll: boolean
}

/**
 * What a search reads: its first pages from the stored first hits of a common word when the page lies wholly
 * within them, every other page by ranking every hit. Totals and full exports always read every hit.
 */
export function planSearch (db: Sqlite, request: SearchRequest): { spec: ListSpec<StoredHit>, where: Condition[] } {
  const { match } = request
  const types = request.type === undefined ? undefined : [...new Set(request.type.split(','))]
  const list = request.includeTotal || request.exportAll || !hasTopHits(db) ? undefined : topHitsListName(match, types)
  if (list !== undefined && answersFromStored(db, list, request.after, request.limit)) {
    return {
      spec: topHitsList,
      where: [{ sql: 'search_top_hits.list = ?', params: [list] }, { sql: 'search_index MATCH @match', params: [], named: { match } }]
    }
  }
  const where: Condition[] = [{ sql: 'search_index MATCH @match', params: [], named: { match } }]
  if (types !== undefined) where.push({ sql: 'search_index.type IN (SELECT value FROM json_each(?))', params: [JSON.stringify(types)] })
  return { spec: searchList, where }
}

const topHitsTable = new WeakMap<Sqlite, boolean>()

/** Whether the file has stored first hits: a prebuilt file from before they existed is searched by ranking alone. */
function hasTopHits (db: Sqlite): boolean {
  let has = topHitsTable.get(db)
  if (has === undefined) {
    has = prepareCached(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_top_hits'").get() !== undefined
    topHitsTable.set(db, has)
  }
  return has
}

/**
 * Whether a list of stored hits answers the page after a cursor exactly: it holds every hit of its word, or more
 * than a page after the cursor (the page, and the one row that says whether another page follows).
 */
function answersFromStored (db: Sqlite, list: string, after: CursorValue[] | undefined, limit: number): boolean {
  const [rankAfter, keyAfter] = after ?? [null, null]
  const { stored, hits, following } = prepareCached(db, `SELECT
      (SELECT count(*) FROM search_top_hits WHERE list = @list) AS stored,
      (SELECT hits FROM search_top_lists WHERE list = @list) AS hits,
      (SELECT count(*) FROM (SELECT 1 FROM search_top_hits WHERE list = @list
        AND (@rank IS NULL OR rank > @rank OR (rank = @rank AND key > @key)) LIMIT @enough)) AS following`)
    .get({ list, rank: rankAfter, key: keyAfter, enough: limit + 1 }) as { stored: number, hits: number | null, following: number }
  return hits !== null && (stored === hits || following > limit)
}

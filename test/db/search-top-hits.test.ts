import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openReader, openWriter } from '../../src/db/connection.js'
import { listPage } from '../../src/db/list-query.js'
import { planSearch, topHitsList, type SearchRequest } from '../../src/db/queries/search.js'
import { buildSearchTopHits } from '../../src/db/search-top-hits.js'
import type { CursorValue } from '../../src/lib/cursor.js'
import { toMatchExpression } from '../../src/lib/search-syntax.js'
import { searchTypes } from '../../src/schemas/search.js'
import { seededDatabaseCopy } from '../helper.js'

// The stored first hits of common words must give exactly the pages that ranking every hit gives, on every page,
// across the end of what is stored. On the fixture, with "common" lowered to a word in 2 records and 3 hits kept
// per list, so that pages are read from the stored hits, from the full ranking, and from both in one walk.
const dir = mkdtempSync(join(tmpdir(), 'search-top-hits-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const path = seededDatabaseCopy(dir, 'fixture')
const writer = openWriter(path)
const { words } = buildSearchTopHits(writer, { commonWordHits: 2, keptHits: 3 })
writer.close()
const db = openReader(path)
t.teardown(() => db.close())

const vocabulary = db.prepare(`SELECT DISTINCT substr(list, 2, instr(substr(list, 2), '"') - 1) AS word FROM search_top_hits`).pluck().all() as string[]

type Search = Omit<SearchRequest, 'after' | 'match'> & { q: string }
const planned = ({ q, ...request }: Search, after?: CursorValue[]) => planSearch(db, { ...request, match: toMatchExpression(q), after })

/** Every hit of a search, page after page, and how many of the pages came from the stored hits. */
function walk (request: Search): { keys: string[], stored: number } {
  const keys: string[] = []
  let stored = 0
  let after: CursorValue[] | undefined
  do {
    const { spec, where } = planned(request, after)
    if (spec === topHitsList) stored++
    const page = listPage(db, spec, { where, sort: 'rank', limit: request.limit, after })
    keys.push(...page.rows.map((hit) => `${hit.type} ${hit.id} ${hit.rank} ${hit.snippet}`))
    after = page.nextKeys ?? undefined
  } while (after)
  return { keys, stored }
}

t.test('the fixture has common words to store', async (t) => {
  t.ok(words > 0 && vocabulary.length === words, `${words} words in 2 records or more`)
})

t.test('every page of a common word, alone or with one type, equals the fully ranked page', async (t) => {
  let storedPages = 0
  for (const word of vocabulary) {
    for (const type of [undefined, ...searchTypes]) {
      for (const limit of [1, 2, 5]) {
        // Capitalised, as a user may type it (not upper case: AND, OR and NOT are operators).
        const request = { q: word[0].toUpperCase() + word.slice(1), type, limit, exportAll: false }
        const stored = walk({ ...request, includeTotal: false })
        const ranked = walk({ ...request, includeTotal: true })
        t.equal(ranked.stored, 0, 'a total reads every hit')
        t.same(stored.keys, ranked.keys, `q=${word} type=${type ?? ''} limit=${limit}`)
        storedPages += stored.stored
      }
    }
  }
  t.ok(storedPages > 0, `${storedPages} pages were read from the stored hits`)
})

t.test('a phrase, several words or several types are ranked in full', async (t) => {
  const [first, second] = vocabulary
  for (const request of [{ q: `${first} ${second}` }, { q: `"${first} ${second}"` }, { q: first, type: 'campaign,figure' }, { q: `${first}*` }]) {
    t.equal(planned({ ...request, limit: 1, includeTotal: false, exportAll: false }).spec === topHitsList, false, JSON.stringify(request))
  }
  t.equal(planned({ q: first, limit: 1, includeTotal: false, exportAll: true }).spec === topHitsList, false, 'a full export')
})

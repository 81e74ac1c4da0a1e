import t from 'tap'
import { cachedStatementCount, statementCacheEntries } from '../../src/db/list-query.js'
import { figures } from '../../src/resources/figures.js'
import { build } from '../helper.js'

t.test('the prepared-statement cache is bounded: every distinct sort a client sends does not stay prepared', async (t) => {
  const app = await build(t)
  const fields = Object.keys(figures.sort)
  const sorts: string[] = []
  for (const first of fields) {
    for (const second of fields) {
      if (first === second) continue
      for (const [a, b] of [['', ''], ['-', ''], ['', '-'], ['-', '-']]) sorts.push(`${a}${first},${b}${second}`)
    }
  }
  t.ok(sorts.length > statementCacheEntries * 1.2, `${sorts.length} distinct sorts, more than the ${statementCacheEntries} kept`)
  for (const sort of sorts) {
    const response = await app.inject({ url: `/v1/figures?limit=2&sort=${sort}` })
    if (response.statusCode !== 200) t.fail(`sort=${sort} answered ${response.statusCode}`)
  }
  t.ok(cachedStatementCount(app.db) <= statementCacheEntries, `${cachedStatementCount(app.db)} statements kept`)
  const again = await app.inject({ url: `/v1/figures?limit=3&sort=${sorts[0]}` })
  t.equal(again.statusCode, 200, 'an evicted shape is prepared again when asked for')
  t.equal(again.json().data.length, 3)
})

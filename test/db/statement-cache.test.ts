import t from 'tap'
import { cachedStatementBytes, cachedStatementCount, statementCacheBytes, statementCacheEntries } from '../../src/db/list-query.js'
import { figures } from '../../src/resources/figures.js'
import { dimensions } from '../../src/schemas/stats.js'
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

t.test('the statement cache is bounded in bytes too: large totals statements count by their size, not one each', async (t) => {
  const app = await build(t, { answerCache: { maxBytes: 0 } })
  const grouped = dimensions.filter((d) => d !== 'unit' && d !== 'action')
  let asked = 0
  for (const first of grouped) {
    for (const second of grouped) {
      if (first === second) continue
      for (const filter of ['', '&preferred=true', '&min_value=1']) {
        const response = await app.inject({ url: `/v1/stats/figures?group_by=unit,action,${first},${second}${filter}` })
        if (response.statusCode !== 200) t.fail(`group_by ${first},${second}${filter} answered ${response.statusCode}`)
        asked++
      }
    }
  }
  t.ok(asked < statementCacheEntries, `${asked} distinct totals: fewer than the count bound`)
  t.ok(cachedStatementBytes(app.db) <= statementCacheBytes, `${cachedStatementBytes(app.db)} bytes counted`)
  t.ok(cachedStatementCount(app.db) < asked, `${cachedStatementCount(app.db)} of ${asked} statements kept`)
})

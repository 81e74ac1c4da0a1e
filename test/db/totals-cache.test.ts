import t from 'tap'
import { rememberedTotals } from '../../src/db/queries/stats.js'
import { build } from '../helper.js'

t.test('kept totals count what they hold: the key and the rows as V8 holds them, more than their JSON', async (t) => {
  const app = await build(t, { answerCache: { maxBytes: 0 } })
  t.equal((await app.inject({ url: '/v1/stats/figures?group_by=unit,action,campaign' })).statusCode, 200)
  const totals = rememberedTotals(app.db)!
  t.equal(totals.size, 1)
  const [[key, entry]] = [...totals.entries()]
  const json = JSON.stringify(entry.parts).length
  t.ok(totals.calculatedSize >= key.length + json, `${totals.calculatedSize} counted for a ${key.length}-character key and ${json} characters of JSON`)
})

t.test('the same totals asked in another order come in that order, though kept once', async (t) => {
  const app = await build(t, { answerCache: { maxBytes: 0 } })
  const sums = async (sort: string) => {
    const response = await app.inject({ url: `/v1/stats/figures?group_by=unit,action,year&unit=accounts&sort=${sort}` })
    t.equal(response.statusCode, 200)
    return (response.json().data as Array<{ sum: number }>).map((row) => row.sum)
  }
  const ascending = await sums('sum')
  t.ok(ascending.length > 2, `${ascending.length} rows`)
  t.same(ascending, [...ascending].sort((a, b) => a - b))
  const descending = await sums('-sum')
  t.same(descending, [...ascending].reverse(), 'descending, not the order of the totals kept')
  t.same(await sums('sum'), ascending, 'and the kept rows were not reordered by the other request')
  t.equal(rememberedTotals(app.db)!.size, 1)
})

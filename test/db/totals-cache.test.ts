import t from 'tap'
import { rememberedTotals } from '../../src/db/queries/stats.js'
import { build } from '../helper.js'

t.test('kept totals count what they hold: the key (their SQL, several KB) and the rows as V8 holds them, more than their JSON', async (t) => {
  const app = await build(t, { answerCache: { maxBytes: 0 } })
  t.equal((await app.inject({ url: '/v1/stats/figures?group_by=unit,action,campaign' })).statusCode, 200)
  const totals = rememberedTotals(app.db)!
  t.equal(totals.size, 1)
  const [[key, entry]] = [...totals.entries()]
  const json = JSON.stringify(entry.parts).length
  t.ok(totals.calculatedSize >= key.length + json, `${totals.calculatedSize} counted for a ${key.length}-character key and ${json} characters of JSON`)
})

import t from 'tap'
import { allPages, build } from '../../helper.js'

const app = await build(t)
const everything = await allPages(app, '/v1/sources?limit=500')
const ids = async (query: string) => (await allPages(app, `/v1/sources?limit=5&${query}`)).map((r) => r.id)

t.test('publisher (any case, part of the name), language, confidence, date range', async (t) => {
  const xinhua = await ids('publisher=XINHUA')
  t.same(xinhua, everything.filter((s) => (s.publisher as string).toLowerCase().includes('xinhua')).map((s) => s.id))
  t.ok(xinhua.length > 4, 'Xinhua texts under several publishers')
  t.same(await ids('language=zh&confidence=high'),
    everything.filter((s) => s.language === 'zh' && s.confidence === 'high').map((s) => s.id))
  t.same(await ids('from=2023-05&to=2023-05&sort=-date'), everything
    .filter((s) => typeof s.date === 'string' && s.date.startsWith('2023-05'))
    .sort((a, b) => (b.date as string).localeCompare(a.date as string) || (a.id as string).localeCompare(b.id as string))
    .map((s) => s.id))
  t.same(await ids('language=fr'), [], 'no source in French: an empty list')
})

t.test('fields in CSV, and bad values', async (t) => {
  const csv = await app.inject({ url: '/v1/sources?fields=publisher,date&language=de&format=csv' })
  t.equal(csv.body.split('\r\n')[0], 'id,publisher,date')
  t.equal(csv.body.trim().split('\r\n').length, 2, 'the one German source')
  for (const query of ['language=ZH', 'publisher=x', 'to=2023-02-29', 'confidence=sure']) {
    t.equal((await app.inject({ url: `/v1/sources?${query}` })).statusCode, 400, query)
  }
})

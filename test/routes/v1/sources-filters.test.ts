import t from 'tap'
import { allPages, buildOnFixture } from '../../helper.js'

const app = await buildOnFixture(t)
const everything = await allPages(app, '/v1/sources')
const ids = async (query: string) => (await allPages(app, `/v1/sources?limit=2&${query}`)).map((r) => r.id)

t.test('publisher (any case, part of the name), language, confidence, date range', async (t) => {
  const wire = await ids('publisher=WIRE')
  t.same(wire, ['src-fx-wire-2023-05-22', 'src-fx-wire-mirror-2023-05'], 'the wire\'s texts under two publishers')
  t.same(await ids('publisher=样例社'), wire, 'Chinese in a publisher\'s name')
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
  t.same(csv.body.trim().split('\r\n').slice(1), ['src-fx-review-2021,Fixture Rundschau,2021'], 'the one German source')
  for (const query of ['language=ZH', 'publisher=x', 'to=2023-02-29', 'confidence=sure']) {
    t.equal((await app.inject({ url: `/v1/sources?${query}` })).statusCode, 400, query)
  }
})

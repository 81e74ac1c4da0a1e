import t from 'tap'
import { allPages, buildOnFixture } from '../../helper.js'

const app = await buildOnFixture(t)
const ids = async (query: string) => (await allPages(app, `/v1/regulators?limit=2&${query}`)).map((r) => r.id)

t.test('country, parent and confidence', async (t) => {
  const everything = await allPages(app, '/v1/regulators')
  t.same(await ids('country=CN'), everything.filter((r) => r.country === 'CN').map((r) => r.id))
  t.same(await ids('country=US'), [], 'no regulator of another country: an empty list')
  t.same(await ids('parent=reg-fx-cyber'), ['reg-fx-city-cyber'], 'the city office answers to the national one')
  t.same(await ids('confidence=high'), everything.filter((r) => r.confidence === 'high').map((r) => r.id))
  t.same(await ids('parent=reg-fx-council&sort=-name_en&include_total=true'), ['reg-fx-cyber'], 'direct children only')
})

t.test('bad values', async (t) => {
  for (const [query, reason] of [['country=cn', /pattern/], ['parent=reg-xyz', /names no regulator/],
    ['confidence=certain', /must be one of: high, medium, low/], ['fields=name_en,budget', /no field "budget"/]] as const) {
    const response = await app.inject({ url: `/v1/regulators?${query}` })
    t.equal(response.statusCode, 400, query)
    t.match(response.json().detail, reason, query)
  }
})

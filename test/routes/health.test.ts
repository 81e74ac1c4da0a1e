import t from 'tap'
import { buildOnFixture } from '../helper.js'

t.test('GET /health says ok and counts what the database serves', async (t) => {
  const app = await buildOnFixture(t)
  const response = await app.inject({ url: '/health' })
  t.equal(response.statusCode, 200)
  t.same(response.json(), { status: 'ok', figures: 13, campaigns: 4 }, 'the counts of the fixture dataset')
  t.equal(response.headers['cache-control'], 'no-store', 'health is never cached')
})

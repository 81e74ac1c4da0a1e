import t from 'tap'
import { build } from '../helper.js'

t.test('GET /health says ok and counts what the database serves', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/health' })
  t.equal(response.statusCode, 200)
  t.same(response.json(), { status: 'ok', figures: 172, campaigns: 36 })
  t.equal(response.headers['cache-control'], 'no-store', 'health is never cached')
})

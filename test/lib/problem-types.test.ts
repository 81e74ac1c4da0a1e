import t from 'tap'
import { problemTypes } from '../../src/lib/problem.js'
import { build } from '../helper.js'

t.test('each kind of problem has its own type, so a client can branch without reading detail', async (t) => {
  const app = await build(t)
  const cases: Array<[string, string, number]> = [
    ['/v1/figures?regulater=reg-cac', 'unknown-parameter', 400],
    ['/v1/figures?limit=1&limit=2', 'repeated-parameter', 400],
    ['/v1/figures?limit=100000', 'invalid-parameter', 400],
    ['/v1/figures?sort=nope', 'invalid-parameter', 400],
    ['/v1/figures?regulator=reg-nope', 'unknown-id', 400],
    ['/v1/search?q=%22open', 'invalid-search', 400],
    ['/v1/stats/figures?group_by=year', 'mixed-units', 400],
    ['/v1/stats/figures?unit=accounts', 'mixed-actions', 400],
    ['/v1/stats/figures?unit=person_times', 'non-additive-unit', 400],
    ['/v1/figures/fig-nope', 'not-found', 404],
    ['/v1/nothing-here', 'not-found', 404]
  ]
  for (const [url, type, status] of cases) {
    const response = await app.inject({ url })
    t.equal(response.statusCode, status, url)
    t.equal(response.json().type, `/problems/${type}`, url)
  }
  const post = await app.inject({ method: 'POST', url: '/v1/figures' })
  t.equal(post.json().type, '/problems/method-not-allowed')
  t.ok(Object.values(problemTypes).every(({ meaning }) => meaning.length > 0), 'every kind says what it means')
})

import t from 'tap'
import { build } from '../helper.js'

t.test('detail routes, /health and the OpenAPI documents refuse unknown parameters like the lists', async (t) => {
  const app = await build(t)
  for (const url of ['/v1/figures/fig-001?format=csv', '/v1/campaigns/camp-qinglang-2023-self-media?fields=id', '/health?verbose=1',
    '/openapi.json?x=1', '/openapi.yaml?x=1', '/v1/regulators/reg-cac?limit=1']) {
    const response = await app.inject({ url })
    t.equal(response.statusCode, 400, url)
    t.match(response.headers['content-type'], /^application\/problem\+json/, url)
    t.equal(response.json().invalid_params?.[0]?.in, 'query', url)
  }
})

import t from 'tap'
import { sharedSerializers } from '../../src/lib/shared-serializers.js'
import { build } from '../helper.js'

const route = (schema: unknown, httpStatus = '200') => ({ method: 'GET', url: '/x', httpStatus, schema })
const page = { type: 'object', properties: { data: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } } } }

t.test('a schema met again, on any route or status, is compiled once; a different one gets its own serializer', async (t) => {
  const compile = sharedSerializers()({}, {})
  const first = compile(route(page))
  t.equal(compile(route(structuredClone(page), '201')), first, 'an equal schema reuses the serializer')
  const other = compile(route({ type: 'object', properties: { id: { type: 'integer' } } }))
  t.not(other, first)
  t.equal(first({ data: [{ id: 'fig-001', secret: 1 }] }), '{"data":[{"id":"fig-001"}]}', 'only the declared fields')
  t.equal(other({ id: 7, secret: 1 }), '{"id":7}')
  const withShared = sharedSerializers()({ 'x:id': { $id: 'x:id', type: 'integer' } }, {})
  t.equal(withShared(route({ type: 'object', properties: { id: { $ref: 'x:id' } } }))({ id: 7 }), '{"id":7}', 'shared schemas are part of the key')
})

t.test('the API answers byte for byte the same with each distinct schema compiled once', async (t) => {
  const plain = await build(t)
  const shared = await build(t, { fastify: { schemaController: { compilersFactory: { buildSerializer: sharedSerializers() } } } })
  const urls = ['/health', '/v1/figures?limit=3', '/v1/figures/fig-015', '/v1/campaigns?limit=2', '/v1/campaigns/camp-qinglang-2023-self-media',
    '/v1/regulators/reg-cac', '/v1/platforms?limit=2', '/v1/violation-categories?limit=2', '/v1/sources?limit=2', '/v1/search?q=weibo&limit=2',
    '/v1/stats/figures?unit=accounts&group_by=action', '/v1/dataset', '/v1/changes?limit=2', '/v1/figures?sort=nonsense', '/v1/figures/fig-none']
  for (const url of urls) {
    const [a, b] = await Promise.all([plain.inject({ url }), shared.inject({ url })])
    t.equal(b.statusCode, a.statusCode, `${url}: status`)
    t.equal(b.body, a.body, `${url}: body`)
  }
})

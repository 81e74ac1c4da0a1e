import t from 'tap'
import { sharedSerializers } from '../../src/lib/shared-serializers.js'
import { build } from '../helper.js'

const route = (schema: unknown, httpStatus = '200') => ({ method: 'GET', url: '/x', httpStatus, schema })
const page = { type: 'object', properties: { data: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } } } }

t.test('a schema met again, on any route or status, is compiled once; a different one gets its own serializer', async (t) => {
  const serializers = sharedSerializers()
  const compile = serializers.factory({}, {})
  const first = compile(route(page))
  const other = compile(route({ type: 'object', properties: { id: { type: 'integer' } } }))
  t.equal(first({ data: [{ id: 'fig-001', secret: 1 }] }), '{"data":[{"id":"fig-001"}]}', 'only the declared fields, compiled when first needed')
  t.equal(other({ id: 7, secret: 1 }), '{"id":7}')
  await serializers.compileRest()
  const again = compile(route(structuredClone(page), '201'))
  t.equal(compile(route(structuredClone(page), '404')), again, 'an equal schema reuses the compiled serializer')
  t.not(compile(route({ type: 'object', properties: { id: { type: 'integer' } } })), again)
  t.equal(again({ data: [{ id: 'fig-002' }] }), '{"data":[{"id":"fig-002"}]}')
  const withShared = sharedSerializers().factory({ 'x:id': { $id: 'x:id', type: 'integer' } }, {})
  t.equal(withShared(route({ type: 'object', properties: { id: { $ref: 'x:id' } } }))({ id: 7 }), '{"id":7}', 'shared schemas are part of the key')
})

t.test('the API answers byte for byte the same with each distinct schema compiled once, before and after the rest are compiled', async (t) => {
  const plain = await build(t)
  const serializers = sharedSerializers()
  const shared = await build(t, { fastify: { schemaController: { compilersFactory: { buildSerializer: serializers.factory } } } })
  const urls = ['/health', '/v1/figures?limit=3', '/v1/figures/fig-015', '/v1/campaigns?limit=2', '/v1/campaigns/camp-qinglang-2023-self-media',
    '/v1/regulators/reg-cac', '/v1/platforms?limit=2', '/v1/violation-categories?limit=2', '/v1/sources?limit=2', '/v1/search?q=weibo&limit=2',
    '/v1/stats/figures?unit=accounts&group_by=action', '/v1/dataset', '/v1/changes?limit=2', '/v1/figures?sort=nonsense', '/v1/figures/fig-none']
  for (const [i, url] of urls.entries()) {
    if (i === 7) await serializers.compileRest()
    const [a, b] = await Promise.all([plain.inject({ url }), shared.inject({ url })])
    t.equal(b.statusCode, a.statusCode, `${url}: status`)
    t.equal(b.body, a.body, `${url}: body`)
  }
})

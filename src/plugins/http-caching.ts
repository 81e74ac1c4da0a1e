import fp from 'fastify-plugin'
import etag from '@fastify/etag'
import type { FastifyInstance } from 'fastify'

// Public data that changes only with a new dataset release: caches and CDNs may keep it for a while and
// revalidate cheaply with If-None-Match.
export const cacheControl = 'public, max-age=300, stale-while-revalidate=3600'

export default fp(async function httpCaching (app: FastifyInstance) {
  await app.register(etag)
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && reply.statusCode < 400 && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', cacheControl)
    }
    return payload
  })
}, { name: 'http-caching' })

import Fastify, { type FastifyServerOptions } from 'fastify'
import cors from '@fastify/cors'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { defaultAnswerCacheMb } from './config.js'
import { Problem } from './lib/problem.js'
import { OneLinePerRequest } from './lib/request-log.js'
import answerCache, { type AnswerCacheOptions } from './plugins/answer-cache.js'
import database from './plugins/database.js'
import dataset from './plugins/dataset.js'
import httpCaching from './plugins/http-caching.js'
import loadShedding, { type LoadSheddingOptions } from './plugins/load-shedding.js'
import rateLimiting, { type RateLimitOptions } from './plugins/rate-limit.js'
import securityHeaders from './plugins/security-headers.js'
import problems, { sendProblem } from './plugins/problems.js'
import schemas from './plugins/schemas.js'
import swagger from './plugins/swagger.js'
import health from './routes/health.js'
import changes from './routes/v1/changes/index.js'
import datasetRoutes from './routes/v1/dataset/index.js'
import history from './routes/v1/history.js'
import { recordRoutes } from './routes/v1/records.js'
import { resources } from './resources/index.js'
import type { Resource } from './resources/resource.js'
import search from './routes/v1/search/index.js'
import stats from './routes/v1/stats/index.js'

export interface AppOptions {
  /** A migrated and seeded SQLite file; the app opens it read-only. */
  databasePath: string
  fastify?: FastifyServerOptions
  rateLimit?: Partial<RateLimitOptions>
  loadShedding?: Partial<LoadSheddingOptions>
  /** The API's public base URL (PUBLIC_URL): when given, Link headers and search hits carry absolute URLs. */
  publicUrl?: string
  answerCache?: Partial<Omit<AnswerCacheOptions, 'datasetVersion'>>
  /** The resources to serve (src/resources/index.ts); the database must hold their tables. */
  resources?: Resource[]
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Prefixed to the paths the API hands out (Link, search hits): '' keeps them relative. */
    publicUrl: string
  }
}

const maxParamLength = 200

export const requestIdHeader = 'x-request-id'

/** A caller's request id is kept when it looks like one (so it can be traced through a load balancer), else made here. */
export function requestId (request: IncomingMessage): string {
  const given = request.headers[requestIdHeader]
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID()
}

/** The whole API as a Fastify instance that never listens: src/server.ts does that, tests use inject. */
export async function buildApp (options: AppOptions) {
  const app = Fastify({
    bodyLimit: 16 * 1024,
    requestIdHeader: false,
    genReqId: requestId,
    logController: new OneLinePerRequest(),
    ...options.fastify,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength },
    // The router's own refusals (a malformed escape in the path, an over-long id) are problem+json like the rest.
    frameworkErrors: (error, request, reply) => sendProblem(request, reply, error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new Problem(414, `The path is too long: an id has at most ${maxParamLength} characters.`)
      : new Problem(400, 'The URL is malformed (a bad percent-escape?).', { type: 'malformed-url' })),
    // An unknown query parameter is an error, not silently dropped (a typo like `regulater=` must not return everything).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: false } }
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('publicUrl', (options.publicUrl ?? '').replace(/\/+$/, ''))
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(requestIdHeader, request.id)
    done()
  })
  await app.register(loadShedding, { maxEventLoopDelayMs: 1000, maxHeapUsedBytes: 1024 * 1024 * 1024, ...options.loadShedding })
  await app.register(rateLimiting, { max: 600, windowMs: 60_000, ...options.rateLimit })
  await app.register(problems)
  await app.register(securityHeaders)
  const served = options.resources ?? resources
  await app.register(schemas, { resources: served })
  await app.register(database, { path: options.databasePath })
  await app.register(dataset, { path: options.databasePath })
  await app.register(cors, {
    origin: '*',
    strictPreflight: false,
    methods: ['GET', 'HEAD', 'OPTIONS'],
    // Everything a browser client reads: paging, caching, limits, tracing and the CSV file name.
    exposedHeaders: ['Link', 'ETag', 'X-Total-Count', 'X-Request-Id', 'Content-Disposition', 'Retry-After',
      'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Dataset-Version', 'Repr-Digest'],
    maxAge: 86_400
  })
  await app.register(httpCaching)
  // After http-caching: it keeps answers with the ETag and headers that plugin gave them.
  await app.register(answerCache, {
    maxEntries: 10_000, maxBytes: defaultAnswerCacheMb * 1024 * 1024, ...options.answerCache, datasetVersion: `${app.dataset.metadata.version}\n${app.dataset.metadata.digest}`
  })
  await app.register(swagger, { publicUrl: options.publicUrl })

  await app.register(health)
  for (const resource of served) await app.register(recordRoutes(resource), { prefix: `/v1/${resource.path}` })
  await app.register(stats, { prefix: '/v1/stats' })
  await app.register(search, { prefix: '/v1/search' })
  await app.register(datasetRoutes, { prefix: '/v1/dataset' })
  await app.register(changes, { prefix: '/v1/changes' })
  await app.register(history)
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>

import Fastify, { type FastifyServerOptions } from 'fastify'
import cors from '@fastify/cors'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import database from './plugins/database.js'
import httpCaching from './plugins/http-caching.js'
import problems from './plugins/problems.js'
import schemas from './plugins/schemas.js'
import swagger from './plugins/swagger.js'
import health from './routes/health.js'
import campaigns from './routes/v1/campaigns/index.js'
import figures from './routes/v1/figures/index.js'
import platforms from './routes/v1/platforms/index.js'
import regulators from './routes/v1/regulators/index.js'
import search from './routes/v1/search/index.js'
import sources from './routes/v1/sources/index.js'
import stats from './routes/v1/stats/index.js'
import violationCategories from './routes/v1/violation-categories/index.js'

export interface AppOptions {
  /** A migrated and seeded SQLite file; the app opens it read-only. */
  databasePath: string
  fastify?: FastifyServerOptions
}

/** The whole API as a Fastify instance that never listens: src/server.ts does that, tests use inject. */
export async function buildApp (options: AppOptions) {
  const app = Fastify({
    ...options.fastify,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // An unknown query parameter is an error, not silently dropped (a typo like `regulater=` must not return everything).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: false } }
  }).withTypeProvider<TypeBoxTypeProvider>()

  await app.register(problems)
  await app.register(schemas)
  await app.register(database, { path: options.databasePath })
  await app.register(cors, { origin: '*', methods: ['GET', 'HEAD', 'OPTIONS'], exposedHeaders: ['Link', 'ETag', 'X-Total-Count'] })
  await app.register(httpCaching)
  await app.register(swagger)

  await app.register(health)
  await app.register(campaigns, { prefix: '/v1/campaigns' })
  await app.register(figures, { prefix: '/v1/figures' })
  await app.register(regulators, { prefix: '/v1/regulators' })
  await app.register(platforms, { prefix: '/v1/platforms' })
  await app.register(violationCategories, { prefix: '/v1/violation-categories' })
  await app.register(sources, { prefix: '/v1/sources' })
  await app.register(stats, { prefix: '/v1/stats' })
  await app.register(search, { prefix: '/v1/search' })
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>

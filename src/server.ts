import { buildApp } from './app.js'
import type { Config } from './config.js'

/**
 * Serves an already prepared database file until SIGTERM or SIGINT, then finishes in-flight requests and exits.
 * src/main.ts prepares the file once and calls this in each worker.
 */
export async function serve (config: Config, options: { seeded?: boolean } = {}) {
  const app = await buildApp({
    databasePath: config.DATABASE_PATH,
    fastify: {
      logger: { level: config.LOG_LEVEL },
      requestTimeout: 30_000,
      bodyLimit: 16 * 1024
    }
  })
  if (options.seeded) app.log.info({ database: config.DATABASE_PATH }, 'database created and seeded from seed/')

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'closing: finishing in-flight requests')
      app.close().then(() => process.exit(0), (error) => {
        app.log.error(error)
        process.exit(1)
      })
    })
  }

  await app.listen({ port: config.PORT, host: config.HOST })
  return app
}

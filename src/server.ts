import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { prepareDatabase } from './db/prepare.js'

// Starts the API: migrates and seeds the database file when needed, then serves it read-only.
const config = loadConfig()
const { seeded } = prepareDatabase(config.DATABASE_PATH)

const app = await buildApp({
  databasePath: config.DATABASE_PATH,
  fastify: {
    logger: { level: config.LOG_LEVEL },
    requestTimeout: 30_000,
    bodyLimit: 16 * 1024
  }
})
if (seeded) app.log.info({ database: config.DATABASE_PATH }, 'database created and seeded from seed/')

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

import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { openReader, type Sqlite } from '../db/connection.js'
import { checkDatabaseFile } from '../db/integrity.js'

declare module 'fastify' {
  interface FastifyInstance { db: Sqlite }
}

// The app only reads: migrations and the seed run before it starts, on their own writer connection.
export default fp(async function database (app: FastifyInstance, options: { path: string }) {
  checkDatabaseFile(options.path)
  const db = openReader(options.path)
  app.decorate('db', db)
  app.addHook('onClose', async () => { db.close() })
}, { name: 'database' })

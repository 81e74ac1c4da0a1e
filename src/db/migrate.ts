import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { fileURLToPath } from 'node:url'
import type { Sqlite } from './connection.js'

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url))

export function applyMigrations (db: Sqlite): void {
  migrate(drizzle(db), { migrationsFolder })
}

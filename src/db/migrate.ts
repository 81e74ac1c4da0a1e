import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { fromPackageRoot } from '../package-root.js'
import type { Sqlite } from './connection.js'

export const migrationsFolder = fromPackageRoot('migrations')

export function applyMigrations (db: Sqlite, folder = migrationsFolder): void {
  migrate(drizzle(db), { migrationsFolder: folder })
}

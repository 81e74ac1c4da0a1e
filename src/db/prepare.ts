import { openWriter } from './connection.js'
import { applyMigrations } from './migrate.js'
import { loadSeed } from './seed.js'

/** Migrates the database file and, when it is empty, loads seed/. Uses its own writer connection and closes it. */
export function prepareDatabase (path: string, seedFolder?: string): { seeded: boolean } {
  const db = openWriter(path)
  try {
    applyMigrations(db)
    return { seeded: loadSeed(db, seedFolder).loaded }
  } finally {
    db.close()
  }
}

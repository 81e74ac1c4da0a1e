import { openWriter } from './connection.js'
import { checkDatabaseFile, databaseFileExists } from './integrity.js'
import { applyMigrations } from './migrate.js'
import { ensureSearchIndex } from './search-index.js'
import { loadSeed } from './seed.js'

/**
 * Migrates the database file, loads seed/ when it is empty and (re)builds the search index when it is not complete.
 * Uses its own writer connection and closes it.
 */
export function prepareDatabase (path: string, seedFolder?: string): { seeded: boolean } {
  // Never migrate into a file that is corrupt or belongs to something else.
  if (databaseFileExists(path)) checkDatabaseFile(path, { allowMissingTables: true })
  const db = openWriter(path)
  try {
    applyMigrations(db)
    const { loaded } = loadSeed(db, seedFolder)
    ensureSearchIndex(db)
    return { seeded: loaded }
  } finally {
    db.close()
  }
}

import { openWriter } from './connection.js'
import { checkDatabaseFile, databaseFileExists } from './integrity.js'
import { applyMigrations } from './migrate.js'
import { loadSeed, readSeed } from './seed.js'

/** Migrates the database file and, when it is empty, loads seed/. Uses its own writer connection and closes it. */
export function prepareDatabase (path: string, seedFolder?: string): { seeded: boolean } {
  // Never migrate into a file that is corrupt or belongs to something else.
  if (databaseFileExists(path)) checkDatabaseFile(path, { allowMissingTables: true })
  const db = openWriter(path)
  try {
    applyMigrations(db)
    return { seeded: loadSeed(db, seedFolder ? readSeed(seedFolder) : undefined).loaded }
  } finally {
    db.close()
  }
}

import Database from 'better-sqlite3'
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { getTableName, is } from 'drizzle-orm'
import { SQLiteTable } from 'drizzle-orm/sqlite-core'
import * as schema from './schema.js'

/** The tables src/db/schema.ts declares: a file without them is not this API's database. */
export const expectedTables = Object.values(schema).filter((value) => is(value, SQLiteTable)).map((table) => getTableName(table)).sort()

export class DatabaseFileError extends Error {}

const sqliteHeader = Buffer.from('SQLite format 3\0')

function hasSqliteHeader (path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const header = Buffer.alloc(sqliteHeader.length)
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(sqliteHeader)
  } finally {
    closeSync(fd)
  }
}

/**
 * Refuses a database file that is not SQLite at all, or another application's SQLite database, before anything is
 * served from it (or, with `allowMissingTables`, before migrations write into it). With `full`, it also reads every
 * page (PRAGMA quick_check: tens of seconds on a large file), which is done once when a file is built or installed,
 * not at every start (src/db/prepare.ts).
 */
export function checkDatabaseFile (path: string, options: { allowMissingTables?: boolean, full?: boolean } = {}): void {
  if (!existsSync(path)) throw new DatabaseFileError(`Database file ${path} does not exist.`)
  let db: Database.Database | undefined
  try {
    if (!hasSqliteHeader(path)) throw new Error('file is not a database')
    db = new Database(path, { readonly: true, fileMustExist: true })
    const problems = options.full ? (db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>).map((row) => row.quick_check) : ['ok']
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new DatabaseFileError(`Database file ${path} is corrupt (PRAGMA quick_check: ${problems.slice(0, 3).join('; ')}). Restore it from a backup or delete it to rebuild from seed/.`)
    }
    const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((row) => row.name))
    const missing = expectedTables.filter((name) => !present.has(name))
    const ours = present.has('__drizzle_migrations')
    if (options.allowMissingTables ? (!ours && present.size > 0) : missing.length > 0) {
      throw new DatabaseFileError(`Database file ${path} is not a censorship-campaigns-api database (missing tables: ${missing.join(', ')}). Point DATABASE_PATH at the right file, or at a new path to build one from seed/.`)
    }
  } catch (error) {
    if (error instanceof DatabaseFileError) throw error
    throw new DatabaseFileError(`Database file ${path} cannot be read as SQLite (${(error as Error).message}). Point DATABASE_PATH at the right file, or at a new path to build one from seed/.`)
  } finally {
    db?.close()
  }
}

/** Whether there is a file at the path with anything in it (an empty file is what SQLite makes for a new database). */
export function databaseFileExists (path: string): boolean {
  return existsSync(path) && statSync(path).size > 0
}

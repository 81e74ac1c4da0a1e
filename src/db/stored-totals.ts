import { createHash } from 'node:crypto'
import type { Sqlite } from './connection.js'
import type { DbRow } from './queries/sql.js'

// Totals of a large file that are asked most (every measure by every dimension, unfiltered) cost a scan of tens of
// thousands of figures the first time. The file never changes once built, so they are computed when it is built and
// kept in stored_totals, keyed by a digest of the exact statement and parameters that would compute them: a
// question is answered from there only when the statement is the one the server would run, so a change to the
// statement's SQL can make the table useless, never wrong.

export interface Statement { sql: string, params: unknown[] }

/** A digest of the statement and its parameters: the question the totals answer. */
export const questionOf = (statement: Statement) =>
  createHash('sha256').update(JSON.stringify([statement.sql, statement.params])).digest('base64url')

const reads = new WeakMap<Sqlite, ((question: string) => { parts: string } | undefined) | null>()

function readerOf (db: Sqlite) {
  let read = reads.get(db)
  if (read === undefined) {
    const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'stored_totals'").get() !== undefined
    const statement = exists ? db.prepare('SELECT parts FROM stored_totals WHERE question = ?') : undefined
    read = statement ? (question: string) => statement.get(question) as { parts: string } | undefined : null
    reads.set(db, read)
  }
  return read
}

/** What the statement of this question (its `questionOf`) answers, if the file stored it when it was built. */
export function storedParts (db: Sqlite, question: string): DbRow[] | undefined {
  const stored = readerOf(db)?.(question)
  return stored ? JSON.parse(stored.parts) as DbRow[] : undefined
}

/** Runs the statement and stores its answer (with the writer, while the file is built). */
export function storeParts (db: Sqlite, statement: Statement): void {
  const parts = db.prepare(statement.sql).all(...statement.params)
  db.prepare('INSERT OR REPLACE INTO stored_totals (question, parts) VALUES (?, ?)').run(questionOf(statement), JSON.stringify(parts))
}

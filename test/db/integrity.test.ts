import t, { type Test } from 'tap'
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../../src/app.js'
import { checkDatabaseFile, DatabaseFileError } from '../../src/db/integrity.js'
import { prepareDatabase } from '../../src/db/prepare.js'
import { manifestPath } from '../../src/release/downloads.js'
import { build, seededDatabaseCopy } from '../helper.js'

function folder (t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-integrity-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

t.test('the seeded database passes the full check, is one self-contained file, and the serving connection cannot write', async (t) => {
  const app = await build(t)
  t.doesNotThrow(() => checkDatabaseFile(app.db.name, { full: true }))
  // No -wal beside it: the file can be renamed into place, downloaded and opened read-only as it is.
  t.equal(app.db.pragma('journal_mode', { simple: true }), 'delete')
  t.equal(app.db.pragma('query_only', { simple: true }), 1)
  t.throws(() => app.db.prepare("DELETE FROM figures WHERE id = 'fig-001'").run(), /readonly|read-only/i)
})

t.test('a text file is refused, by the check, by the app and before any migration writes to it', async (t) => {
  const path = join(folder(t), 'campaigns.sqlite')
  writeFileSync(path, 'id,name\nfig-001,not a database\n'.repeat(100))
  const before = sha(path)
  t.throws(() => checkDatabaseFile(path), { constructor: DatabaseFileError, message: /cannot be read as SQLite/ })
  t.throws(() => prepareDatabase(path), { message: /cannot be read as SQLite/ })
  await t.rejects(buildApp({ databasePath: path }), { message: /cannot be read as SQLite/ })
  t.equal(sha(path), before, 'the file is untouched')
})

t.test('another application\'s SQLite database is refused, and migrations do not write into it', async (t) => {
  const path = join(folder(t), 'other.sqlite')
  const other = new Database(path)
  other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')")
  other.close()
  const before = sha(path)
  t.throws(() => prepareDatabase(path), { message: /is not a censorship-campaigns-api database/ })
  t.throws(() => checkDatabaseFile(path), { message: /missing tables: campaign_platforms/ })
  await t.rejects(buildApp({ databasePath: path }), { message: /is not a censorship-campaigns-api database/ })
  t.equal(sha(path), before, 'no tables were added to it')
})

t.test('a corrupt database file is refused with a clear message when it is installed (the full check runs once, not at every start)', async (t) => {
  const path = seededDatabaseCopy(folder(t))
  // A file copied in has no record of having been checked: the next start reads every page.
  rmSync(manifestPath(path))
  const bytes = readFileSync(path)
  const pageSize = bytes.readUInt16BE(16)
  // Scribble over a few pages past the schema page: the b-trees no longer parse.
  for (let page = 2; page < Math.min(8, bytes.length / pageSize); page++) bytes.fill(0x5a, page * pageSize + 8, page * pageSize + 200)
  writeFileSync(path, bytes)
  t.throws(() => checkDatabaseFile(path, { full: true }), { constructor: DatabaseFileError, message: /corrupt|cannot be read/ })
  t.throws(() => prepareDatabase(path), { constructor: DatabaseFileError, message: /corrupt|cannot be read/ })
})

t.test('a missing file is refused by the app (the server creates it first, through migrations)', async (t) => {
  await t.rejects(buildApp({ databasePath: join(folder(t), 'nothing.sqlite') }), { message: /does not exist/ })
})

import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openReader, openWriter } from '../../src/db/connection.js'
import { prepareDatabase } from '../../src/db/prepare.js'
import { fixtureSeedFolder, seededDatabaseCopy } from '../helper.js'

const tables: Record<string, string> = {
  campaign: 'campaigns', regulator: 'regulators', platform: 'platforms', violation_category: 'violation_categories',
  source: 'sources', figure: 'figures'
}

function databaseCopy (t: { teardown: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-search-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return seededDatabaseCopy(dir, 'fixture')
}

const records = (path: string) => Object.values(tables).reduce((sum, table) => sum + count(path, `SELECT count(*) AS n FROM ${table}`), 0)

const read = <T>(path: string, sql: string, ...params: unknown[]): T => {
  const db = openReader(path)
  try {
    return db.prepare(sql).get(...params) as T
  } finally {
    db.close()
  }
}
const count = (path: string, sql: string, ...params: unknown[]) => read<{ n: number }>(path, sql, ...params).n
const write = (path: string, sql: string) => {
  const db = openWriter(path)
  db.exec(sql)
  db.close()
}

t.test('the index holds one document per record, of each type, and each title once more for ranking', async (t) => {
  const path = databaseCopy(t)
  for (const [type, table] of Object.entries(tables)) {
    t.equal(count(path, 'SELECT count(*) AS n FROM search_index WHERE type = ?', type), count(path, `SELECT count(*) AS n FROM ${table}`), type)
  }
  const all = records(path)
  t.equal(count(path, 'SELECT count(*) AS n FROM search_index'), all, 'no other document')
  t.equal(count(path, 'SELECT count(*) AS n FROM search_titles'), all)
  t.equal(count(path, 'SELECT count(*) AS n FROM search_index i JOIN search_titles s ON s.rowid = i.rowid AND s.title = i.title'), all)
})

t.test('an index that is missing or incomplete is rebuilt when the database is prepared', async (t) => {
  const path = databaseCopy(t)
  const before = read(path, 'SELECT type, id, title, body FROM search_index WHERE id = ?', 'camp-fx-2023-self-media')
  write(path, 'DELETE FROM search_index; DELETE FROM search_titles')
  t.equal(count(path, 'SELECT count(*) AS n FROM search_index'), 0)
  prepareDatabase(path, fixtureSeedFolder)
  t.equal(count(path, 'SELECT count(*) AS n FROM search_index'), records(path))
  t.same(read(path, 'SELECT type, id, title, body FROM search_index WHERE id = ?', 'camp-fx-2023-self-media'), before)

  write(path, "DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_titles LIMIT 5)")
  prepareDatabase(path, fixtureSeedFolder)
  t.equal(count(path, 'SELECT count(*) AS n FROM search_titles'), records(path), 'a titles table out of step is rebuilt too')
  t.equal(count(path, "SELECT count(*) AS n FROM search_index WHERE search_index MATCH '\"自\u200B媒\u200B体\"'"), 4,
    'the four fixture records that hold 自媒体')
})

t.test('a complete index is left as it is', async (t) => {
  const path = databaseCopy(t)
  write(path, "UPDATE search_index SET body = 'marker' WHERE id = 'reg-fx-cyber'")
  prepareDatabase(path, fixtureSeedFolder)
  t.equal(read<{ body: string }>(path, "SELECT body FROM search_index WHERE id = 'reg-fx-cyber'").body, 'marker', 'not rebuilt on every start')
})

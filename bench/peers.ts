import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

// Platformatic DB 2.x, the general-purpose peer npm run bench measures the API against: auto-REST over SQLite on
// Fastify. Installed on demand into bench/peers/node_modules from bench/peers/package-lock.json, never a
// dependency of the API. It refuses a text primary key (the API's tables have one), so it serves a file of its own
// holding the same figures rows and the same figure indexes, with the SQLite rowid as an integer key `pk`.

export const peersFolder = fileURLToPath(new URL('peers/', import.meta.url))
export const platformaticEntry = join(peersFolder, 'node_modules/@platformatic/db/db.mjs')
export const platformaticConfig = join(peersFolder, 'platformatic.json')

export function installPeers (): void {
  if (existsSync(platformaticEntry)) return
  console.log('installing the peers (npm ci --prefix bench/peers)...')
  execFileSync('npm', ['ci', '--prefix', peersFolder, '--no-audit', '--no-fund'], { stdio: 'inherit' })
}

/** data/peer-<file>: the figures of a bench database, rebuilt when the bench database is newer. */
export function peerDatabase (benchDatabase: string): string {
  const path = resolve('data', `peer-${basename(benchDatabase)}`)
  if (existsSync(path) && statSync(path).mtimeMs > statSync(benchDatabase).mtimeMs) return path
  mkdirSync('data', { recursive: true })
  const building = `${path}.building`
  rmSync(building, { force: true })
  const db = new Database(building)
  db.exec(`ATTACH DATABASE '${benchDatabase.replaceAll("'", "''")}' AS bench`)
  const { sql } = db.prepare("SELECT sql FROM bench.sqlite_master WHERE type = 'table' AND name = 'figures'").get() as { sql: string }
  const columns = sql.slice(sql.indexOf('(') + 1).replace(/,\s*FOREIGN KEY[\s\S]*$/, '').replace(/\)\s*$/, '')
    .replace('`id` text PRIMARY KEY NOT NULL', '`id` text NOT NULL UNIQUE')
  db.exec(`CREATE TABLE figures (pk integer PRIMARY KEY, ${columns})`)
  const names = (db.prepare("SELECT name FROM pragma_table_info('figures') WHERE name <> 'pk'").pluck().all() as string[])
    .map((name) => `"${name}"`).join(', ')
  db.exec(`INSERT INTO figures (pk, ${names}) SELECT rowid, ${names} FROM bench.figures ORDER BY rowid`)
  const indexes = db.prepare("SELECT sql FROM bench.sqlite_master WHERE type = 'index' AND tbl_name = 'figures' AND sql IS NOT NULL")
    .pluck().all() as string[]
  // Detached first: the bench file is only read (an ANALYZE of every schema would write its statistics).
  db.exec('DETACH DATABASE bench')
  for (const index of indexes) db.exec(index)
  db.exec('ANALYZE main')
  db.close()
  renameSync(building, path)
  return path
}

/** The peer's integer key of a figure. */
export function peerKey (peerPath: string, figureId: string): number {
  const db = new Database(peerPath, { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT pk FROM figures WHERE id = ?').pluck().get(figureId) as number
  } finally {
    db.close()
  }
}

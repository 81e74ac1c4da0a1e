import Database from 'better-sqlite3'
import { eq, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { prepareDatabase } from '../src/db/prepare.js'
import { figures as figureTable } from '../src/db/schema.js'
import { figures } from '../src/resources/figures.js'

// Issue 11 asks whether drizzle's query builder, prepared once, reads records as fast as the hand-built SQL the
// resource descriptions generate. Both read the same figures by id on the seed database, in turns.
// Run: npx tsx bench/drizzle-select.ts [--db PATH] [--rounds 5] [--reads 20000]

const arg = (name: string, fallback: string) => { const i = process.argv.indexOf(`--${name}`); return i === -1 ? fallback : process.argv[i + 1] }
let path = arg('db', '')
let dir: string | undefined
if (!path) {
  dir = mkdtempSync(join(tmpdir(), 'drizzle-bench-'))
  path = join(dir, 'seed.sqlite')
  prepareDatabase(path)
}
const db = new Database(path, { readonly: true })
const ids = (db.prepare('SELECT id FROM figures ORDER BY id LIMIT 1000').all() as Array<{ id: string }>).map((r) => r.id)
const reads = Number(arg('reads', '20000'))

const described = db.prepare(`SELECT ${figures.list.select} FROM ${figures.list.from} WHERE f.id = ?`)
const orm = drizzle(db)
const platformIds = sql<string>`(SELECT json_group_array(platform_id) FROM (SELECT platform_id FROM figure_platforms WHERE figure_id = ${figureTable.id} ORDER BY position))`
const alsoReportedBy = sql<string>`(SELECT json_group_array(source_id) FROM (SELECT source_id FROM figure_also_reported_by WHERE figure_id = ${figureTable.id} ORDER BY position))`
const drizzleQuery = orm.select({ figure: figureTable, platformIds, alsoReportedBy }).from(figureTable)
  .where(eq(figureTable.id, sql.placeholder('id'))).prepare()

const timeIt = (name: string, read: (id: string) => unknown) => {
  const start = process.hrtime.bigint()
  for (let i = 0; i < reads; i++) read(ids[i % ids.length])
  const ns = Number(process.hrtime.bigint() - start)
  return { name, usPerRead: ns / reads / 1000 }
}

// Both read the row and turn it into the API's record (lists parsed); `row only` is the statement alone.
const results: Record<string, number[]> = { described: [], described_row_only: [], drizzle: [] }
for (let round = 0; round < Number(arg('rounds', '5')); round++) {
  results.described.push(timeIt('described', (id) => figures.list.map(described.get(id) as Record<string, unknown>)).usPerRead)
  results.described_row_only.push(timeIt('described row', (id) => described.get(id)).usPerRead)
  results.drizzle.push(timeIt('drizzle', (id) => {
    const row = drizzleQuery.get({ id })!
    return { ...row.figure, platform_ids: JSON.parse(row.platformIds) as string[], also_reported_by: JSON.parse(row.alsoReportedBy) as string[] }
  }).usPerRead)
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
console.log(JSON.stringify({ reads, figures: ids.length, ...Object.fromEntries(Object.entries(results).map(([k, v]) => [`${k}_us`, Number(median(v).toFixed(1))])) }))
db.close()
if (dir) rmSync(dir, { recursive: true, force: true })

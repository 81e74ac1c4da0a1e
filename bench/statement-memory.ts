import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { buildApp } from '../src/app.js'
import { prepareDatabase } from '../src/db/prepare.js'
import { figures } from '../src/resources/figures.js'

// npm run bench:statement-memory: what a prepared statement holds in SQLite's memory, which better-sqlite3 cannot
// report, against the length of its SQL (src/db/list-query.ts bounds the statement cache by that estimate). The app
// makes the SQL of 200 distinct pages of figures and 200 distinct totals; a fresh process, whose allocator has freed
// nothing it could reuse, prepares them all and reads its RSS before and after.
const measured = process.argv[2]
if (measured) {
  const { path, shapes } = JSON.parse(readFileSync(measured, 'utf8')) as { path: string, shapes: Record<string, string[]> }
  const db = new Database(path, { readonly: true })
  const kept = []
  for (const [kind, sqls] of Object.entries(shapes)) {
    const rss = () => { globalThis.gc?.(); return process.memoryUsage().rss }
    const before = rss()
    for (const sql of sqls) kept.push(db.prepare(sql))
    const held = rss() - before
    const characters = sqls.reduce((sum, sql) => sum + sql.length, 0)
    console.log(JSON.stringify({ kind, statements: sqls.length, meanSqlCharacters: Math.round(characters / sqls.length),
      kbPerStatement: Math.round(held / sqls.length / 102.4) / 10, bytesPerSqlCharacter: Math.round(held / characters * 10) / 10 }))
  }
  process.exit(0)
}

const dir = mkdtempSync(join(tmpdir(), 'statement-memory-'))
const path = join(dir, 'seed.sqlite')
prepareDatabase(path)
const app = await buildApp({ databasePath: path, fastify: { logger: false }, answerCache: { maxBytes: 0 } })
await app.ready()
const shapes: Record<string, Set<string>> = { 'page of figures': new Set(), totals: new Set() }
let asking = shapes['page of figures']
const prepare = app.db.prepare.bind(app.db)
app.db.prepare = ((sql: string) => { asking.add(sql); return prepare(sql) }) as typeof app.db.prepare
const fields = Object.keys(figures.sort)
const filters = ['min_value=1', 'unit=accounts', 'qualifier=over', 'from=2019', 'preferred=true', 'regulator=reg-cac', 'platform=plat-weibo']
for (let i = 0; asking.size < 200; i++) {
  const second = fields[(i + 1 + Math.floor(i / 2) % (fields.length - 1)) % fields.length]
  await app.inject({ url: `/v1/figures?sort=${i % 2 ? '-' : ''}${fields[i % fields.length]},${second}&${filters[Math.floor(i / 40) % filters.length]}&limit=5` })
}
asking = shapes.totals
const dimensions = ['year', 'regulator', 'platform', 'campaign', 'source', 'month', 'qualifier', 'violation_category']
for (let i = 0; asking.size < 200; i++) {
  const groupBy = `unit,action,${dimensions[i % 8]},${dimensions[Math.floor(i / 8) % 8]}`
  await app.inject({ url: `/v1/stats/figures?group_by=${groupBy}&${filters[Math.floor(i / 64) % filters.length]}` })
}
await app.close()
const file = join(dir, 'shapes.json')
writeFileSync(file, JSON.stringify({ path, shapes: Object.fromEntries(Object.entries(shapes).map(([kind, sqls]) => [kind, [...sqls]])) }))
spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), file], { stdio: 'inherit' })
rmSync(dir, { recursive: true, force: true })

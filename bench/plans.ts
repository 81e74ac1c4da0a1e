import Database from 'better-sqlite3'
import { parseArgs } from 'node:util'
import { countPlanOf, documentedQueries, planOf, slowStepsOf } from '../test/db/documented-queries.js'

// npm run bench:plans -- --db PATH: the query plan of each documented list query on a database (and of its count, when
// the README asks for its total), flagging a full scan or a sort.
// npm run bench:plans -- --db PATH --stats: the database's planner statistics (sqlite_stat1, written by ANALYZE) as
// test/db/million-figure-stats.ts holds them, to refresh that file from a million-figure database after an index change.
const { values: args } = parseArgs({ options: { db: { type: 'string', default: 'data/bench-1000000.sqlite' }, stats: { type: 'boolean', default: false } } })
const db = new Database(args.db, { readonly: true, fileMustExist: true })
if (args.stats) {
  const rows = db.prepare('SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx').raw().all() as Array<[string, string | null, string]>
  console.log(rows.map((row) => `  ${JSON.stringify(row).replaceAll('","', '\', \'').replaceAll('"', '\'').replace(/^\[/, '[ ').replace(/\]$/, ' ]')}`).join(',\n'))
  process.exit(0)
}
for (const query of documentedQueries) {
  console.log(`${query.name}${slowStepsOf(db, query).length ? '   <-- full scan, sort or rows read to count' : ''}`)
  for (const step of planOf(db, query)) console.log(`    ${step.topLevel ? '' : '  '}${step.detail}`)
  if (query.total) for (const step of countPlanOf(db, query)) console.log(`    count: ${step.topLevel ? '' : '  '}${step.detail}`)
}

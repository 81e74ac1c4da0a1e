import Database from 'better-sqlite3'
import { parseArgs } from 'node:util'
import { documentedQueries, planOf, slowSteps } from '../test/db/documented-queries.js'

// npm run bench:plans -- --db PATH: the query plan of each documented list query on a database, and its first page's time.
const { values: args } = parseArgs({ options: { db: { type: 'string', default: 'data/bench-1000000.sqlite' } } })
const db = new Database(args.db, { readonly: true, fileMustExist: true })
for (const query of documentedQueries) {
  const plan = planOf(db, query)
  const alias = query.spec.from.split(' ')[1]
  console.log(`${query.name}${slowSteps(plan, alias).length ? '   <-- full scan or sort' : ''}`)
  for (const step of plan) console.log(`    ${step.topLevel ? '' : '  '}${step.detail}`)
}

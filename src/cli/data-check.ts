import { parseArgs } from 'node:util'
import { seedFolder } from '../db/seed.js'
import { checkSeed, formatProblem } from '../release/check.js'

// `npm run data:check [-- --seed folder]`: every problem in seed/, one a line; exits 1 when there is any.
const { values } = parseArgs({ options: { seed: { type: 'string', default: seedFolder } } })
const problems = checkSeed(values.seed)
for (const problem of problems) console.log(formatProblem(problem))
if (problems.length) {
  console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${values.seed}`)
  process.exit(1)
}
console.log(`${values.seed}: no problems`)

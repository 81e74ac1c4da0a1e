import t from 'tap'
import { build } from '../helper.js'
import { documentedQueries, planOf, slowSteps } from './documented-queries.js'

// SQLite plans a query the same way on the seed as on a million rows (no ANALYZE statistics): a plan that reads a
// table whole here does so at any size. bench/plans.ts prints the same plans for the large database.
t.test('every documented sort and question-table list reads an index in order or through its filter, never a whole table', async (t) => {
  const app = await build(t)
  for (const query of documentedQueries) {
    const plan = planOf(app.db, query)
    t.same(slowSteps(plan, query.spec.from.split(' ')[1]), [], `${query.url}\n${plan.map((step) => step.detail).join('\n')}`)
  }
})

t.test('the check does catch a full scan and a sort', async (t) => {
  t.same(slowSteps([{ detail: 'SCAN f', topLevel: true }, { detail: 'USE TEMP B-TREE FOR ORDER BY', topLevel: true }], 'f'),
    ['SCAN f', 'USE TEMP B-TREE FOR ORDER BY'])
  t.same(slowSteps([{ detail: 'SCAN f USING INDEX figures_campaign_idx', topLevel: false }], 'c'), ['SCAN f USING INDEX figures_campaign_idx'])
  t.same(slowSteps([{ detail: 'SCAN f USING INDEX figures_value_sort_idx', topLevel: true }], 'f'), [])
})

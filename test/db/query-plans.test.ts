import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWriter } from '../../src/db/connection.js'
import { build, seededDatabaseCopy } from '../helper.js'
import { documentedQueries, slowCountSteps, slowSteps, slowStepsOf } from './documented-queries.js'
import { millionFigureStats } from './million-figure-stats.js'

// Without ANALYZE statistics (a database built from seed/), SQLite plans a query the same way on the seed as on a
// million rows: a plan that reads a table whole here does so at any size.
t.test('every documented sort and question-table list reads an index in order or through its filter, never a whole table', async (t) => {
  const app = await build(t)
  for (const query of documentedQueries) t.same(slowStepsOf(app.db, query), [], query.url)
})

// A million-figure database built by bench/data.ts has statistics (ANALYZE), and they change the plans: the README's
// questions once read every figure of a platform (5 s) or sorted every figure of a regulator (0.6 s) there only.
// The seed database given that file's row counts is planned as that file is (https://sqlite.org/fileformat2.html#stat1tab).
t.test('with the statistics of a million-figure database, the same queries are planned the same way', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-plans-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const db = openWriter(seededDatabaseCopy(dir))
  t.teardown(() => db.close())
  db.exec('ANALYZE')
  // Only the million-figure file's row counts (sqlite_stat1): the seed's own samples of key values (sqlite_stat4) go.
  db.exec('DELETE FROM sqlite_stat1')
  db.exec('DELETE FROM sqlite_stat4')
  const insert = db.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)')
  for (const row of millionFigureStats) insert.run(...row)
  db.exec('ANALYZE sqlite_schema')
  t.ok(millionFigureStats.some(([table]) => table === 'figures'))
  for (const query of documentedQueries) t.same(slowStepsOf(db, query), [], query.url)
})

t.test('the check does catch a full scan, a sort, and a count that reads rows', async (t) => {
  t.same(slowSteps([{ detail: 'SCAN f', topLevel: true }, { detail: 'USE TEMP B-TREE FOR ORDER BY', topLevel: true }], 'f'),
    ['SCAN f', 'USE TEMP B-TREE FOR ORDER BY'])
  t.same(slowSteps([{ detail: 'SCAN f USING INDEX figures_campaign_idx', topLevel: false }], 'c'), ['SCAN f USING INDEX figures_campaign_idx'])
  t.same(slowSteps([{ detail: 'SCAN f USING INDEX figures_value_sort_idx', topLevel: true }], 'f'), [])
  const sortedAfterFilter = [{ detail: 'SEARCH f USING INDEX figures_campaign_idx (campaign_id=?)', topLevel: true },
    { detail: 'USE TEMP B-TREE FOR ORDER BY', topLevel: true }]
  t.same(slowSteps(sortedAfterFilter, 'f'), [], 'a few matches found through a filter may be sorted')
  t.same(slowSteps(sortedAfterFilter, 'f', { inOrder: true }), ['USE TEMP B-TREE FOR ORDER BY'], 'many may not')
  t.same(slowCountSteps([{ detail: 'SEARCH f USING INDEX figures_campaign_idx (campaign_id=?)', topLevel: true }], 'f'),
    ['SEARCH f USING INDEX figures_campaign_idx (campaign_id=?)'])
  t.same(slowCountSteps([{ detail: 'SEARCH f USING COVERING INDEX figures_unit_first_day_idx (unit=? AND <expr>>?)', topLevel: true }], 'f'), [])
})

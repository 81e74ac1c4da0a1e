import t from 'tap'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWriter } from '../../src/db/connection.js'
import { buildStoredTotals } from '../../src/db/queries/stats.js'
import { build, seededDatabaseCopy } from '../helper.js'

// The totals a large file stores when it is built (every measure by every dimension) must be the totals the server
// would compute. On the seed no measure reaches the 10,000 figures that make storing worth it, so here every measure
// is stored, and each stored question is asked of a server on that file and of one on the same data without them.

const dir = mkdtempSync(join(tmpdir(), 'stored-totals-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))

function storedCopy (name: string, change?: (parts: string) => string) {
  mkdirSync(join(dir, name))
  const path = seededDatabaseCopy(join(dir, name))
  const db = openWriter(path)
  const { questions } = buildStoredTotals(db, { minFigures: 1 })
  if (change) {
    for (const { question, parts } of db.prepare('SELECT question, parts FROM stored_totals').all() as Array<{ question: string, parts: string }>) {
      db.prepare('UPDATE stored_totals SET parts = ? WHERE question = ?').run(change(parts), question)
    }
  }
  db.pragma('journal_mode = DELETE')
  db.close()
  return { path, questions }
}

const stored = storedCopy('stored')
const live = await build(t)
const fromStore = await build(t, { databasePath: stored.path })

const measures = (await live.inject({ url: '/v1/stats/figures?group_by=unit,action' })).json().data as Array<{ unit: string, action: string | null }>
const additive = measures.filter((m) => m.action !== null)
const dimensions = ['', 'year', 'month', 'violation_category', 'qualifier', 'regulator', 'platform']
const grouped = (first: string, d: string) => [first, d].filter(Boolean).join(',')
const questions = [
  ...additive.flatMap((m) => dimensions.map((d) => `unit=${m.unit}&action=${m.action}${d ? `&group_by=${d}` : ''}`)),
  ...[...new Set(additive.map((m) => m.unit))].flatMap((unit) => dimensions.map((d) => `unit=${unit}&group_by=${grouped('action', d)}`)),
  ...dimensions.map((d) => `group_by=${grouped('unit,action', d)}`)
]

t.test('a stored total is the total the server computes, rows, sums and account alike', async (t) => {
  t.ok(stored.questions >= questions.length, `${stored.questions} questions stored, ${questions.length} asked`)
  for (const question of questions) {
    const [expected, actual] = await Promise.all([live, fromStore].map((app) => app.inject({ url: `/v1/stats/figures?${question}` })))
    t.equal(actual.statusCode, 200, question)
    t.same(actual.json(), expected.json(), question)
  }
})

t.test('the stored totals are what the server answers with, not a copy it ignores', async (t) => {
  // Every stored sum raised by one: a server reading them answers with the raised sums.
  const raised = storedCopy('raised', (parts) => JSON.stringify((JSON.parse(parts) as Array<{ part: string, sum: number }>)
    .map((part) => part.part === 'added' ? { ...part, sum: part.sum + 1 } : part)))
  const app = await build(t, { databasePath: raised.path })
  const question = `/v1/stats/figures?unit=${additive[0].unit}&action=${additive[0].action}&group_by=year`
  const [expected, actual] = await Promise.all([live, app].map(async (a) => (await a.inject({ url: question })).json().data as Array<{ sum: number }>))
  t.same(actual.map((row) => row.sum), expected.map((row) => row.sum + 1))
  const filtered = `${question}&qualifier=over`
  t.same((await app.inject({ url: filtered })).json(), (await live.inject({ url: filtered })).json(), 'a question not stored is computed')
})

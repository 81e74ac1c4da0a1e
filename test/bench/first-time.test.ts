import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildBenchDatabase } from '../../bench/data.js'
import { listQuestions, readBenchValues, statsQuestions } from '../../bench/first-time.js'
import { buildApp } from '../../src/app.js'

// npm run bench asks these questions of the million-figure file once each: they must be distinct (or a cache would
// answer) and every one a 200 (a 400 is fast, and would pass for a fast answer).
t.test('the first-time questions of npm run bench are distinct and all answer 200', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-bench-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'bench.sqlite')
  buildBenchDatabase({ path, figures: 3000 })
  const values = readBenchValues(path)
  t.ok(values.measures.length > 0 && values.regulators.length > 0 && values.years.length > 0, 'values are read from the file')

  const list = listQuestions(values, 200)
  const stats = statsQuestions(values, 200)
  for (const [name, urls, count] of [['list', list, 200], ['stats alone', stats.alone, 200], ['stats, one filter', stats.oneFilter, 200],
    ['stats by campaign or source', stats.perRecord, 8]] as const) {
    t.equal(urls.length, count, `${name}: ${count} questions`)
    t.equal(new Set(urls).size, urls.length, `${name}: no URL repeats`)
  }
  t.ok(stats.oneFilter.every((url) => /&(regulator|platform|violation_category|from|qualifier)=[^&]+$/.test(url)), 'one filter each')

  const app = await buildApp({ databasePath: path, rateLimit: { max: 1_000_000 }, loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 } })
  t.teardown(() => app.close())
  const failed: string[] = []
  for (const url of [...list, ...stats.alone, ...stats.oneFilter, ...stats.perRecord]) {
    const response = await app.inject({ url })
    if (response.statusCode !== 200) failed.push(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`)
  }
  t.same(failed, [], 'every question answers 200')
})

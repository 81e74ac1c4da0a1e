import t from 'tap'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildBenchDatabase } from '../../bench/data.js'
import { buildApp } from '../../src/app.js'
import { readSeed } from '../../src/db/seed.js'

const seed = readSeed()
import { prepareDatabase } from '../../src/db/prepare.js'

t.test('bench:data builds a synthetic database around the seed, and the app serves it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-bench-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'bench.sqlite')
  const result = buildBenchDatabase({ path, figures: 2000 })
  t.equal(result.figures, seed.figures.length + 2000)

  const db = new Database(path, { readonly: true })
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
  t.equal(count('SELECT count(*) AS n FROM figures'), seed.figures.length + 2000, 'the seed figures and the synthetic ones')
  t.equal(count("SELECT count(*) AS n FROM figures WHERE id LIKE 'fig-syn-%'"), 2000)
  t.equal(count("SELECT count(*) AS n FROM figures WHERE id = 'fig-001'"), 1, 'public ids are kept')
  t.equal(count('SELECT count(*) AS n FROM campaigns'), result.campaigns)
  t.equal(count('SELECT count(*) AS n FROM sources'), result.sources)
  t.ok(result.campaigns > seed.campaigns.length && result.sources > seed.sources.length, 'campaigns and sources grow with the figures')
  t.equal(count(`SELECT count(*) AS n FROM figures f WHERE NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = f.campaign_id)
    OR NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = f.source_id)`), 0, 'every reference resolves')
  db.close()

  const app = await buildApp({ databasePath: path })
  t.teardown(() => app.close())
  t.same((await app.inject({ url: '/health' })).json(), { status: 'ok', figures: seed.figures.length + 2000, campaigns: result.campaigns })
  const detail = await app.inject({ url: '/v1/figures/fig-syn-0001000' })
  t.equal(detail.statusCode, 200)
  t.equal(detail.json().data.id, 'fig-syn-0001000')
  const page = await app.inject({ url: '/v1/figures?unit=accounts&limit=10' })
  t.equal(page.json().data.length, 10)
  const stats = await app.inject({ url: '/v1/stats/figures?unit=accounts&action=closed&group_by=year' })
  t.equal(stats.statusCode, 200)
  t.equal((await app.inject({ url: '/v1/dataset' })).json().data.version, 'synthetic.2000')

  const prepared = prepareDatabase(path)
  t.same([prepared.seeded, prepared.prebuilt], [false, true], 'a start serves it as it is, never rebuilt from seed/')
})

t.test('building the same size twice gives the same data', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-bench-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const rows = (path: string) => {
    buildBenchDatabase({ path, figures: 300 })
    const db = new Database(path, { readonly: true })
    const all = db.prepare('SELECT * FROM figures ORDER BY id').all()
    db.close()
    return all
  }
  t.same(rows(join(dir, 'a.sqlite')), rows(join(dir, 'b.sqlite')))
})

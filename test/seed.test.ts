import t from 'tap'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openReader } from '../src/db/connection.js'
import { prepareDatabase } from '../src/db/prepare.js'
import { readSeed, seedFolder } from '../src/db/seed.js'
import { build, fixtureSeedFolder } from './helper.js'

function temporaryFolder (t: { teardown: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-seed-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

const count = (path: string, table: string) => {
  const db = openReader(path)
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

t.test('the whole seed loads, once: a second start reuses the file and loads nothing twice', async (t) => {
  const path = join(temporaryFolder(t), 'campaigns.sqlite')
  t.match(prepareDatabase(path), { seeded: true })
  t.match(prepareDatabase(path), { seeded: false })
  const seed = readSeed(seedFolder)
  t.same(
    Object.fromEntries(['sources', 'regulators', 'owners', 'platforms', 'violation_categories', 'campaigns', 'figures']
      .map((table) => [table, count(path, table)])),
    {
      sources: seed.sources.length, regulators: seed.regulators.length, owners: seed.owners.length, platforms: seed.platforms.length,
      violation_categories: seed.violationCategories.length, campaigns: seed.campaigns.length, figures: seed.figures.length
    },
    'one row per record of each seed file'
  )
})

t.test('the May 2023 report: each figure with the qualifier the source used', async (t) => {
  const app = await build(t)
  const figure = async (id: string) => (await app.inject({ url: `/v1/figures/${id}` })).json().data
  const expected: Array<[string, number | null, string, string, string]> = [
    ['fig-001', 1400000, 'none', 'posts', 'deleted'],
    ['fig-002', 67000, 'none', 'accounts', 'closed_permanently'],
    ['fig-003', null, 'vague', 'posts', 'deleted'],
    ['fig-004', 8000, 'almost', 'accounts', 'closed_permanently'],
    ['fig-005', 930000, 'around', 'accounts', 'lesser_penalties'],
    ['fig-006', 100000, 'over', 'accounts', 'closed'],
    ['fig-007', 13000, 'almost', 'accounts', 'targeted'],
    ['fig-008', 25000, 'around', 'accounts', 'targeted'],
    ['fig-009', 187000, 'almost', 'accounts', 'punished'],
    ['fig-010', 430000, 'over', 'accounts', 'targeted'],
    ['fig-011', 45000, 'around', 'accounts', 'closed']
  ]
  for (const [id, value, qualifier, unit, action] of expected) {
    const f = await figure(id)
    t.same([f.value, f.qualifier, f.unit, f.action], [value, qualifier, unit, action], id)
    t.equal(f.source.id, 'src-seed-gadgets360-2023-05-27', `${id} cites the Reuters report`)
  }
  const reuters67k = await figure('fig-002')
  t.equal(reuters67k.same_fact_as, 'fig-015', "Reuters' 67,000 is the same fact as Xinhua's 6.66万余")
  const xinhua = await figure('fig-015')
  t.same([xinhua.value, xinhua.value_text, xinhua.qualifier], [66600, '6.66万余个', 'over'])
  t.equal((await figure('fig-004')).subset_of, 'fig-002', 'the 8,000 rumour accounts are part of the 67,000')
  t.equal((await figure('fig-003')).value_text, 'hundreds of thousands')
})

// The refusals are shown on a copy of the fixture dataset (test/fixtures/seed/), whose records these tests control.
function seedCopy (t: { teardown: (fn: () => void) => void }): string {
  const dir = temporaryFolder(t)
  cpSync(fixtureSeedFolder, dir, { recursive: true })
  return dir
}

const replaceOnce = (path: string, from: string, to: string) => {
  const text = readFileSync(path, 'utf8')
  if (text.split(from).length !== 2) throw new Error(`${path}: "${from}" is not in the fixture exactly once`)
  writeFileSync(path, text.replace(from, to))
}

t.test('a bad seed file stops the load with file, record id and field, and writes nothing', async (t) => {
  const folder = seedCopy(t)
  const figures = join(folder, 'figures.yaml')
  replaceOnce(figures, '  unit: cases\n', '  unit: bananas\n')
  const path = join(temporaryFolder(t), 'campaigns.sqlite')
  t.throws(() => prepareDatabase(path, folder), { name: 'SeedError', message: /figures\.yaml: fig-013: field "unit": must be equal to one of the allowed values/ })
  t.notOk(existsSync(path), 'no database file was put in place (the build ran in a temporary file, now removed)')
})

t.test('a figure that cites an unknown source is refused, naming the field and the id', async (t) => {
  const folder = seedCopy(t)
  const figures = join(folder, 'figures.yaml')
  replaceOnce(figures, '  source_id: src-fx-notes-undated\n', '  source_id: src-nowhere\n')
  t.throws(() => prepareDatabase(join(temporaryFolder(t), 'db.sqlite'), folder),
    /figures\.yaml: fig-009: field "source_id": refers to unknown id "src-nowhere"/)
})

t.test('a figure without a value must say the source gave only words', async (t) => {
  const folder = seedCopy(t)
  const figures = join(folder, 'figures.yaml')
  replaceOnce(figures, '  value: 500\n', '  value: null\n')
  t.throws(() => prepareDatabase(join(temporaryFolder(t), 'db.sqlite'), folder),
    /fig-009: field "value": may be null only when qualifier is "vague"/)
})

t.test('an id used twice is refused', async (t) => {
  const folder = seedCopy(t)
  const regulators = join(folder, 'regulators.yaml')
  replaceOnce(regulators, '- id: reg-fx-police', '- id: reg-fx-cyber')
  t.throws(() => prepareDatabase(join(temporaryFolder(t), 'db.sqlite'), folder), /regulators\.yaml: reg-fx-cyber: field "id": is used twice/)
})

import t from 'tap'
import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { seedFolder } from '../../src/db/seed.js'
import { checkSeed, formatProblem } from '../../src/release/check.js'
import { addToRecord, editRecord, seedCopy } from './seed-copy.js'

t.test('seed/ as committed has no problem (npm run data:check passes)', async (t) => {
  t.same(checkSeed(seedFolder).map(formatProblem), [])
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/data-check.ts'], { encoding: 'utf8' })
  t.match(output, /no problems/)
})

t.test('five planted mistakes in three files are all listed, each with file, line, record id and field', async (t) => {
  const { seed } = seedCopy(t)
  const figures = parse(readFileSync(join(seed, 'figures.yaml'), 'utf8')) as Array<Record<string, unknown>>
  const fig = (id: string) => figures.find((f) => f.id === id)!
  // 1. a figure dated after the source that reports it
  const asOfLine = addToRecord(seed, 'figures.yaml', 'fig-001', "as_of: '2099-01'")
  // 2. a unit that is not in the vocabulary
  const unitLine = editRecord(seed, 'figures.yaml', 'fig-004', `unit: ${String(fig('fig-004').unit)}`, 'unit: acounts')
  // 3. a reference to a figure that does not exist
  const subsetLine = editRecord(seed, 'figures.yaml', 'fig-004', `subset_of: ${String(fig('fig-004').subset_of)}`, 'subset_of: fig-9999')
  // 4. a campaign window that ends before it starts
  const windowLine = editRecord(seed, 'campaigns.yaml', 'camp-2018-self-media', "from: '2018-10-20'", "from: '2018-10-20'\nto: '2017-01'") + 1
  // 5. an id used twice, across files: a source that takes a regulator's id pattern is refused, so repeat a source id
  const sources = readFileSync(join(seed, 'sources.yaml'), 'utf8').split('\n')
  const duplicateLine = sources.length + 1
  appendFileSync(join(seed, 'sources.yaml'), '\n- id: src-slashdot-2023-05-28\n  title: t\n  publisher: p\n  url: null\n  language: en\n  confidence: low\n')

  const problems = checkSeed(seed)
  const found = (file: string, line: number, id: string, field: string) =>
    problems.find((p) => p.file.endsWith(file) && p.line === line && p.id === id && p.field === field)
  t.ok(found('figures.yaml', unitLine, 'fig-004', 'unit'), 'the bad unit')
  t.ok(found('figures.yaml', subsetLine, 'fig-004', 'subset_of'), 'the unknown figure')
  t.ok(found('figures.yaml', asOfLine, 'fig-001', 'as_of'), 'the date after its source')
  t.ok(found('campaigns.yaml', windowLine, 'camp-2018-self-media', 'window.to'), 'the window that ends before it starts')
  t.ok(found('sources.yaml', duplicateLine, 'src-slashdot-2023-05-28', 'id'), 'the id used twice')
  t.equal(problems.length, 5, `exactly the five: ${problems.map(formatProblem).join(' | ')}`)

  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/data-check.ts', '--seed', seed], { encoding: 'utf8' })
  t.equal(cli.status, 1, 'data:check exits non-zero')
  const lines = cli.stdout.trim().split('\n')
  t.equal(lines.length, 5, 'one line per problem')
  t.match(lines.join('\n'), new RegExp(`figures\\.yaml:${unitLine}: fig-004: unit: `))
})

t.test('cross-record rules: subset_of of another unit or above its parent, and cycles', async (t) => {
  const { seed } = seedCopy(t)
  const figures = parse(readFileSync(join(seed, 'figures.yaml'), 'utf8')) as Array<Record<string, unknown>>
  const child = figures.find((f) => typeof f.subset_of === 'string' && typeof f.value === 'number')!
  const parent = figures.find((f) => f.id === child.subset_of)!
  editRecord(seed, 'figures.yaml', String(child.id), `value: ${String(child.value)}`, `value: ${Number(parent.value) + 1}`)
  // The parent made part of its own part: a cycle.
  addToRecord(seed, 'figures.yaml', String(parent.id), `subset_of: ${String(child.id)}`)
  const problems = checkSeed(seed).map(formatProblem).join('\n')
  t.match(problems, new RegExp(`${String(child.id)}: subset_of: value \\d+ is above the value of ${String(parent.id)}`))
  t.match(problems, /subset_of chain comes back to/)
})

import t, { type Test } from 'tap'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { prepareDatabase } from '../../src/db/prepare.js'
import { readSeed, seedFolder } from '../../src/db/seed.js'
import { actionIncludes } from '../../src/schemas/vocabulary.js'

// The relations between figures that the totals rely on: checked when the seed loads, with a message that names the
// file, the record and the field; and, over the whole of seed/, pointing where they should.

function seedWith (t: Test, change: (figures: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-relations-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const folder = join(dir, 'seed')
  cpSync(seedFolder, folder, { recursive: true })
  const file = join(folder, 'figures.yaml')
  const before = readFileSync(file, 'utf8')
  const after = change(before)
  t.not(after, before, 'the change applies to the seed')
  writeFileSync(file, after)
  return folder
}

const record = (figures: string, id: string) => {
  const start = figures.indexOf(`- id: ${id}\n`)
  const end = figures.indexOf('\n- id: ', start + 1)
  return [start, end === -1 ? figures.length : end] as const
}
const editRecord = (id: string, edit: (text: string) => string) => (figures: string) => {
  const [start, end] = record(figures, id)
  return figures.slice(0, start) + edit(figures.slice(start, end)) + figures.slice(end)
}
const addLine = (line: string) => (text: string) => text.replace(/\n  source_id: /, `\n  ${line}\n  source_id: `)

const refused = (t: Test, folder: string, message: RegExp) => {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-relations-db-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  t.throws(() => prepareDatabase(join(dir, 'db.sqlite'), folder), { name: 'SeedError', message })
}

t.test('superseded_by names a later count of the same running total', async (t) => {
  refused(t, seedWith(t, editRecord('fig-085', addLine('superseded_by: fig-089'))),
    /figures\.yaml: fig-085: field "superseded_by": fig-089 is not a later count of the same running total: its unit, action differ/)
  refused(t, seedWith(t, editRecord('fig-088', addLine('superseded_by: fig-083'))),
    /fig-088: field "superseded_by": fig-083 must be dated after this figure \(2023-07-21 is not after 2023-12-22\)/)
  refused(t, seedWith(t, editRecord('fig-088', addLine('superseded_by: fig-999'))), /fig-088: field "superseded_by"/)
})

t.test('a certain part counts the same unit, under its whole\'s action or one that action includes', async (t) => {
  refused(t, seedWith(t, editRecord('fig-085', addLine('subset_of: fig-089'))),
    /fig-085: field "subset_of": fig-089 counts accounts, not items: mark it subset_certainty: uncertain/)
  refused(t, seedWith(t, editRecord('fig-014', addLine('subset_of: fig-015'))),
    /fig-014: field "subset_of": fig-015 is "closed_permanently", which does not include "handled"/)
  refused(t, seedWith(t, editRecord('fig-013', addLine('subset_certainty: uncertain'))),
    /fig-013: field "subset_certainty": is set but subset_of is not/)
  refused(t, seedWith(t, editRecord('fig-013', addLine('subset_certainty: maybe'))), /fig-013: field "subset_certainty"/)
})

t.test('over the whole seed: relations point where the totals need them to', async (t) => {
  const figures = readSeed().figures
  const byId = new Map(figures.map((f) => [f.id, f]))
  for (const f of figures.filter((f) => f.subset_of && f.subset_certainty !== 'uncertain')) {
    const whole = byId.get(f.subset_of!)!
    t.ok(f.action === whole.action || (actionIncludes[whole.action!] ?? []).includes(f.action!),
      `${f.id} (${f.action}) is part of ${whole.id} (${whole.action})`)
  }
  // The seed campaign's relations, as the sources give them (facts-notes.md, Discrepancies 1, 2 and 6).
  t.same([byId.get('fig-015')!.subset_of, byId.get('fig-015')!.subset_certainty], ['fig-014', undefined],
    '其中永久关闭: the 66,600 closed for good are part of the 927,600 handled')
  t.equal(byId.get('fig-005')!.same_fact_as, 'fig-014', 'Reuters\' "around 930,000 other" is the official 92.76万')
  for (const id of ['fig-007', 'fig-008', 'fig-009', 'fig-010', 'fig-011']) {
    t.same([byId.get(id)!.subset_of, byId.get(id)!.subset_certainty], ['fig-014', 'uncertain'], `${id}: Reuters' breakdown, unconfirmed`)
  }
  t.equal(byId.get('fig-017')!.unit, 'person_times', '2089人次')
})

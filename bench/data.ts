import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { openWriter } from '../src/db/connection.js'
import { prepareDatabase } from '../src/db/prepare.js'
import { buildSearchIndex } from '../src/db/search-index.js'
import { buildStoredTotals } from '../src/db/queries/stats.js'
import { deriveColumns } from '../src/db/seed.js'
import { readManifest } from '../src/release/downloads.js'
import { writeMetadata } from '../src/release/metadata.js'
import { actions } from '../src/schemas/vocabulary.js'

// A synthetic database for benchmarks: the real migrations and seed, then synthetic campaigns, sources and figures in
// about the seed's proportions (167 figures : 36 campaigns : 104 sources). Synthetic ids carry "-syn-" so that they
// can never collide with a public id (fig-001, camp-qinglang-...). Deterministic: the same size gives the same file.

export interface BenchDataOptions { path: string, figures: number, seed?: number }
export interface BenchDataResult {
  figures: number, campaigns: number, sources: number, milliseconds: number, bytes: number, installMilliseconds: number, datapackageBytes: number
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** mulberry32: a small seeded generator, so runs are repeatable. */
function random (seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// What is counted and what was done, weighted roughly as in the seed (accounts and posts dominate).
const unitActions: Array<[unit: string, weight: number, actions: string[]]> = [
  ['accounts', 30, ['closed', 'closed_permanently', 'handled', 'banned', 'functions_suspended']],
  ['posts', 25, ['deleted', 'intercepted_or_deleted', 'handled']],
  ['items', 15, ['deleted', 'handled']],
  ['videos', 6, ['deleted', 'removed_from_stores']],
  ['websites', 6, ['closed', 'handled', 'summoned']],
  ['apps', 4, ['removed_from_stores', 'handled']],
  ['groups', 4, ['closed', 'handled']],
  ['live_streams', 3, ['closed', 'handled']],
  ['cases', 4, ['cases_handled', 'referred_to_police_or_courts']],
  ['people', 3, ['punished', 'arrested', 'interviewed']]
]
const qualifiers: Array<[string, number]> = [['none', 55], ['over', 30], ['almost', 5], ['around', 5], ['vague', 5]]
const confidences: Array<[string, number]> = [['high', 50], ['medium', 35], ['low', 15]]

function weighted<T> (next: () => number, choices: Array<[T, number, ...unknown[]]>): typeof choices[number] {
  const total = choices.reduce((s, c) => s + c[1], 0)
  let r = next() * total
  for (const choice of choices) if ((r -= choice[1]) < 0) return choice
  return choices[choices.length - 1]
}

function partialDate (next: () => number): string {
  const year = 2015 + Math.floor(next() * 11)
  const precision = next()
  if (precision < 0.1) return String(year)
  const month = `${year}-${pad(1 + Math.floor(next() * 12), 2)}`
  return precision < 0.3 ? month : `${month}-${pad(1 + Math.floor(next() * 28), 2)}`
}

/** Builds the database at `path` (into a temporary file, renamed at the end, so a reader never sees half a file). */
export function buildBenchDatabase (options: BenchDataOptions): BenchDataResult {
  const started = performance.now()
  const temporary = `${options.path}.building`
  for (const suffix of ['', '-wal', '-shm']) rmSync(temporary + suffix, { force: true })
  prepareDatabase(temporary)
  for (const suffix of ['.manifest.json', '.datapackage.zip']) rmSync(temporary + suffix, { force: true })
  const db = openWriter(temporary)
  // A throwaway file: durability is worth nothing while it is built.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  db.pragma('foreign_keys = OFF')
  const next = random(options.seed ?? 20230527)
  const figureCount = options.figures
  const campaignCount = Math.max(1, Math.round(figureCount * 36 / 167))
  const sourceCount = Math.max(1, Math.round(figureCount * 104 / 167))
  const ids = (table: string) => (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as Array<{ id: string }>).map((r) => r.id)
  const regulatorIds = ids('regulators')
  const platformIds = ids('platforms')
  const categoryIds = ids('violation_categories')
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]
  const knownActions = new Set<string>(actions)

  // Secondary indexes are dropped for the bulk insert and built again after it: sorting once is much faster than
  // keeping eleven b-trees in order row by row.
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as
    Array<{ name: string, sql: string }>
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`)

  db.transaction(() => {
    const source = db.prepare(`INSERT INTO sources (id, title, publisher, date, url, language, confidence, notes)
      VALUES (?, ?, ?, ?, ?, ?, ?, '[]')`)
    const publishers = ['Xinhua', 'Reuters', 'People\'s Daily', 'CAC', 'Caixin', 'AP', 'Bloomberg', 'SCMP']
    for (let i = 1; i <= sourceCount; i++) {
      const publisher = pick(publishers)
      source.run(`src-syn-${pad(i, 7)}`, `Synthetic report ${i} on online enforcement`, publisher, partialDate(next),
        `https://example.org/syn/${i}`, next() < 0.6 ? 'zh' : 'en', weighted(next, confidences)[0])
    }

    const campaign = db.prepare(`INSERT INTO campaigns (id, name_en, name_zh, series_id, kind, is_seed_report_subject,
      window_from, window_to, co_agencies, planned_tasks, linked_operations, confidence, notes)
      VALUES (?, ?, ?, NULL, ?, 0, ?, ?, '[]', '[]', '[]', ?, '[]')`)
    const campaignRegulator = db.prepare('INSERT INTO campaign_regulators (campaign_id, regulator_id, position) VALUES (?, ?, 0)')
    const campaignCategory = db.prepare('INSERT INTO campaign_violation_categories (campaign_id, violation_category_id, position) VALUES (?, ?, 0)')
    const campaignSource = db.prepare('INSERT INTO campaign_sources (campaign_id, source_id, position) VALUES (?, ?, 0)')
    const campaignPlatform = db.prepare('INSERT INTO campaign_platforms (campaign_id, position, platform_id) VALUES (?, 0, ?)')
    const kinds = ['campaign', 'campaign', 'campaign', 'platform_enforcement', 'enforcement_tally', 'annual_programme']
    for (let i = 1; i <= campaignCount; i++) {
      const id = `camp-syn-${pad(i, 7)}`
      const year = 2015 + (i % 11)
      campaign.run(id, `Synthetic campaign ${i}`, `合成专项行动${i}`, pick(kinds), `${year}-03`, `${year}-09`, weighted(next, confidences)[0])
      campaignRegulator.run(id, pick(regulatorIds))
      campaignCategory.run(id, pick(categoryIds))
      campaignSource.run(id, `src-syn-${pad(1 + Math.floor(next() * sourceCount), 7)}`)
      campaignPlatform.run(id, pick(platformIds))
    }

    const figure = db.prepare(`INSERT INTO figures (id, campaign_id, violation_category_id, value, value_text, qualifier,
      unit, unit_text, action, action_text, as_of, date, date_basis, source_id, confidence, same_fact_as, notes)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'as_of', ?, ?, ?, '[]')`)
    const figurePlatform = db.prepare('INSERT INTO figure_platforms (figure_id, platform_id, position) VALUES (?, ?, 0)')
    const alsoReportedBy = db.prepare('INSERT INTO figure_also_reported_by (figure_id, source_id, position) VALUES (?, ?, 0)')
    for (let i = 1; i <= figureCount; i++) {
      const id = `fig-syn-${pad(i, 7)}`
      const [unit, , unitActionList] = weighted(next, unitActions) as [string, number, string[]]
      const action = pick(unitActionList)
      const qualifier = weighted(next, qualifiers)[0] as string
      const value = qualifier === 'vague' ? null : Math.floor(10 ** (1 + next() * 6))
      const valueText = value === null ? 'hundreds of thousands' : value.toLocaleString('en-US')
      const date = partialDate(next)
      // A few figures repeat an earlier synthetic figure, as wire copies of an official number do.
      const sameFactAs = i > 1 && next() < 0.03 ? `fig-syn-${pad(1 + Math.floor(next() * (i - 1)), 7)}` : null
      figure.run(id, `camp-syn-${pad(1 + Math.floor(next() * campaignCount), 7)}`, pick(categoryIds), value, valueText, qualifier,
        unit, unit, knownActions.has(action) ? action : null, action, date, date,
        `src-syn-${pad(1 + Math.floor(next() * sourceCount), 7)}`, weighted(next, confidences)[0], sameFactAs)
      figurePlatform.run(id, pick(platformIds))
      if (next() < 0.1) alsoReportedBy.run(id, `src-syn-${pad(1 + Math.floor(next() * sourceCount), 7)}`)
    }
  })()
  deriveColumns(db)
  // The full-text index from the records, as a server start would build it (src/db/search-index.ts).
  // With the stored first hits of common words (src/db/search-top-hits.ts).
  buildSearchIndex(db)
  for (const { sql } of indexes) db.exec(sql)
  db.pragma('optimize')
  db.exec('ANALYZE')
  // The totals asked most, as a build from seed/ stores them (src/db/stored-totals.ts); after the indexes they scan.
  buildStoredTotals(db)
  // A prebuilt file: served as it is, never rebuilt from seed/ (which would drop the synthetic records).
  writeMetadata(db, { version: `synthetic.${figureCount}`, released_on: null, digest: 'synthetic', prebuilt: true })
  db.pragma('journal_mode = DELETE')
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  const counts = { figures: count('figures'), campaigns: count('campaigns'), sources: count('sources') }
  db.close()
  for (const suffix of ['-wal', '-shm', '.manifest.json', '.datapackage.zip']) rmSync(options.path + suffix, { force: true })
  renameSync(temporary, options.path)
  const milliseconds = Math.round(performance.now() - started)
  // Installed as a server's first start would: the full page check, the file's sha256 and the data package.
  const installing = performance.now()
  prepareDatabase(options.path)
  return {
    ...counts,
    milliseconds, bytes: statSync(options.path).size, installMilliseconds: Math.round(performance.now() - installing),
    datapackageBytes: readManifest(options.path)?.datapackage.bytes ?? 0
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { figures: { type: 'string', default: '1000000' }, out: { type: 'string' } }
  })
  const figures = Number(values.figures)
  if (!Number.isInteger(figures) || figures < 1) throw new Error(`--figures must be a positive integer, not ${values.figures}`)
  const path = values.out ?? `data/bench-${figures}.sqlite`
  if (existsSync(path)) console.log(`replacing ${path}`)
  const result = buildBenchDatabase({ path, figures })
  console.log(`${path}: ${result.figures} figures, ${result.campaigns} campaigns, ${result.sources} sources, ` +
    `${(result.bytes / 1e6).toFixed(0)} MB in ${(result.milliseconds / 1000).toFixed(1)} s; installed (full check, sha256, ` +
    `data package of ${(result.datapackageBytes / 1e6).toFixed(0)} MB) in ${(result.installMilliseconds / 1000).toFixed(1)} s`)
}

import t, { type Test } from 'tap'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { buildApp } from '../../src/app.js'
import { prepareDatabase } from '../../src/db/prepare.js'
import { readReleases, ReleaseRefused } from '../../src/release/history.js'
import { cutRelease } from '../../src/release/release.js'
import { editRecord, removeRecord, seedCopy } from './seed-copy.js'

// A version after any release the repository holds.
const nextVersion = '2999.01.01'
const appOn = async (t: Test, path: string) => {
  const app = await buildApp({ databasePath: path, rateLimit: { max: 1_000_000 }, loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 } })
  t.teardown(() => app.close())
  return app
}
const figureValue = (seed: string, id: string) =>
  (parse(readFileSync(join(seed, 'figures.yaml'), 'utf8')) as Array<{ id: string, value: number | null }>).find((f) => f.id === id)!.value!

t.test('a corrected figure, released with a reason, is served after a restart with a new version, a changelog entry and its history', async (t) => {
  const { dir, seed } = seedCopy(t)
  const database = join(dir, 'campaigns.sqlite')
  // Records added to seed/ but not yet released (a curator's work in progress) get a release of their own first, so
  // the release below holds the correction alone.
  if (prepareDatabase(join(dir, 'work-in-progress.sqlite'), seed).version.endsWith('+unreleased')) {
    cutRelease({ seedFolder: seed, version: '2998.12.31' })
  }
  const before = prepareDatabase(database, seed)
  let app = await appOn(t, database)
  const old = figureValue(seed, 'fig-015')
  t.equal((await app.inject({ url: '/v1/figures/fig-015' })).json().data.value, old)
  const etagsBefore = await Promise.all(['/v1/figures/fig-015', '/v1/regulators/reg-cac'].map(async (url) => (await app.inject({ url })).headers.etag))
  await app.close()

  const corrected = old - 400
  editRecord(seed, 'figures.yaml', 'fig-015', `value: ${old}`, `value: ${corrected}`)
  t.throws(() => cutRelease({ seedFolder: seed, version: nextVersion }), { constructor: ReleaseRefused, message: /fig-015: value: changed from \d+ to \d+ and needs a reason/ })
  t.equal(readReleases(seed).at(-1)?.version, before.version.replace(/\+unreleased$/, ''), 'a refused release writes nothing')

  const reason = "Xinhua's full text gives the lower number; the higher one was a rounding"
  const reasonsFile = join(dir, 'reasons.yaml')
  writeFileSync(reasonsFile, `fig-015:\n  value: "${reason}"\n`)
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/data-release.ts', '--version', nextVersion, '--reasons', reasonsFile, '--seed', seed], { encoding: 'utf8' })
  t.equal(cli.status, 0, cli.stderr)
  t.match(readFileSync(join(seed, 'releases', `${nextVersion}.yaml`), 'utf8'), reason, 'the changelog is written into the repository')

  const restarted = prepareDatabase(database, seed)
  t.same([restarted.seeded, restarted.version], [true, nextVersion], 'the restart rebuilt the file for the new release')
  app = await appOn(t, database)
  const figure = await app.inject({ url: '/v1/figures/fig-015' })
  t.equal(figure.json().data.value, corrected)
  t.equal(figure.headers['dataset-version'], nextVersion)
  t.equal((await app.inject({ url: '/v1/dataset' })).json().data.version, nextVersion)
  // An ETag is the hash of its answer: it changes exactly when the release changes the answer, so caches keep the rest.
  t.not(figure.headers.etag, etagsBefore[0], 'the corrected figure has a new ETag')
  t.equal((await app.inject({ url: '/v1/regulators/reg-cac' })).headers.etag, etagsBefore[1], 'an answer the release did not change keeps its ETag')

  const changes = (await app.inject({ url: `/v1/changes?release=${nextVersion}` })).json().data
  t.same(changes.map((c: { record_id: string, change: string }) => [c.record_id, c.change]), [['fig-015', 'changed']])
  t.same(changes[0].fields, [{ field: 'value', old, new: corrected, reason }])
  const history = (await app.inject({ url: '/v1/figures/fig-015/history' })).json().data
  t.equal(history.status, 'current')
  t.same(history.changes[0].fields, [{ field: 'value', old, new: corrected, reason }], 'the newest entry carries the reason')
  t.equal(history.changes.at(-1).change, 'added')
  const csv = (await app.inject({ url: `/v1/changes?release=${nextVersion}&format=csv` })).body
  t.match(csv, /fig-015,changed,value,/)
  t.match((await app.inject({ url: '/v1/changes/feed.atom?record=fig-015' })).body, /fig-015: value \d+ → \d+ \(Xinhua/)
})

t.test('a removed record answers 410 with when, why and its replacement; its id can never come back', async (t) => {
  const { dir, seed } = seedCopy(t)
  const figures = parse(readFileSync(join(seed, 'figures.yaml'), 'utf8')) as Array<Record<string, unknown>>
  const referenced = new Set(figures.flatMap((f) => [f.subset_of, f.same_fact_as, f.derived_from]))
  const duplicate = figures.find((f) => !referenced.has(f.id) && typeof f.same_fact_as === 'string')!
  const kept = String(duplicate.same_fact_as)
  const original = readFileSync(join(seed, 'figures.yaml'), 'utf8')
  removeRecord(seed, 'figures.yaml', String(duplicate.id))
  t.throws(() => cutRelease({ seedFolder: seed, version: nextVersion }), { message: new RegExp(`${String(duplicate.id)}: removed: .*needs a reason`) })
  cutRelease({ seedFolder: seed, version: nextVersion, reasons: { [String(duplicate.id)]: { removed: 'the same report as the figure it duplicates', replaced_by: kept } } })
  const database = join(dir, 'campaigns.sqlite')
  prepareDatabase(database, seed)
  const app = await appOn(t, database)
  const gone = await app.inject({ url: `/v1/figures/${String(duplicate.id)}` })
  t.equal(gone.statusCode, 410)
  t.match(gone.headers['content-type'], /application\/problem\+json/)
  t.match(gone.json(), { status: 410, removed: { release: nextVersion, reason: 'the same report as the figure it duplicates', replaced_by: kept, replaced_by_url: `/v1/figures/${kept}` } })
  t.equal((await app.inject({ url: `/v1/figures/${String(duplicate.id)}/history` })).json().data.status, 'removed')
  t.equal((await app.inject({ url: '/v1/figures/fig-99999' })).statusCode, 404, 'an id that never existed is still 404')

  writeFileSync(join(seed, 'figures.yaml'), original)
  t.throws(() => cutRelease({ seedFolder: seed, version: '2999.01.02' }), { message: /was removed in an earlier release; a public id is never reused/ })
})

t.test('the release command refuses a version that is not new, a malformed one, and a reason for a field that did not change', async (t) => {
  const { seed } = seedCopy(t)
  const latest = readReleases(seed).at(-1)!.version
  t.throws(() => cutRelease({ seedFolder: seed, version: latest }), { message: /is not after the latest release/ })
  t.throws(() => cutRelease({ seedFolder: seed, version: 'v2' }), { message: /is not a calendar version/ })
  editRecord(seed, 'figures.yaml', 'fig-015', `value: ${figureValue(seed, 'fig-015')}`, 'value: 1')
  t.throws(() => cutRelease({ seedFolder: seed, version: nextVersion, reasons: { 'fig-015': { value: 'typo', unit: 'no' } } }),
    { message: /fig-015: unit: the reasons file gives a reason, but this field did not change/ })
})

import t from 'tap'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api'
import { buildApp } from '../../src/app.js'
import * as schema from '../../src/db/schema.js'
import { migrationsFolder } from '../../src/db/migrate.js'
import { prepareDatabase } from '../../src/db/prepare.js'
import { readSeed, SeedError } from '../../src/db/seed.js'
import { resources, seedTypesOf } from '../../src/resources/index.js'
import { fixtureSeedFolder } from '../helper.js'
import { lawResource, laws, lawSources } from '../fixtures/resources/laws.js'

// README.md, "Adding a resource", followed step by step: a table, its migration, a description and a seed file make
// a new resource, with nothing else edited. The served resources are passed in here; in the walk-through the new
// description is one more line of src/resources/index.ts.

const work = mkdtempSync(join(tmpdir(), 'censorship-api-new-resource-'))
t.teardown(() => rmSync(work, { recursive: true, force: true }))
const served = [...resources, lawResource]

// Step 2, `npm run db:generate`: the migration from the schema without the new tables to the schema with them.
const migrations = join(work, 'migrations')
cpSync(migrationsFolder, migrations, { recursive: true })
const statements = await generateSQLiteMigration(await generateSQLiteDrizzleJson(schema),
  await generateSQLiteDrizzleJson({ ...schema, laws, lawSources }))
const journalPath = join(migrations, 'meta', '_journal.json')
const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ idx: number, version: string, when: number, tag: string, breakpoints: boolean }> }
const last = journal.entries.at(-1)!
const tag = `${String(last.idx + 1).padStart(4, '0')}_laws`
writeFileSync(join(migrations, `${tag}.sql`), statements.join('\n--> statement-breakpoint\n'))
journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag })
writeFileSync(journalPath, JSON.stringify(journal))

// Step 4: seed/laws.yaml beside the other seed files.
const seed = join(work, 'seed')
cpSync(fixtureSeedFolder, seed, { recursive: true })
cpSync(new URL('../fixtures/laws-seed/laws.yaml', import.meta.url), join(seed, 'laws.yaml'))

const databasePath = join(work, 'campaigns.sqlite')
prepareDatabase(databasePath, seed, { resources: served, migrations })
const app = await buildApp({ databasePath, resources: served, rateLimit: { max: 1_000_000 }, loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 } })
t.teardown(() => app.close())
const seeded = readSeed(seed, seedTypesOf(served)).all('law')

t.test('the new list serves the seed file, paged and sorted like every list', async (t) => {
  const body = (await app.inject({ url: '/v1/laws?limit=2&sort=-enacted' })).json()
  t.same(body.data.map((law: { id: string }) => law.id), ['law-fx-data', 'law-fx-cybersecurity'], 'newest first, the undated last')
  t.ok(body.page.next_cursor, 'a next page')
  const next = (await app.inject({ url: `/v1/laws?limit=2&sort=-enacted&cursor=${body.page.next_cursor}` })).json()
  t.same(next.data.map((law: { id: string }) => law.id), ['law-fx-police'])
  const all = (await app.inject({ url: '/v1/laws' })).json().data as Array<Record<string, unknown>>
  t.equal(all.length, seeded.length)
  t.same(all.find((law) => law.id === 'law-fx-data'), {
    id: 'law-fx-data', title_en: 'Fixture Data Security Law', title_zh: null, enacted: '2021-06', regulator_id: 'reg-fx-cyber',
    source_ids: ['src-fx-review-2021', 'src-fx-daily-2023-05-27'], notes: []
  }, 'every field as the seed gives it; lists in seed order; an absent one null or empty')
})

t.test('its filters are checked in the parse stage and applied in the plan', async (t) => {
  const cyber = (await app.inject({ url: '/v1/laws?regulator=reg-fx-cyber&enacted_from=2020' })).json().data
  t.same(cyber.map((law: { id: string }) => law.id), ['law-fx-data'])
  const unknown = await app.inject({ url: '/v1/laws?regulator=reg-nope' })
  t.equal(unknown.statusCode, 400)
  t.equal(unknown.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(unknown.json().invalid_params, [{ name: 'regulator', reason: /names no regulator: "reg-nope"/ }])
  const backwards = await app.inject({ url: '/v1/laws?enacted_from=2022&enacted_to=2021' })
  t.match(backwards.json().invalid_params, [{ name: 'enacted_from', reason: '(2022) is after enacted_to (2021)' }])
  t.equal((await app.inject({ url: '/v1/laws?sort=title' })).statusCode, 400, 'only its declared sort keys')
  t.equal((await app.inject({ url: '/v1/laws?country=CN' })).statusCode, 400, 'an unknown parameter')
})

t.test('its detail embeds related records; CSV, fields and search come with it', async (t) => {
  const law = (await app.inject({ url: '/v1/laws/law-fx-cybersecurity' })).json().data
  t.equal(law.regulator.id, 'reg-fx-cyber')
  t.same(law.sources.map((s: { id: string }) => s.id), ['src-fx-review-2021'])
  t.equal((await app.inject({ url: '/v1/laws/law-nope' })).statusCode, 404)

  const csv = (await app.inject({ url: '/v1/laws?format=csv&sort=id' })).body.split('\r\n')
  t.equal(csv[0], 'id,title_en,title_zh,enacted,regulator_id,source_ids,notes')
  t.equal(csv.filter(Boolean).length, seeded.length + 1)
  t.ok(csv.includes('law-fx-data,Fixture Data Security Law,,2021-06,reg-fx-cyber,src-fx-review-2021; src-fx-daily-2023-05-27,'))
  t.same((await app.inject({ url: '/v1/laws?fields=enacted&sort=id&limit=1' })).json().data, [{ id: 'law-fx-cybersecurity', enacted: '2016-11-07' }])

  const hits = (await app.inject({ url: '/v1/laws?q=quokka' })).json().data
  t.same(hits.map((hit: { id: string }) => hit.id), ['law-fx-cybersecurity'], 'its notes are in the full-text index')
})

t.test('its contract is in the OpenAPI document, from the same description', async (t) => {
  const document = app.swagger() as { paths: Record<string, { get: { operationId: string } }>, components: { schemas: Record<string, { required?: string[] }> } }
  t.equal(document.paths['/v1/laws'].get.operationId, 'listLaws')
  t.equal(document.paths['/v1/laws/{id}'].get.operationId, 'getLaw')
  t.same(document.components.schemas.Law.required, Object.keys(lawResource.fields))
  t.ok(document.components.schemas.LawDetail.required?.includes('regulator'))
})

t.test('the seed loader checks the new file like every other: its shape and the records it names', async (t) => {
  const broken = join(work, 'broken-seed')
  cpSync(seed, broken, { recursive: true })
  writeFileSync(join(broken, 'laws.yaml'), '- id: law-fx-orphan\n  title_en: Orphan\n  regulator_id: reg-missing\n  source_ids: [src-fx-review-2021]\n')
  t.throws(() => readSeed(broken, seedTypesOf(served)), new SeedError('seed/laws.yaml', 'law-fx-orphan', 'regulator_id', 'refers to unknown id "reg-missing"'))
  writeFileSync(join(broken, 'laws.yaml'), '- id: law-fx-typo\n  title: Typo\n  regulator_id: reg-fx-cyber\n  source_ids: [src-fx-review-2021]\n')
  t.throws(() => readSeed(broken, seedTypesOf(served)), SeedError, 'an unknown field')
})

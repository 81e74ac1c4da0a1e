import t from 'tap'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import { parse } from 'csv-parse/sync'
import { unzipSync } from 'fflate'
import { build, allPages } from '../../helper.js'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const require = createRequire(import.meta.url)

t.test('/v1/dataset says which release is served, how to cite it and where to download it; every response names the version', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/dataset' })
  t.equal(response.statusCode, 200)
  const dataset = response.json().data
  t.match(dataset.version, /^\d{4}\.\d{2}\.\d{2}(\.\d+)?(\+unreleased)?$/)
  t.equal(response.headers['dataset-version'], dataset.version)
  for (const url of ['/v1/figures?limit=1', '/v1/figures/fig-nope', '/v1/figures?limit=0', '/nowhere']) {
    t.equal((await app.inject({ url })).headers['dataset-version'], dataset.version, `${url} names the version`)
  }
  const health = (await app.inject({ url: '/health' })).json()
  t.same([dataset.record_counts.figure, dataset.record_counts.campaign], [health.figures, health.campaigns])
  t.equal(dataset.record_counts.source, (await allPages(app, '/v1/sources?limit=500')).length)
  t.match(dataset.citation.text, dataset.version)
  t.match(dataset.citation.bibtex, /^@misc\{/)
  t.equal(dataset.citation.csl_json[0].version, dataset.version)
  t.equal(dataset.licence.name, 'CC-BY-4.0')
  t.equal((await app.inject({ url: dataset.links.release_changes })).statusCode, 200)
})

t.test('both downloads: Content-Length, the published sha256 as ETag and Repr-Digest, 304, ranges that resume', async (t) => {
  const app = await build(t)
  const { downloads } = (await app.inject({ url: '/v1/dataset' })).json().data
  for (const download of [downloads.sqlite, downloads.datapackage]) {
    const whole = await app.inject({ url: download.url })
    t.equal(whole.statusCode, 200)
    t.equal(Number(whole.headers['content-length']), download.bytes)
    t.equal(sha256(whole.rawPayload), download.sha256, `${download.url}: the bytes have the published sha256`)
    t.equal(whole.headers['repr-digest'], `sha-256=:${Buffer.from(download.sha256, 'hex').toString('base64')}:`)
    t.equal(whole.headers['accept-ranges'], 'bytes')
    const etag = whole.headers.etag as string
    t.equal((await app.inject({ url: download.url, headers: { 'if-none-match': etag } })).statusCode, 304)
    const part = await app.inject({ url: download.url, headers: { range: 'bytes=100-', 'if-range': etag } })
    t.equal(part.statusCode, 206)
    t.equal(part.headers['content-range'], `bytes 100-${download.bytes - 1}/${download.bytes}`)
    t.same(Buffer.concat([whole.rawPayload.subarray(0, 100), part.rawPayload]), whole.rawPayload, 'a resumed download is the same file')
    const stale = await app.inject({ url: download.url, headers: { range: 'bytes=100-', 'if-range': '"sha256-of-another-release"' } })
    t.equal(stale.statusCode, 200, 'a range of another release gets the whole new file')
    const outside = await app.inject({ url: download.url, headers: { range: `bytes=${download.bytes + 10}-` } })
    t.equal(outside.statusCode, 416)
    t.match(outside.headers['content-type'], /application\/problem\+json/)
  }
  t.match((await app.inject({ url: downloads.sqlite.url })).rawPayload.subarray(0, 15).toString(), 'SQLite format 3')
})

t.test('the data package is a valid Frictionless Tabular Data Package whose CSVs match their hashes and the API', async (t) => {
  const app = await build(t)
  const zip = unzipSync((await app.inject({ url: '/v1/dataset/datapackage.zip' })).rawPayload)
  const descriptor = JSON.parse(new TextDecoder().decode(zip['datapackage.json']))
  // The profile the Frictionless `datapackage` package ships (JSON Schema draft-04; checked here with Ajv).
  const { $schema, ...profile } = JSON.parse(readFileSync(require.resolve('datapackage/lib/profiles/tabular-data-package.json'), 'utf8'))
  t.match($schema, /draft-04/)
  const validate = new Ajv({ strict: false, allErrors: true }).compile(profile)
  t.ok(validate(descriptor), JSON.stringify(validate.errors))
  t.equal(descriptor.version, (await app.inject({ url: '/v1/dataset' })).json().data.version)
  t.equal(descriptor.licenses[0].name, 'CC-BY-4.0')

  const tables = new Map<string, Array<Record<string, string>>>()
  for (const resource of descriptor.resources) {
    const bytes = zip[resource.path]
    t.ok(bytes, `${resource.path} is in the zip`)
    t.equal(resource.hash, `sha256:${sha256(bytes)}`, `${resource.path}: sha256`)
    t.equal(resource.bytes, bytes.length, `${resource.path}: size`)
    const rows = parse(Buffer.from(bytes).toString('utf8'), { columns: true }) as Array<Record<string, string>>
    t.same(Object.keys(rows[0] ?? {}), resource.schema.fields.map((f: { name: string }) => f.name), `${resource.path}: the columns its schema names`)
    tables.set(resource.name, rows)
  }
  for (const resource of descriptor.resources) {
    for (const key of resource.schema.foreignKeys ?? []) {
      const targets = new Set(tables.get(key.reference.resource)!.map((row) => row[key.reference.fields]))
      const missing = tables.get(resource.name)!.map((row) => row[key.fields]).filter((value) => value !== '' && !targets.has(value))
      t.same(missing, [], `${resource.name}.${key.fields} → ${key.reference.resource}`)
    }
  }

  const figures = await allPages(app, '/v1/figures?limit=500')
  const csvFigures = new Map(tables.get('figures')!.map((row) => [row.id, row]))
  t.equal(csvFigures.size, figures.length, 'as many figures as the API serves')
  for (const figure of figures) {
    const row = csvFigures.get(String(figure.id))!
    t.same([row.value === '' ? null : Number(row.value), row.unit, row.qualifier, row.source_id, row.value_text === '' ? null : row.value_text],
      [figure.value, figure.unit, figure.qualifier, figure.source_id, figure.value_text], String(figure.id))
  }
  for (const [table, url] of [['campaigns', '/v1/campaigns?limit=500'], ['sources', '/v1/sources?limit=500'], ['regulators', '/v1/regulators']] as const) {
    t.same(tables.get(table)!.map((row) => row.id).sort(), (await allPages(app, url)).map((r) => String(r.id)).sort(), table)
  }
})

t.test('/v1/changes pages newest first, filters and refuses unknown parameters', async (t) => {
  const app = await build(t)
  const all = await allPages(app, '/v1/changes?limit=100')
  const releasedOn = all.map((c) => String(c.released_on))
  t.same(releasedOn, [...releasedOn].sort().reverse(), 'newest release first')
  const figures = await allPages(app, '/v1/figures?limit=500')
  const figureChanges = all.filter((c) => c.record_type === 'figure' && c.change === 'added').map((c) => c.record_id)
  t.ok(figures.every((f) => figureChanges.includes(f.id) || String(app.dataset.metadata.version).endsWith('unreleased')), 'every released figure was added by a release')
  t.same((await app.inject({ url: '/v1/changes?record_type=figure&record=fig-015' })).json().data.map((c: { record_id: string }) => c.record_id).filter((id: string) => id !== 'fig-015'), [])
  t.same((await app.inject({ url: '/v1/changes?since=2999' })).json().data, [])
  const typo = await app.inject({ url: '/v1/changes?recrod=fig-015' })
  t.equal(typo.statusCode, 400)
  t.equal(typo.json().invalid_params[0].name, 'recrod')
  t.equal((await app.inject({ url: '/v1/changes?record_type=owner_company' })).statusCode, 400)
  const feed = await app.inject({ url: '/v1/changes/feed.atom' })
  t.match(feed.headers['content-type'], /application\/atom\+xml/)
  t.match(feed.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/)
})

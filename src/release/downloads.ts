import { createHash } from 'node:crypto'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { getTableName, is } from 'drizzle-orm'
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { stringify } from 'csv-stringify/sync'
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import Database from 'better-sqlite3'
import * as schema from '../db/schema.js'
import { datasetInfo } from './dataset-info.js'

// The downloads of a release, built once beside the database file and never per request: the file's own sha256
// and a Frictionless Tabular Data Package (datapackage.json and one CSV per table) in a zip.

export interface FileFacts { path: string, bytes: number, sha256: string }
export interface Manifest {
  version: string
  digest: string
  database: FileFacts & { checked_mtime_ms: number }
  datapackage: FileFacts
  built_in_ms: number
}

export const manifestPath = (databasePath: string) => `${databasePath}.manifest.json`
export const datapackagePath = (databasePath: string) => `${databasePath}.datapackage.zip`

export function fileSha256 (path: string): string {
  const hash = createHash('sha256')
  const fd = openSync(path, 'r')
  const buffer = Buffer.allocUnsafe(1 << 20)
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) hash.update(buffer.subarray(0, n))
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}

// What the file's build derives from the data, to answer fast (stored totals, the figures' combination keys), is not
// data: the package holds the records and their links only.
const derivedTables: string[] = [schema.datasetMetadata, schema.storedTotals].map(getTableName)
const derivedColumns: unknown[] = [schema.figures.platformIds, schema.figures.regulatorIds]
const tables: SQLiteTable[] = Object.values(schema as Record<string, unknown>).flatMap((value) => is(value, SQLiteTable) ? [value] : [])
  .filter((table) => !derivedTables.includes(getTableName(table)))

// Which table a column refers to, by the naming the schema keeps throughout.
const referencedTable: Record<string, string> = {
  source_id: 'sources', named_by_source_id: 'sources', regulator_id: 'regulators', owner_id: 'owners',
  platform_id: 'platforms', violation_category_id: 'violation_categories', campaign_id: 'campaigns', figure_id: 'figures'
}
const selfReferences = ['parent_id', 'series_id', 'subset_of', 'same_fact_as', 'derived_from']

function fieldType (columnType: string): Record<string, unknown> {
  if (columnType === 'SQLiteInteger') return { type: 'integer' }
  if (columnType === 'SQLiteBoolean') return { type: 'boolean', trueValues: ['1'], falseValues: ['0'] }
  if (columnType === 'SQLiteTextJson') return { type: 'array', description: 'A JSON array.' }
  return { type: 'string' }
}

function tableSchema (table: SQLiteTable) {
  const config = getTableConfig(table)
  const name = config.name
  const primaryKey = config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name)
  const foreignKeys = config.columns.flatMap((c) => {
    const target = selfReferences.includes(c.name) && name !== 'record_changes' ? name : referencedTable[c.name]
    return target && !(target === name && c.primary) ? [{ fields: c.name, reference: { resource: target, fields: 'id' } }] : []
  })
  return {
    fields: config.columns.filter((c) => !derivedColumns.includes(c))
      .map((c) => ({ name: c.name, ...fieldType(c.columnType), ...(c.notNull ? { constraints: { required: true } } : {}) })),
    primaryKey,
    ...(foreignKeys.length ? { foreignKeys } : {})
  }
}

/** Writes one table as UTF-8 CSV (header row, RFC 4180), a page at a time, and returns its size and sha256. */
function writeCsv (db: Database.Database, table: string, columns: string[], path: string): { bytes: number, sha256: string } {
  const hash = createHash('sha256')
  const fd = openSync(path, 'w')
  let bytes = 0
  const write = (text: string) => {
    const chunk = Buffer.from(text, 'utf8')
    hash.update(chunk)
    bytes += chunk.length
    writeSync(fd, chunk)
  }
  try {
    write(stringify([columns]))
    let batch: unknown[][] = []
    for (const row of db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY 1, 2`).raw().iterate()) {
      batch.push(row as unknown[])
      if (batch.length === 1000) { write(stringify(batch)); batch = [] }
    }
    if (batch.length) write(stringify(batch))
  } finally {
    closeSync(fd)
  }
  return { bytes, sha256: hash.digest('hex') }
}

/** Builds the data package zip of a database file at `zipPath`. */
export function buildDatapackage (databasePath: string, zipPath: string, release: { version: string, released_on: string | null }): FileFacts {
  const work = mkdtempSync(`${zipPath}.csv-`)
  const db = new Database(databasePath, { readonly: true, fileMustExist: true })
  try {
    const resources = tables.map((table) => {
      const name = getTableName(table)
      const tableSchemaOf = tableSchema(table)
      const file = join(work, `${name}.csv`)
      const facts = writeCsv(db, name, tableSchemaOf.fields.map((f) => f.name), file)
      return {
        name, path: `data/${name}.csv`, profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8',
        bytes: facts.bytes, hash: `sha256:${facts.sha256}`, schema: tableSchemaOf, file
      }
    })
    const descriptor = {
      profile: 'tabular-data-package',
      name: datasetInfo.name,
      title: datasetInfo.title,
      description: datasetInfo.description,
      version: release.version,
      ...(release.released_on ? { created: `${release.released_on}T00:00:00Z` } : {}),
      licenses: [datasetInfo.licence],
      sources: [{ title: 'Published reports, each listed with its URL in data/sources.csv', path: 'data/sources.csv' }],
      contributors: [{ title: datasetInfo.author, role: 'author' }],
      resources: resources.map(({ file, ...resource }) => resource)
    }
    writeZip(zipPath, [
      { name: 'datapackage.json', content: Buffer.from(JSON.stringify(descriptor, null, 2) + '\n') },
      ...resources.map((r) => ({ name: r.path, file: r.file }))
    ])
  } finally {
    db.close()
    rmSync(work, { recursive: true, force: true })
  }
  return { path: zipPath, bytes: statSync(zipPath).size, sha256: fileSha256(zipPath) }
}

function writeZip (path: string, entries: Array<{ name: string, content?: Buffer, file?: string }>): void {
  const fd = openSync(path, 'w')
  let failure: Error | null = null
  const zip = new Zip((error, chunk) => {
    if (error) failure = error
    else writeSync(fd, chunk)
  })
  const buffer = Buffer.allocUnsafe(1 << 20)
  try {
    for (const entry of entries) {
      // A fixed timestamp: the same data always gives the same zip, byte for byte.
      const stream = entry.content ? new ZipPassThrough(entry.name) : new ZipDeflate(entry.name, { level: 6 })
      stream.mtime = new Date('2020-01-01T00:00:00Z')
      zip.add(stream)
      if (entry.content) {
        stream.push(entry.content, true)
        continue
      }
      const input = openSync(entry.file!, 'r')
      try {
        for (let n = readSync(input, buffer, 0, buffer.length, null); ; n = readSync(input, buffer, 0, buffer.length, null)) {
          if (n === 0) { stream.push(new Uint8Array(0), true); break }
          stream.push(Uint8Array.prototype.slice.call(buffer, 0, n))
        }
      } finally {
        closeSync(input)
      }
    }
    zip.end()
  } finally {
    closeSync(fd)
  }
  if (failure) throw failure
}

export function readManifest (databasePath: string): Manifest | undefined {
  const path = manifestPath(databasePath)
  if (!existsSync(path)) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest
  } catch {
    return undefined
  }
}

/** Builds the downloads of a finished database file into `target`'s place (the file may still have another name). */
export function buildDownloads (builtPath: string, target: string, release: { version: string, digest: string, released_on: string | null }): Manifest {
  const started = performance.now()
  const zipTemporary = `${datapackagePath(target)}.building-${process.pid}`
  const datapackage = buildDatapackage(builtPath, zipTemporary, release)
  renameSync(zipTemporary, datapackagePath(target))
  const stat = statSync(builtPath)
  const manifest: Manifest = {
    version: release.version,
    digest: release.digest,
    database: { path: target, bytes: stat.size, sha256: fileSha256(builtPath), checked_mtime_ms: stat.mtimeMs },
    datapackage: { ...datapackage, path: datapackagePath(target) },
    built_in_ms: Math.round(performance.now() - started)
  }
  const manifestTemporary = `${manifestPath(target)}.building-${process.pid}`
  writeFileSync(manifestTemporary, JSON.stringify(manifest, null, 2) + '\n')
  renameSync(manifestTemporary, manifestPath(target))
  return manifest
}

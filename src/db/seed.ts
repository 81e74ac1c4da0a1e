import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { parse } from 'yaml'
import { Value } from 'typebox/value'
import { seedTypes as defaultSeedTypes } from '../resources/index.js'
import type { SeedDescription, SeedRecord, SeedRecords } from '../resources/seed-description.js'
import type {
  SeedCampaign, SeedFigure, SeedOwner, SeedPlatform, SeedRegulator, SeedSource, SeedViolationCategory
} from '../schemas/seed.js'
import { fromPackageRoot } from '../package-root.js'
import type { Sqlite } from './connection.js'

export const seedFolder = fromPackageRoot('seed')

export class SeedError extends Error {
  constructor (file: string, recordId: string | undefined, field: string, problem: string) {
    super(`${file}: ${recordId ?? '(record without id)'}: field "${field}": ${problem}`)
    this.name = 'SeedError'
  }
}

/** The records of seed/, by kind (`figure`), read and checked. */
export interface SeedData extends SeedRecords {
  types: SeedDescription[]
  sources: SeedSource[]
  regulators: SeedRegulator[]
  owners: SeedOwner[]
  platforms: SeedPlatform[]
  violationCategories: SeedViolationCategory[]
  campaigns: SeedCampaign[]
  figures: SeedFigure[]
}

const fileOf = (folder: string, type: SeedDescription) => {
  const path = join(folder, `${type.file}.yaml`)
  return relative(process.cwd(), path) || path
}

function readRecords (folder: string, type: SeedDescription): SeedRecord[] {
  const file = fileOf(folder, type)
  let records: unknown
  try {
    records = parse(readFileSync(join(folder, `${type.file}.yaml`), 'utf8'))
  } catch (error) {
    throw new SeedError(file, undefined, '(file)', (error as Error).message)
  }
  if (!Array.isArray(records)) throw new SeedError(file, undefined, '(file)', 'must be a list of records')
  const seen = new Set<string>()
  for (const record of records as Array<Record<string, unknown>>) {
    const id = typeof record?.id === 'string' ? record.id : undefined
    const [error] = Value.Errors(type.record, record)
    if (error) {
      const params = error.params as { additionalProperties?: string[], requiredProperties?: string[] }
      const field = error.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
        String(params.additionalProperties?.[0] ?? params.requiredProperties?.[0] ?? '(record)')
      throw new SeedError(file, id, field, error.message)
    }
    if (seen.has(id!)) throw new SeedError(file, id, 'id', 'is used twice')
    seen.add(id!)
  }
  return records as SeedRecord[]
}

/**
 * What a field names, and where in the record each value stands (`['platforms', 0, 'platform_id']`):
 * `platforms.platform_id` follows a list of objects; a list of ids names each. The loader and `npm run data:check`
 * both walk references with it.
 */
export function namedValues (record: unknown, field: string, at: Array<string | number> = []): Array<{ value: unknown, path: Array<string | number> }> {
  const [head, ...rest] = field.split('.')
  const value = (record as Record<string, unknown> | null | undefined)?.[head]
  if (value === null || value === undefined) return []
  const items = Array.isArray(value) ? value.map((item, i) => ({ value: item as unknown, path: [...at, head, i] })) : [{ value, path: [...at, head] }]
  if (rest.length) return items.flatMap((item) => namedValues(item.value, rest.join('.'), item.path))
  return items.filter((item) => item.value !== null && item.value !== undefined)
}

/** The ids a field names. */
export const namedIds = (record: Record<string, unknown>, field: string): string[] =>
  namedValues(record, field).map((named) => named.value).filter((id): id is string => typeof id === 'string')

const camel = (file: string) => file.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())

/** Reads and checks every seed file: shapes, unique ids, references, and each kind's own rules. Throws on the first problem. */
export function readSeed (folder = seedFolder, types: SeedDescription[] = defaultSeedTypes): SeedData {
  const byType = new Map(types.map((type) => [type.type, readRecords(folder, type)]))
  const byId = new Map(types.map((type) => [type.type, new Map(byType.get(type.type)!.map((r) => [r.id, r]))]))
  const records: SeedRecords = {
    all: (type) => byType.get(type) ?? [],
    get: (type, id) => byId.get(type)?.get(id)
  }
  for (const type of types) {
    const file = `seed/${type.file}.yaml`
    for (const record of records.all(type.type)) {
      for (const [field, target] of Object.entries(type.references)) {
        const unknown = namedIds(record, field).find((id) => !records.get(target, id))
        if (unknown !== undefined) throw new SeedError(file, record.id, field, `refers to unknown id "${unknown}"`)
      }
    }
    const [problem] = type.check?.(records.all(type.type), records) ?? []
    if (problem) throw new SeedError(file, problem.id, problem.field, problem.problem)
  }
  return {
    ...records,
    types,
    ...Object.fromEntries(types.map((type) => [camel(type.file), records.all(type.type)]))
  } as SeedData
}

/** Fills what the descriptions derive from the stored rows (`derive`): run once every record is written. */
export function deriveColumns (db: Sqlite, types: SeedDescription[] = defaultSeedTypes): void {
  for (const type of types) type.derive?.(db)
}

export function isSeeded (db: Sqlite): boolean {
  return db.prepare('SELECT 1 FROM sources LIMIT 1').get() !== undefined
}

/**
 * Loads the seed into an empty, migrated database in one transaction: all of it, or nothing. Given a folder, it
 * reads and checks the YAML only when the database is empty, so a restart does not parse the seed again.
 */
export function loadSeed (db: Sqlite, seed: SeedData | string = seedFolder, types: SeedDescription[] = defaultSeedTypes): { loaded: boolean } {
  if (isSeeded(db)) return { loaded: false }
  const data = typeof seed === 'string' ? readSeed(seed, types) : seed
  const orm = drizzle(db)
  db.transaction(() => {
    for (const type of data.types) {
      for (const record of data.all(type.type)) {
        for (const { table, values } of type.rows(record, data)) orm.insert(table).values(values).run()
      }
    }
    deriveColumns(db, data.types)
  })()
  return { loaded: true }
}

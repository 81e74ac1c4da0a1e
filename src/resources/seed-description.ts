import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Static, TObject } from 'typebox'
import type { Sqlite } from '../db/connection.js'

// How a kind of record is written in seed/ (YAML, by journalists) and stored: the shape of a record, the fields that
// name other records, the rows it becomes, and the rules that span records. The loader (src/db/seed.ts) and
// `npm run data:check` (src/release/check.ts) work from these alone.

/** A row for one table, checked by the compiler against the table's columns. */
export interface TableRow { table: SQLiteTable, values: Record<string, unknown> }
export const row = <T extends SQLiteTable>(table: T, values: T['$inferInsert']): TableRow => ({ table, values })

/** Rows of a link table (src/db/schema.ts `link`): the record, each id it names, and their order. */
export const linkRows = <T extends SQLiteTable & { $inferInsert: { leftId: string, rightId: string, position: number } }>(
  table: T, id: string, ids: string[] | undefined | null): TableRow[] =>
  (ids ?? []).map((rightId, position) => row(table, { leftId: id, rightId, position } as T['$inferInsert']))

export type SeedRecord = { id: string } & Record<string, unknown>

/** The records of every kind, read and shape-checked: what `rows` and `check` may consult. */
export interface SeedRecords {
  all: (type: string) => SeedRecord[]
  get: (type: string, id: string) => SeedRecord | undefined
}

/** What a resource's description says of its seed file (the rest, file name and type, comes from the resource). */
export interface SeedShape<S extends TObject = TObject> {
  /** The shape of one record in the YAML file (closed: an unknown field is an error). */
  record: S
  /**
   * Fields that name other records, and the type of those: `campaign_id: 'campaign'`; a list of ids, or a field of
   * each object of a list (`platforms.platform_id`), names several.
   */
  references: Record<string, string>
  /** The rows one record becomes. */
  rows (record: Static<S>, seed: SeedRecords): TableRow[]
  /** Rules across records, beyond the shape and the references; the message of a broken rule names the field. */
  check? (records: Array<Static<S>>, seed: SeedRecords): Array<{ id: string, field: string, problem: string }>
  /** Columns derived from the stored rows (of any kind), filled once every record is written. */
  derive? (db: Sqlite): void
}

export interface SeedDescription<S extends TObject = TObject> extends SeedShape<S> {
  /** `violation_category`: as search hits, history and the changelog name the kind. */
  type: string
  /** seed/<file>.yaml */
  file: string
  /** The table of its records. */
  table: string
  /** `violation category`, in messages. */
  label: string
  /** The API path of its records, or null for a kind that is only embedded (owners, in platforms). */
  path: string | null
}

/** Typed against the record shape; the loader takes any. */
export const seedShape = <S extends TObject>(shape: SeedShape<S>): SeedShape => shape

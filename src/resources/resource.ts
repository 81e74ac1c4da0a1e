import { Type, type Static, type TObject, type TProperties } from 'typebox'
import type { Sqlite } from '../db/connection.js'
import { prepareCached, type Condition, type ListSpec, type SortableColumn } from '../db/list-query.js'
import type { SeedDescription, SeedShape } from './seed-description.js'
import { recordSchema, type CsvCell, type DbRow, type Fields, type RecordOf } from './fields.js'

/**
 * Everything the API knows about one kind of record, in one place: its fields (hence its schema, SQL, mapping and
 * CSV), its sort keys, its filters, its detail view, its search document and its documentation. Routes
 * (src/routes/v1/records.ts), the OpenAPI components, CSV, search and the record types of releases are derived from
 * the list in src/resources/index.ts.
 */
export interface ResourceDescription<F extends Fields, Q extends TProperties, D> {
  /** Singular, as search hits and the changelog name it: `violation_category`. */
  type: string
  /** The URL segment and seed file name: `violation-categories`. */
  path: string
  /** In prose: `violation category`, `violation categories`. */
  label: string
  plural: string
  /** The table the ids live in (`violation_categories`), for filters that name records of this type. */
  table: string
  /** The schema names, `ViolationCategory` and `ViolationCategoryDetail`. */
  schemaName: string
  description: string
  /** FROM clause, joins included; the fields' SQL uses its aliases. */
  from: string
  /** The SQL of the id column. */
  id: string
  fields: F
  /** API sort key → column; `id` sorts by default. */
  sort: Record<string, SortableColumn>
  filters: Filters<Q>
  /** The detail view: the record with related records embedded (`Type.Ref`s to named schemas). */
  detail: {
    embeds: TProperties
    description: string
    read (db: Sqlite, id: string): D | undefined
  }
  /** How its records are written in seed/<path>.yaml, and the rows each becomes. */
  seed: SeedShape
  /** The document the full-text index holds for a record: its names (weighted most) and the rest of its text. */
  search: { from?: string, title: string, body: string }
  docs: {
    listSummary: string
    listDescription: string
    detailSummary: string
    detailDescription: string
    /** The documented examples, taken from real answers (`npm run examples`): a list query, a CSV query, a record. */
    examples: { list: string, csv: string, id: string }
  }
}

/**
 * A list's filters: their query parameters, what the parse stage checks (ids that must exist, date ranges, numeric
 * ranges), and the conditions they make once checked. `where` is pure: no database, no HTTP.
 */
export interface Filters<Q extends TProperties> {
  params: Q
  /** Parameters that name records: each id must exist (param → the table of those records and what they are called). */
  ids?: { [K in keyof Q]?: { table: string, label: string, listedAt: string } }
  /** Pairs of partial-date parameters read as one range: from must not be after to. */
  dateRanges?: Array<[keyof Q & string, keyof Q & string]>
  /** Pairs of numeric parameters: the first must not exceed the second. */
  valueRanges?: Array<[keyof Q & string, keyof Q & string]>
  where (q: Partial<Static<TObject<Q>>>): Condition[]
}

export interface Resource<F extends Fields = Fields, Q extends TProperties = TProperties, D = unknown> extends Omit<ResourceDescription<F, Q, D>, 'seed'> {
  seed: SeedDescription
  /** The record schema, named `schemaName`, and the detail schema, `${schemaName}Detail`. */
  record: TObject
  detailSchema: TObject
  list: ListSpec<RecordOf<F>>
  /** The schemas the OpenAPI document names: the record, its detail, and shared parts of the record (`Owner`). */
  namedSchemas: TObject[]
  /** CSV columns in order, each with the record field it comes from (for `fields=`). */
  csv: Array<{ column: string, field: string, get (record: RecordOf<F>): CsvCell }>
  fieldNames: string[]
}

/** A resource with what its description implies worked out: the record schema, the list query, the CSV columns. */
export function defineResource<F extends Fields, Q extends TProperties, D> (description: ResourceDescription<F, Q, D>): Resource<F, Q, D> {
  const { fields } = description
  const select = Object.values(fields).flatMap((field) => Object.entries(field.select).map(([as, sql]) => `${sql} AS ${as}`)).join(',\n  ')
  const entries = Object.entries(fields)
  const readers = entries.map(([name, field]) => [name, field.read] as const)
  // Every record of every list passes here: a plain loop, not Object.fromEntries over arrays (half the cost).
  const map = (row: DbRow) => {
    const record: Record<string, unknown> = {}
    for (const [name, read] of readers) record[name] = read(row)
    return record as RecordOf<F>
  }
  const record = recordSchema(fields, { $id: description.schemaName, description: description.description })
  const detailSchema = Type.Object({ ...record.properties, ...description.detail.embeds },
    { $id: `${description.schemaName}Detail`, description: description.detail.description })
  const parts = Object.values(fields).filter((field) => field.ref).map((field) => field.schema as TObject)
  const { type, path, table, label } = description
  return {
    ...description,
    seed: { ...description.seed, type, file: path, table, label, path },
    record,
    detailSchema,
    namedSchemas: [...parts, record, detailSchema],
    list: { from: description.from, select, id: description.id, sortable: description.sort, defaultSort: 'id', map },
    csv: entries.flatMap(([name, field]) => Object.entries(field.csv(name)).map(([column, get]) =>
      ({ column, field: name, get: (record: RecordOf<F>) => get(record[name] as never) }))),
    fieldNames: entries.map(([name]) => name)
  }
}

/** Sort keys for columns of a table: `{ value: sortable('f.value', true) }`. */
export const sortable = (sql: string, nullable: boolean): SortableColumn => ({ sql, nullable })

/** The records of a resource that a WHERE/JOIN clause selects, mapped: for the lists a detail view embeds. */
export function recordsWhere<F extends Fields> (db: Sqlite, resource: { list: ListSpec<RecordOf<F>> }, sql: string, ...params: unknown[]): Array<RecordOf<F>> {
  return (prepareCached(db, `SELECT ${resource.list.select} FROM ${resource.list.from} ${sql}`).all(...params) as DbRow[]).map(resource.list.map)
}

import { getTableColumns, getTableName, type InferSelectModel } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { Type, type Static, type TObject, type TObjectOptions, type TSchema } from 'typebox'

// The fields of a resource's records, each tied to the drizzle columns it is read from (src/db/schema.ts): its
// API schema, the SQL that selects it, how a row becomes its value, and its CSV columns all come from one field.

export type DbRow = Record<string, unknown>
export type CsvCell = string | number | boolean | null | undefined

export interface Field<S extends TSchema = TSchema> {
  /** The API schema of the value (the record schema holds `ref` in its place where one is given). */
  schema: S
  /** A named schema (`Type.Ref`) the record schema uses instead of `schema`: the OpenAPI document lists it once. */
  ref?: string
  /** SELECT items, alias → SQL expression. */
  select: Record<string, string>
  read: (row: DbRow) => Static<S>
  /** The CSV columns the field makes, named from the field's name; none when left out of CSV. */
  csv: (name: string) => Record<string, (value: Static<S>) => CsvCell>
}

export type Fields = Record<string, Field>
export type RecordOf<F extends Fields> = { [K in keyof F]: Static<F[K]['schema']> }

/** The schema a record's fields make, properties in the order the fields are given. */
export const recordSchema = <F extends Fields>(fields: F, options: TObjectOptions) =>
  Type.Object(Object.fromEntries(Object.entries(fields).map(([name, field]) =>
    [name, field.ref ? Type.Ref(field.ref) : field.schema])) as { [K in keyof F]: F[K]['schema'] }, options)

const joinList = (values: string[]) => values.join('; ')
const single = (name: string) => ({ [name]: (value: CsvCell) => value })

// A schema fits a column when every value it allows is one the column can hold, and it allows null where the column
// does: a wrong column, a nullable column declared non-null, or a text column declared a number does not compile.
type Fits<Stored, Api> = [Api] extends [Stored] ? (null extends Stored ? (null extends Api ? true : false) : true) : false
type Checked<Stored, S extends TSchema> = Fits<Stored, Static<S>> extends true ? S : S & 'does not fit the column type'

/** Field builders for one table under one SQL alias (`f` for figures f). */
export function on<T extends SQLiteTable> (table: T, alias: string) {
  type Columns = T['_']['columns']
  type Stored = InferSelectModel<T>
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>
  const sqlOf = (key: string) => `${alias}.${columns[key].name}`
  const aliasOf = (key: string) => `${alias}_${columns[key].name}`
  const readColumn = (key: string) => {
    const as = aliasOf(key)
    const kind = columns[key].columnType
    if (kind === 'SQLiteTextJson') return (row: DbRow) => JSON.parse(row[as] as string) as unknown
    if (kind === 'SQLiteBoolean') return (row: DbRow) => row[as] === 1
    return (row: DbRow) => row[as]
  }

  return {
    table,
    alias,
    name: getTableName(table),
    /** `figures f` */
    from: `${getTableName(table)} ${alias}`,
    /** The SQL expression of a column. */
    sql: (key: keyof Columns & string) => sqlOf(key),
    /** Whether a column may be null, as the schema says. */
    nullable: (key: keyof Columns & string) => !columns[key].notNull,

    /** One column, as stored: JSON lists parsed (joined with "; " in CSV), booleans as booleans. */
    column <K extends keyof Columns & keyof Stored & string, S extends TSchema> (key: K, schema: Checked<Stored[K], S>): Field<S> {
      const isList = columns[key].columnType === 'SQLiteTextJson'
      return {
        schema,
        select: { [aliasOf(key)]: sqlOf(key) },
        read: readColumn(key) as (row: DbRow) => Static<S>,
        csv: isList ? (name) => ({ [name]: (value) => joinList(value as string[]) }) : single
      }
    },

    /** The ids a link table (src/db/schema.ts `link`) holds for the record, in the order the seed lists them. */
    linked (link: SQLiteTable & { leftId: SQLiteColumn, rightId: SQLiteColumn }, schema: TSchema & { type: 'array' }): Field<typeof schema> {
      const as = `${alias}_${getTableName(link)}`
      return {
        schema,
        select: {
          [as]: `(SELECT json_group_array(${link.rightId.name}) FROM (SELECT ${link.rightId.name} FROM ${getTableName(link)} ` +
            `WHERE ${link.leftId.name} = ${sqlOf('id')} ORDER BY position))`
        },
        read: (row) => JSON.parse(row[as] as string) as Static<typeof schema>,
        csv: (name) => ({ [name]: (value) => joinList(value as string[]) })
      }
    }
  }
}

/** A value SQL computes (a count, a JSON array built by a subquery), read as SQLite returns it or as parsed JSON. */
export function computed<S extends TSchema> (as: string, sql: string, schema: S, options: { json?: boolean } = {}): Field<S> {
  return {
    schema,
    select: { [as]: sql },
    read: (options.json ? (row: DbRow) => JSON.parse(row[as] as string) : (row: DbRow) => row[as]) as (row: DbRow) => Static<S>,
    csv: single
  }
}

type GroupSchema<P extends Fields> = TObject<{ [K in keyof P]: P[K]['schema'] }>

/**
 * Fields read together as one object (`period: { from, to }`): in CSV one column per part, `period_from`,
 * `period_to`. With `ref`, the record schema names it as a shared schema (`owner: Owner`).
 */
export function group<P extends Fields> (parts: P, options: TObjectOptions & { ref?: string } = {}): Field<GroupSchema<P>> {
  type Value = Static<GroupSchema<P>>
  const { ref, ...schemaOptions } = options
  const properties = Object.fromEntries(Object.entries(parts).map(([k, f]) => [k, f.schema])) as { [K in keyof P]: P[K]['schema'] }
  const schema = Type.Object(properties, ref ? { ...schemaOptions, $id: ref } : schemaOptions)
  const entries = Object.entries(parts)
  return {
    schema,
    ref,
    select: Object.assign({}, ...entries.map(([, f]) => f.select)) as Record<string, string>,
    read: (row): Value => {
      const value: Record<string, unknown> = {}
      for (const [k, f] of entries) value[k] = f.read(row)
      return value as Value
    },
    csv: (name) => Object.fromEntries(entries.flatMap(([k, f]) => Object.entries(f.csv(`${name}_${k}`))
      .map(([column, get]) => [column, (value: Value) => get((value as Record<string, never>)[k])])))
  }
}

/** The same field with other CSV columns (or none: `() => ({})`). */
export const withCsv = <S extends TSchema>(field: Field<S>, csv: Field<S>['csv']): Field<S> => ({ ...field, csv })

/** For a field left out of CSV exports. */
export const noCsv = () => ({})

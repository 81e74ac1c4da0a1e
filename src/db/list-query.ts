import type { Statement } from 'better-sqlite3'
import { LRUCache } from 'lru-cache'
import type { Sqlite } from './connection.js'
import type { CursorValue } from '../lib/cursor.js'
import { stringBytes } from '../lib/memory-size.js'

/**
 * Keyset pagination over any sort order. Each sort key becomes up to two ordering components: a null flag
 * (so that nulls come last in both directions) and the value; the record id ends every order, so the order
 * is total and no row is lost or repeated between pages.
 */

export interface SortableColumn { sql: string, nullable: boolean }

export interface ListSpec<Row> {
  /** FROM clause, with the alias the column expressions use. */
  from: string
  /** SELECT list of the row the mapper receives. */
  select: string
  id: string
  sortable: Record<string, SortableColumn>
  defaultSort: string
  map: (row: Record<string, unknown>) => Row
}

/**
 * A piece of WHERE clause and its `?` parameters; `named` binds `@name` parameters, which the spec's columns may use
 * too (the search ranks by the same MATCH expression it filters by).
 */
export interface Condition {
  sql: string
  params: unknown[]
  named?: Record<string, unknown>
  /**
   * A looser condition it implies that an index can seek by (a range on a column the condition computes with). Counts
   * add it, since they read every match; pages do not, so that SQLite walks the index of their sort and stops.
   */
  seek?: Condition
}

export interface PageRequest {
  where: Condition[]
  /** e.g. "-value,id", already checked against the spec's sort keys. */
  sort: string
  limit: number
  /** The sort-key values of the last row of the previous page. */
  after?: CursorValue[]
}

/** A page, and the sort-key values of its last row when more rows follow (what a cursor carries). */
export interface ListPage<Row> { rows: Row[], nextKeys: CursorValue[] | null }

interface Component { sql: string, descending: boolean }

/**
 * How many prepared statements a connection keeps, and how much memory. The SQL is shaped by what clients send (each
 * sort order and combination of filters is its own statement), and a statement holds SQLite memory outside the V8
 * heap that better-sqlite3 cannot report, 15-19 bytes a character of its SQL (~20 KB for a page of figures, ~70 KB
 * for totals: npm run bench:statement-memory): bounded by count and by that estimate, least recently used first out
 * (an evicted statement is finalized when it is collected). The hot shapes number in the tens.
 */
export const statementCacheEntries = 256
export const statementCacheBytes = 8 * 1024 * 1024
const statementBytesPerSqlCharacter = 20

/** The memory a prepared statement holds as the cache counts it: SQLite's estimated from its SQL, and the SQL key. */
export const statementBytes = (sql: string): number => sql.length * statementBytesPerSqlCharacter + stringBytes(sql)

const statementCache = new WeakMap<Sqlite, LRUCache<string, Statement>>()

export function prepareCached (db: Sqlite, sql: string): Statement {
  let cache = statementCache.get(db)
  if (!cache) {
    statementCache.set(db, cache = new LRUCache({
      max: statementCacheEntries, maxSize: statementCacheBytes, sizeCalculation: (_statement, key) => statementBytes(key)
    }))
  }
  let statement = cache.get(sql)
  if (!statement) cache.set(sql, statement = db.prepare(sql))
  return statement
}

/** How many statements the connection keeps prepared now, and the memory the cache counts for them. */
export const cachedStatementCount = (db: Sqlite): number => statementCache.get(db)?.size ?? 0
export const cachedStatementBytes = (db: Sqlite): number => statementCache.get(db)?.calculatedSize ?? 0

/** Turns "-value,id" into ordering components; the caller has already checked the field names. */
export function sortComponents (spec: ListSpec<unknown>, sort: string): Component[] {
  const components: Component[] = []
  let hasId = false
  for (const key of sort.split(',')) {
    const descending = key.startsWith('-')
    const field = descending ? key.slice(1) : key
    const column = spec.sortable[field]
    if (column.sql === spec.id) hasId = true
    // Parenthesised: `x IS NULL > ?` would parse as `x IS (NULL > ?)`.
    if (column.nullable) components.push({ sql: `((${column.sql}) IS NULL)`, descending: false })
    components.push({ sql: column.sql, descending })
  }
  if (!hasId) components.push({ sql: spec.id, descending: false })
  return components
}

function afterCondition (components: Component[], values: CursorValue[]): Condition {
  const disjuncts: string[] = []
  const params: unknown[] = []
  for (let i = 0; i < components.length; i++) {
    if (values[i] === null) continue
    const parts: string[] = []
    for (let j = 0; j < i; j++) {
      if (values[j] === null) {
        parts.push(`${components[j].sql} IS NULL`)
      } else {
        parts.push(`${components[j].sql} = ?`)
        params.push(values[j])
      }
    }
    parts.push(`${components[i].sql} ${components[i].descending ? '<' : '>'} ?`)
    params.push(values[i])
    disjuncts.push(`(${parts.join(' AND ')})`)
  }
  return { sql: disjuncts.length ? `(${disjuncts.join(' OR ')})` : '0', params }
}

export function whereClause (conditions: Condition[]): Condition {
  const named = Object.assign({}, ...conditions.map((c) => c.named ?? {})) as Record<string, unknown>
  return conditions.length
    ? { sql: ` WHERE ${conditions.map((c) => c.sql).join(' AND ')}`, params: conditions.flatMap((c) => c.params), named }
    : { sql: '', params: [] }
}

/** The values to bind for a where clause: its `?` parameters, then its named ones, if any. */
const bindings = (where: Condition): unknown[] =>
  where.named && Object.keys(where.named).length ? [...where.params, where.named] : where.params

/** The statement of a page and its parameters (the limit asks for one row more, to know whether there is a next page). */
export function pageQuery (spec: ListSpec<unknown>, request: PageRequest): { sql: string, params: unknown[], components: Component[] } {
  const components = sortComponents(spec, request.sort)
  const conditions = [...request.where]
  if (request.after !== undefined) conditions.push(afterCondition(components, request.after))
  const where = whereClause(conditions)
  const keys = components.map((c, i) => `${c.sql} AS __k${i}`).join(', ')
  const order = components.map((c) => `${c.sql}${c.descending ? ' DESC' : ''}`).join(', ')
  const sql = `SELECT ${spec.select}, ${keys} FROM ${spec.from}${where.sql} ORDER BY ${order} LIMIT ?`
  return { sql, params: [...bindings(where), request.limit + 1], components }
}

export function listPage<Row> (db: Sqlite, spec: ListSpec<Row>, request: PageRequest): ListPage<Row> {
  const { sql, params, components } = pageQuery(spec as ListSpec<unknown>, request)
  const rows = prepareCached(db, sql).all(...params) as Array<Record<string, unknown>>
  const hasMore = rows.length > request.limit
  if (hasMore) rows.pop()
  const last = rows.at(-1)
  return {
    rows: rows.map(spec.map),
    nextKeys: hasMore && last ? components.map((_, i) => last[`__k${i}`] as CursorValue) : null
  }
}

/** How many rows match, whatever the page. */
export function countRows (db: Sqlite, spec: ListSpec<unknown>, where: Condition[]): number {
  const clause = whereClause([...where, ...where.flatMap((condition) => condition.seek ?? [])])
  return (prepareCached(db, `SELECT count(*) AS n FROM ${spec.from}${clause.sql}`).get(...bindings(clause)) as { n: number }).n
}

/**
 * Every matching row in order, read page by page: an export holds one page in memory, and no SQLite
 * iterator stays open between pages, so other requests keep using the connection while it streams.
 */
export function * allRows<Row> (db: Sqlite, spec: ListSpec<Row>, where: Condition[], sort: string, pageSize = 1000): Generator<Row> {
  let after: CursorValue[] | undefined
  do {
    const page = listPage(db, spec, { where, sort, limit: pageSize, after })
    yield * page.rows
    after = page.nextKeys ?? undefined
  } while (after)
}

import { Readable } from 'node:stream'
import { stringify, type Options as CsvOptions } from 'csv-stringify'
import { stringify as stringifySync } from 'csv-stringify/sync'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Sqlite } from '../db/connection.js'
import { allRows, countRows, listPage, type Condition, type ListSpec } from '../db/list-query.js'
import { encodeCursor } from './cursor.js'
import type { ListRequest } from './list-request.js'

// The query and render stages of a list: the page (or every record, for a CSV export) read for a parsed request,
// and written as a JSON page with a Link header, or as CSV.

export type CsvColumns<Row> = Record<string, (row: Row) => string | number | boolean | null | undefined>

/** How a list's records leave the API: the CSV file name and columns, and the fields `fields=` may name. */
export interface ListOutput<Row> {
  name: string
  columns: CsvColumns<Row>
  /** The record's properties, in schema order. */
  fields: readonly string[]
  /** The property a CSV column comes from, where the names differ (window_from comes from window). */
  columnFields?: Record<string, string>
}

/** Adds a header name to Vary once (lower case, as @fastify/compress looks for `accept-encoding`). */
export function addVary (reply: FastifyReply, name: string): void {
  const current = reply.getHeader('vary')
  const names = current === undefined ? [] : String(current).split(',').map((n) => n.trim().toLowerCase()).filter(Boolean)
  if (!names.includes(name)) reply.header('vary', [...names, name].join(', '))
}

function pick<Row> (row: Row, fields: Set<string>): Partial<Row> {
  const picked: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row as Record<string, unknown>)) if (fields.has(key)) picked[key] = value
  return picked as Partial<Row>
}

function csvColumnsOf<Row> (output: ListOutput<Row>, fields: Set<string> | undefined): CsvColumns<Row> {
  if (!fields) return output.columns
  return Object.fromEntries(Object.entries(output.columns)
    .filter(([column]) => fields.has(output.columnFields?.[column] ?? column)))
}

function nextLink (request: FastifyRequest, cursor: string): string {
  const [path, search = ''] = request.url.split('?')
  const params = new URLSearchParams(search)
  params.set('cursor', cursor)
  return `<${request.server.publicUrl}${path}?${params.toString()}>; rel="next"`
}

/**
 * RFC 4180 CSV: CRLF line ends, a header row, UTF-8, with a byte-order mark only on request (`bom=true`: Excel
 * needs it to read UTF-8, naive parsers choke on it). A page is rendered whole, so it gets an ETag; an export of
 * every record (an iterator) is streamed.
 */
export function csvReply<Row> (reply: FastifyReply, rows: Iterable<Row>, columns: CsvColumns<Row>, name: string, bom = false): FastifyReply {
  const headers = Object.keys(columns)
  const getters = Object.values(columns)
  const record = (row: Row) => getters.map((get) => {
    const value = get(row)
    return value === null || value === undefined ? '' : value
  })
  const options: CsvOptions = { header: true, columns: headers, bom, record_delimiter: 'windows', cast: { boolean: (b) => String(b) } }
  reply.type('text/csv; charset=utf-8').header('content-disposition', `inline; filename="${name}.csv"`)
  if (Array.isArray(rows)) return reply.send(stringifySync(rows.map(record), options))
  const records = Readable.from((function * () { for (const row of rows) yield record(row) })(), { objectMode: true })
  const csv = stringify(options)
  records.on('error', (error) => csv.destroy(error))
  return reply.send(records.pipe(csv))
}

/** Reads what a parsed list request asks for and answers it. The answer depends on Accept, so it says so in Vary. */
export function replyWithList<Row> (
  request: FastifyRequest, reply: FastifyReply, db: Sqlite, spec: ListSpec<Row>, where: Condition[], list: ListRequest,
  output: ListOutput<Row>
): FastifyReply | { data: Row[], page: { limit: number, next_cursor: string | null, total?: number } } {
  addVary(reply, 'accept')
  const { sort, fields, csv } = list
  const total = list.includeTotal ? countRows(db, spec as ListSpec<unknown>, where) : undefined
  if (csv && total !== undefined) reply.header('x-total-count', total)
  const columns = csvColumnsOf(output, fields)
  if (list.limit === undefined) return csvReply(reply, allRows(db, spec, where, sort), columns, output.name, list.bom)
  const { limit } = list
  const page = listPage(db, spec, { where, sort, limit, after: list.after })
  const nextCursor = page.nextKeys ? encodeCursor(sort, page.nextKeys) : null
  if (nextCursor) reply.header('link', nextLink(request, nextCursor))
  if (csv) return csvReply(reply, page.rows, columns, output.name, list.bom)
  const body = { data: page.rows, page: { limit, next_cursor: nextCursor, ...(total === undefined ? {} : { total }) } }
  if (!fields) return body
  // The record schemas require every property, so a partial record is written by JSON.stringify; it is picked
  // from the mapped record, so it holds nothing the schema does not list.
  return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send({ ...body, data: page.rows.map((row) => pick(row, fields)) })
}

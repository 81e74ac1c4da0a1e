import { Readable } from 'node:stream'
import { stringify, type Options as CsvOptions } from 'csv-stringify'
import { stringify as stringifySync } from 'csv-stringify/sync'
import Negotiator from 'negotiator'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Sqlite } from '../db/connection.js'
import { allRows, countRows, listPage, type Condition, type ListSpec } from '../db/list-query.js'
import { Problem } from './problem.js'

// The one way a list answers: a JSON page with a Link header, or CSV (a page, or every matching record, streamed).

export type CsvColumns<Row> = Record<string, (row: Row) => string | number | boolean | null | undefined>

export interface ListParams {
  limit?: number, cursor?: string, sort?: string, format?: 'json' | 'csv', fields?: string, include_total?: boolean, bom?: boolean
}

/** How a list's records leave the API: the CSV file name and columns, and the fields `fields=` may name. */
export interface ListOutput<Row> {
  name: string
  columns: CsvColumns<Row>
  /** The record's properties, in schema order. */
  fields: readonly string[]
  /** The property a CSV column comes from, where the names differ (window_from comes from window). */
  columnFields?: Record<string, string>
}

export const defaultLimit = 50

export function checkSort (spec: ListSpec<unknown>, sort: string | undefined): string {
  if (sort === undefined) return spec.defaultSort
  const fields = sort.split(',')
  const names = fields.map((f) => f.replace(/^-/, ''))
  const unknown = names.find((name) => !Object.hasOwn(spec.sortable, name))
  if (unknown !== undefined) {
    throw Problem.badParam('sort', `cannot sort by "${unknown}". Sortable fields: ${Object.keys(spec.sortable).join(', ')}`)
  }
  if (new Set(names).size !== names.length) throw Problem.badParam('sort', 'names a field twice')
  return sort
}

const offered = ['application/json', 'text/csv']

/**
 * CSV when `format=csv`, or when the Accept header prefers text/csv (q-values and case honoured; JSON when it
 * prefers neither). The answer depends on Accept, so it says so in Vary, or a cache serves CSV to a JSON request.
 */
export function wantsCsv (request: FastifyRequest, reply: FastifyReply, format: ListParams['format']): boolean {
  addVary(reply, 'accept')
  if (format) return format === 'csv'
  return new Negotiator(request.raw).mediaType(offered) === 'text/csv'
}

/** Adds a header name to Vary once (lower case, as @fastify/compress looks for `accept-encoding`). */
export function addVary (reply: FastifyReply, name: string): void {
  const current = reply.getHeader('vary')
  const names = current === undefined ? [] : String(current).split(',').map((n) => n.trim().toLowerCase()).filter(Boolean)
  if (!names.includes(name)) reply.header('vary', [...names, name].join(', '))
}

/** The fields `fields=` names, id always included; undefined for every field. */
export function checkFields (allowed: readonly string[], fields: string | undefined): Set<string> | undefined {
  if (fields === undefined) return undefined
  const names = fields.split(',')
  const unknown = names.find((name) => !allowed.includes(name))
  if (unknown !== undefined) throw Problem.badParam('fields', `has no field "${unknown}". Fields: ${allowed.join(', ')}`)
  return new Set(['id', ...names])
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

export function replyWithList<Row> (
  request: FastifyRequest, reply: FastifyReply, db: Sqlite, spec: ListSpec<Row>, where: Condition[], params: ListParams,
  output: ListOutput<Row>
): FastifyReply | { data: Row[], page: { limit: number, next_cursor: string | null, total?: number } } {
  const sort = checkSort(spec as ListSpec<unknown>, params.sort)
  const fields = checkFields(output.fields, params.fields)
  const csv = wantsCsv(request, reply, params.format)
  const total = params.include_total === true ? countRows(db, spec as ListSpec<unknown>, where) : undefined
  if (csv && total !== undefined) reply.header('x-total-count', total)
  const columns = csvColumnsOf(output, fields)
  if (csv && params.limit === undefined && params.cursor === undefined) {
    return csvReply(reply, allRows(db, spec, where, sort), columns, output.name, params.bom)
  }
  const limit = params.limit ?? defaultLimit
  const page = listPage(db, spec, { where, sort, limit, cursor: params.cursor })
  if (page.nextCursor) reply.header('link', nextLink(request, page.nextCursor))
  if (csv) return csvReply(reply, page.rows, columns, output.name, params.bom)
  const body = { data: page.rows, page: { limit, next_cursor: page.nextCursor, ...(total === undefined ? {} : { total }) } }
  if (!fields) return body
  // The record schemas require every property, so a partial record is written by JSON.stringify; it is picked
  // from the mapped record, so it holds nothing the schema does not list.
  return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send({ ...body, data: page.rows.map((row) => pick(row, fields)) })
}

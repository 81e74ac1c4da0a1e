import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Sqlite } from '../db/connection.js'
import { allRows, listPage, type Condition, type ListSpec } from '../db/list-query.js'
import { Problem } from './problem.js'

// The one way a list answers: a JSON page with a Link header, or CSV (a page, or every matching record, streamed).

export type CsvColumns<Row> = Record<string, (row: Row) => string | number | boolean | null | undefined>

export interface ListParams { limit?: number, cursor?: string, sort?: string, format?: 'json' | 'csv' }

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

export function wantsCsv (request: FastifyRequest, format: ListParams['format']): boolean {
  if (format) return format === 'csv'
  const accept = request.headers.accept ?? ''
  const csv = accept.indexOf('text/csv')
  const json = accept.indexOf('application/json')
  return csv !== -1 && (json === -1 || csv < json)
}

function nextLink (request: FastifyRequest, cursor: string): string {
  const [path, search = ''] = request.url.split('?')
  const params = new URLSearchParams(search)
  params.set('cursor', cursor)
  return `<${path}?${params.toString()}>; rel="next"`
}

function csvReply<Row> (reply: FastifyReply, rows: Iterable<Row>, columns: CsvColumns<Row>, name: string): FastifyReply {
  const headers = Object.keys(columns)
  const getters = Object.values(columns)
  const records = Readable.from((function * () {
    for (const row of rows) {
      yield getters.map((get) => {
        const value = get(row)
        return value === null || value === undefined ? '' : value
      })
    }
  })(), { objectMode: true })
  const csv = stringify({ header: true, columns: headers, cast: { boolean: (b) => String(b) } })
  records.on('error', (error) => csv.destroy(error))
  return reply.type('text/csv; charset=utf-8')
    .header('content-disposition', `inline; filename="${name}.csv"`)
    .send(records.pipe(csv))
}

export function replyWithList<Row> (
  request: FastifyRequest, reply: FastifyReply, db: Sqlite, spec: ListSpec<Row>, where: Condition[], params: ListParams,
  csv: { name: string, columns: CsvColumns<Row> }
): FastifyReply | { data: Row[], page: { limit: number, next_cursor: string | null } } {
  const sort = checkSort(spec as ListSpec<unknown>, params.sort)
  const exportAll = wantsCsv(request, params.format) && params.limit === undefined && params.cursor === undefined
  if (exportAll) return csvReply(reply, allRows(db, spec, where, sort), csv.columns, csv.name)
  const limit = params.limit ?? defaultLimit
  const page = listPage(db, spec, { where, sort, limit, cursor: params.cursor })
  if (page.nextCursor) reply.header('link', nextLink(request, page.nextCursor))
  if (wantsCsv(request, params.format)) return csvReply(reply, page.rows, csv.columns, csv.name)
  return { data: page.rows, page: { limit, next_cursor: page.nextCursor } }
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Condition } from '../../db/list-query.js'
import { lookupOn } from '../../db/lookup.js'
import { checkFilters, parseListParams, type ListParams } from '../../lib/list-request.js'
import { replyWithList, type CsvColumns } from '../../lib/list-reply.js'
import { missingRecord } from '../../lib/removed-record.js'
import type { RecordType } from '../../release/record-types.js'
import type { Resource } from '../../resources/resource.js'
import { IdParams, NoQuery } from '../../schemas/common.js'
import { ListQuery } from '../../schemas/list-query.js'
import { detailResponses, listResponses } from '../../schemas/responses.js'

const pascal = (words: string) => words.split(/[ _-]/).map((word) => word[0].toUpperCase() + word.slice(1)).join('')

/** Only the records of the resource that match a search (the list's `q`): the plan's share of the full-text index. */
const matching = (resource: Resource, match: string | undefined): Condition[] => match === undefined ? [] : [{
  sql: `${resource.id} IN (SELECT id FROM search_index WHERE search_index MATCH ? AND type = ?)`, params: [match, resource.type]
}]

/** How a resource's records leave as CSV: its columns, and the field each comes from (for `fields=`). */
export const csvOutput = (resource: Resource) => ({
  name: resource.path,
  columns: Object.fromEntries(resource.csv.map(({ column, get }) => [column, get])) as CsvColumns<unknown>,
  fields: resource.fieldNames,
  columnFields: Object.fromEntries(resource.csv.map(({ column, field }) => [column, field]))
})

/**
 * GET /v1/<path> and /v1/<path>/{id} for a resource, from its description: parse (the route schema, then
 * src/lib/list-request.ts), plan (the resource's filters, pure), query and render (src/lib/list-reply.ts).
 */
export function recordRoutes (resource: Resource): FastifyPluginAsyncTypebox {
  const csv = csvOutput(resource)
  return async (app) => {
    const lookup = lookupOn(app.db)
    app.get('', {
      schema: {
        tags: [resource.path],
        operationId: `list${pascal(resource.plural)}`,
        summary: resource.docs.listSummary,
        description: resource.docs.listDescription,
        querystring: ListQuery(resource.plural, Object.keys(resource.sort), resource.filters.params, resource.fieldNames),
        response: listResponses(resource.schemaName, resource.path, `A page of ${resource.plural} (JSON), or CSV.`)
      }
    }, async (request, reply) => {
      const query = request.query as ListParams & Record<string, unknown>
      const list = parseListParams(resource.list, resource.fieldNames, query, request.headers.accept, lookup)
      checkFilters(resource.filters, query, lookup)
      const where = [...resource.filters.where(query as Parameters<typeof resource.filters.where>[0]), ...matching(resource, list.match)]
      return replyWithList(request, reply, app.db, resource.list, where, list, csv)
    })

    app.get('/:id', {
      schema: {
        tags: [resource.path],
        operationId: `get${pascal(resource.label)}`,
        summary: resource.docs.detailSummary,
        description: resource.docs.detailDescription,
        querystring: NoQuery,
        params: IdParams(resource.docs.examples.id, resource.label),
        response: detailResponses(`${resource.schemaName}Detail`, resource.path, `The ${resource.label} with related records embedded.`)
      }
    }, async (request) => {
      const { id } = request.params
      const record = resource.detail.read(app.db, id)
      if (record === undefined) throw missingRecord(app.db, resource.type as RecordType, id, `No ${resource.label} has id "${id}".`)
      return { data: record }
    })
  }
}

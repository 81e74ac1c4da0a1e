import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getSourceDetail, sourceFilters, sourceList } from '../../../db/queries/sources.js'
import { matching } from '../../../db/queries/search.js'
import { sourceCsv } from '../../../lib/csv-columns.js'
import { replyWithList } from '../../../lib/list-reply.js'
import { missingRecord } from '../../../lib/removed-record.js'
import { IdParams, NoQuery } from '../../../schemas/common.js'
import { SourceFilters } from '../../../schemas/filters.js'
import { Source } from '../../../schemas/source.js'
import { ListQuery } from '../../../schemas/list-query.js'
import { detailResponses, listResponses } from '../../../schemas/responses.js'

const sources: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    schema: {
      tags: ['sources'],
      operationId: 'listSources',
      summary: 'List sources',
      description: 'The published reports every number comes from: title, publisher, date, address, language and how far it can be trusted (`confidence`).',
      querystring: ListQuery('sources', Object.keys(sourceList.sortable), SourceFilters, Object.keys(Source.properties)),
      response: listResponses('Source', 'sources', 'A page of sources (JSON), or CSV.')
    }
  }, async (request, reply) => replyWithList(request, reply, app.db, sourceList, [
    ...sourceFilters(request.query), ...matching(app.db, 'source', 's.id', request.query.q)], request.query,
    { name: 'sources', columns: sourceCsv, fields: Object.keys(Source.properties) }))

  app.get('/:id', {
    schema: {
      tags: ['sources'],
      operationId: 'getSource',
      summary: 'Get one source',
      description: 'A source with the figures it reports, the figures it carries as a second copy, and the campaigns that cite it.',
      querystring: NoQuery,
      params: IdParams('src', 'src-thestar-bloomberg-2023-05-29', 'source'),
      response: detailResponses('SourceDetail', 'sources', 'The source with related records embedded.')
    }
  }, async (request) => {
    const record = getSourceDetail(app.db, request.params.id)
    if (!record) throw missingRecord(app.db, 'source', request.params.id, `No source has id "${request.params.id}".`)
    return { data: record }
  })
}

export default sources

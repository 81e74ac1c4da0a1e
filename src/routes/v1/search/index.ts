import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ListSpec } from '../../../db/list-query.js'
import { planSearch } from '../../../db/queries/search.js'
import { searchCsv } from '../../../lib/csv-columns.js'
import { defaultLimit, replyWithList, wantsCsv } from '../../../lib/list-reply.js'
import { listResponses } from '../../../schemas/responses.js'
import { rankingNote, SearchHit, SearchQuery } from '../../../schemas/search.js'

const search: FastifyPluginAsyncTypebox = async (app) => {
  const { publicUrl } = app
  const withPublicUrl = (spec: ListSpec<SearchHit>): ListSpec<SearchHit> => publicUrl ? { ...spec, map: (row) => {
    const hit = spec.map(row)
    return { ...hit, url: publicUrl + hit.url }
  } } : spec
  app.get('', {
    schema: {
      tags: ['search'],
      operationId: 'search',
      summary: 'Search every record',
      description: 'Full-text search across campaigns, regulators, platforms, violation categories, sources and figures, ' +
        'in English and Chinese: names, descriptions, notes, titles and the sources\' own wording (a figure\'s ' +
        '`value_text`, such as 141.09万余条). Each hit names its type, id and address, with a snippet that marks the ' +
        `matches. ${rankingNote} Pages with a cursor like every list; CSV with format=csv or Accept: text/csv. ` +
        'To search within one kind of record together with its filters, use `q` on its list instead (/v1/campaigns?q=…).',
      querystring: SearchQuery,
      response: listResponses('SearchHit', 'search', 'A page of hits, best first (JSON), or CSV.')
    }
  }, async (request, reply) => {
    const { q, type, ...params } = request.query
    const exportAll = wantsCsv(request, reply, params.format) && params.limit === undefined && params.cursor === undefined
    const { spec, where } = planSearch(app.db, {
      q, type, cursor: params.cursor, limit: params.limit ?? defaultLimit, includeTotal: params.include_total === true, exportAll
    })
    return replyWithList(request, reply, app.db, withPublicUrl(spec), where, params,
      { name: 'search', columns: searchCsv, fields: Object.keys(SearchHit.properties) })
  })
}

export default search

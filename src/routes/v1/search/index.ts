import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ListSpec } from '../../../db/list-query.js'
import { planSearch, searchList, type StoredHit } from '../../../db/queries/search.js'
import { searchCsv } from '../../../lib/csv-columns.js'
import { lookupOn } from '../../../db/lookup.js'
import { checkSearch, parseListParams } from '../../../lib/list-request.js'
import { replyWithList } from '../../../lib/list-reply.js'
import { recordUrl } from '../../../lib/record-url.js'
import { listResponses } from '../../../schemas/responses.js'
import { rankingNote, SearchHit, SearchQuery } from '../../../schemas/search.js'

const hitFields = Object.keys(SearchHit.properties)

const search: FastifyPluginAsyncTypebox = async (app) => {
  const lookup = lookupOn(app.db)
  const { publicUrl } = app
  // A hit's address, absolute when the server knows its public URL.
  const withUrls = (spec: ListSpec<StoredHit>): ListSpec<SearchHit> => ({ ...spec, map: (row) => {
    const hit = spec.map(row)
    return { ...hit, url: publicUrl + (recordUrl(hit.type, hit.id) ?? '') }
  } })
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
    const list = parseListParams(searchList, hitFields, params, request.headers.accept, lookup)
    const { spec, where } = planSearch(app.db, {
      match: checkSearch(lookup, q), type, after: list.after, limit: list.limit ?? 0, includeTotal: list.includeTotal, exportAll: list.limit === undefined
    })
    return replyWithList(request, reply, app.db, withUrls(spec), where, list, { name: 'search', columns: searchCsv, fields: hitFields })
  })
}

export default search

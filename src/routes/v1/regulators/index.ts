import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getRegulator, regulatorFilters, regulatorList } from '../../../db/queries/regulators.js'
import { matching } from '../../../db/queries/search.js'
import { regulatorCsv } from '../../../lib/csv-columns.js'
import { replyWithList } from '../../../lib/list-reply.js'
import { missingRecord } from '../../../lib/removed-record.js'
import { IdParams, NoQuery } from '../../../schemas/common.js'
import { RegulatorFilters } from '../../../schemas/filters.js'
import { Regulator } from '../../../schemas/regulator.js'
import { ListQuery } from '../../../schemas/list-query.js'
import { detailResponses, listResponses } from '../../../schemas/responses.js'

const regulators: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    schema: {
      tags: ['regulators'],
      operationId: 'listRegulators',
      summary: 'List regulators',
      description: 'State bodies that ran censorship campaigns, with names in English and Chinese, parent body and founding date (partial dates allowed; where sources disagree, `founding_notes` says how).',
      querystring: ListQuery('regulators', Object.keys(regulatorList.sortable), RegulatorFilters, Object.keys(Regulator.properties)),
      response: listResponses('Regulator', 'regulators', 'A page of regulators (JSON), or CSV.')
    }
  }, async (request, reply) => replyWithList(request, reply, app.db, regulatorList, [
    ...regulatorFilters(app.db, request.query), ...matching(app.db, 'regulator', 'r.id', request.query.q)], request.query,
    { name: 'regulators', columns: regulatorCsv, fields: Object.keys(Regulator.properties) }))

  app.get('/:id', {
    schema: {
      tags: ['regulators'],
      operationId: 'getRegulator',
      summary: 'Get one regulator',
      description: 'A regulator with its parent, the campaigns it ran and its sources in full.',
      querystring: NoQuery,
      params: IdParams('reg', 'reg-cac', 'regulator'),
      response: detailResponses('RegulatorDetail', 'regulators', 'The regulator with related records embedded.')
    }
  }, async (request) => {
    const record = getRegulator(app.db, request.params.id)
    if (!record) throw missingRecord(app.db, 'regulator', request.params.id, `No regulator has id "${request.params.id}".`)
    return { data: record }
  })
}

export default regulators

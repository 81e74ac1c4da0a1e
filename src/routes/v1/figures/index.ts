import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { figureFilters, figureList, getFigure } from '../../../db/queries/figures.js'
import { matching } from '../../../db/queries/search.js'
import { figureCsv, figureCsvFields } from '../../../lib/csv-columns.js'
import { replyWithList } from '../../../lib/list-reply.js'
import { missingRecord } from '../../../lib/removed-record.js'
import { IdParams, NoQuery } from '../../../schemas/common.js'
import { FigureFilters } from '../../../schemas/filters.js'
import { Figure } from '../../../schemas/figure.js'
import { ListQuery } from '../../../schemas/list-query.js'
import { detailResponses, listResponses } from '../../../schemas/responses.js'

const figures: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    schema: {
      tags: ['figures'],
      operationId: 'listFigures',
      summary: 'List figures',
      description: 'Every reported number, one per record: the value, the source\'s own wording and hedge (`qualifier`), ' +
        'what was counted (`unit`), what was done (`action`), the campaign, the category and the source. A number the ' +
        'source gives only in words ("hundreds of thousands") has `value` null and qualifier `vague`.',
      querystring: ListQuery('figures', Object.keys(figureList.sortable), FigureFilters, Object.keys(Figure.properties)),
      response: listResponses('Figure', 'figures', 'A page of figures (JSON), or CSV.')
    }
  }, async (request, reply) => replyWithList(request, reply, app.db, figureList, [
    ...figureFilters(app.db, request.query), ...matching(app.db, 'figure', 'f.id', request.query.q)], request.query,
    { name: 'figures', columns: figureCsv, fields: Object.keys(Figure.properties), columnFields: figureCsvFields }))

  app.get('/:id', {
    schema: {
      tags: ['figures'],
      operationId: 'getFigure',
      summary: 'Get one figure',
      description: 'A figure with its source in full, the other sources that carry the same number, its campaign, ' +
        'category and platforms.',
      querystring: NoQuery,
      params: IdParams('fig', 'fig-015', 'figure'),
      response: detailResponses('FigureDetail', 'figures', 'The figure with related records embedded.')
    }
  }, async (request) => {
    const figure = getFigure(app.db, request.params.id)
    if (!figure) throw missingRecord(app.db, 'figure', request.params.id, `No figure has id "${request.params.id}".`)
    return { data: figure }
  })
}

export default figures

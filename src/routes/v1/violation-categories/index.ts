import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getViolationCategory, violationCategoryFilters, violationCategoryList } from '../../../db/queries/violation-categories.js'
import { matching } from '../../../db/queries/search.js'
import { violationCategoryCsv } from '../../../lib/csv-columns.js'
import { replyWithList } from '../../../lib/list-reply.js'
import { missingRecord } from '../../../lib/removed-record.js'
import { IdParams, NoQuery } from '../../../schemas/common.js'
import { ViolationCategoryFilters } from '../../../schemas/filters.js'
import { ViolationCategory } from '../../../schemas/violation-category.js'
import { ListQuery } from '../../../schemas/list-query.js'
import { detailResponses, listResponses } from '../../../schemas/responses.js'

const violationCategories: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    schema: {
      tags: ['violation-categories'],
      operationId: 'listViolationCategories',
      summary: 'List violation categories',
      description: 'What censored content or accounts were accused of, in the sources\' own terms, in English and Chinese. ' +
        'A category that is a kind of another names it in `parent_id`.',
      querystring: ListQuery('violation categories', Object.keys(violationCategoryList.sortable), ViolationCategoryFilters, Object.keys(ViolationCategory.properties)),
      response: listResponses('ViolationCategory', 'violation-categories', 'A page of violation categories (JSON), or CSV.')
    }
  }, async (request, reply) => replyWithList(request, reply, app.db, violationCategoryList, [
    ...violationCategoryFilters(app.db, request.query), ...matching(app.db, 'violation_category', 'v.id', request.query.q)], request.query,
    { name: 'violation-categories', columns: violationCategoryCsv, fields: Object.keys(ViolationCategory.properties) }))

  app.get('/:id', {
    schema: {
      tags: ['violation-categories'],
      operationId: 'getViolationCategory',
      summary: 'Get one violation category',
      description: 'A violation category with its parent and children, the campaigns that targeted it and its sources in full.',
      querystring: NoQuery,
      params: IdParams('cat', 'cat-impersonation-military', 'violation category'),
      response: detailResponses('ViolationCategoryDetail', 'violation-categories', 'The violation category with related records embedded.')
    }
  }, async (request) => {
    const record = getViolationCategory(app.db, request.params.id)
    if (!record) throw missingRecord(app.db, 'violation_category', request.params.id, `No violation category has id "${request.params.id}".`)
    return { data: record }
  })
}

export default violationCategories

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getPlatform, platformFilters, platformList } from '../../../db/queries/platforms.js'
import { matching } from '../../../db/queries/search.js'
import { platformCsv, platformCsvFields } from '../../../lib/csv-columns.js'
import { replyWithList } from '../../../lib/list-reply.js'
import { missingRecord } from '../../../lib/removed-record.js'
import { IdParams, NoQuery } from '../../../schemas/common.js'
import { PlatformFilters } from '../../../schemas/filters.js'
import { Platform } from '../../../schemas/platform.js'
import { ListQuery } from '../../../schemas/list-query.js'
import { detailResponses, listResponses } from '../../../schemas/responses.js'

const platforms: FastifyPluginAsyncTypebox = async (app) => {
  app.get('', {
    schema: {
      tags: ['platforms'],
      operationId: 'listPlatforms',
      summary: 'List platforms',
      description: 'Services on which censorship happened, each with the company that owns it (`owner`), its kind and launch date.',
      querystring: ListQuery('platforms', Object.keys(platformList.sortable), PlatformFilters, Object.keys(Platform.properties)),
      response: listResponses('Platform', 'platforms', 'A page of platforms (JSON), or CSV.')
    }
  }, async (request, reply) => replyWithList(request, reply, app.db, platformList, [
    ...platformFilters(app.db, request.query), ...matching(app.db, 'platform', 'p.id', request.query.q)], request.query,
    { name: 'platforms', columns: platformCsv, fields: Object.keys(Platform.properties), columnFields: platformCsvFields }))

  app.get('/:id', {
    schema: {
      tags: ['platforms'],
      operationId: 'getPlatform',
      summary: 'Get one platform',
      description: 'A platform with its owner, the campaigns that named it or whose figures cover it, and its sources in full.',
      querystring: NoQuery,
      params: IdParams('plat', 'plat-weibo', 'platform'),
      response: detailResponses('PlatformDetail', 'platforms', 'The platform with related records embedded.')
    }
  }, async (request) => {
    const record = getPlatform(app.db, request.params.id)
    if (!record) throw missingRecord(app.db, 'platform', request.params.id, `No platform has id "${request.params.id}".`)
    return { data: record }
  })
}

export default platforms

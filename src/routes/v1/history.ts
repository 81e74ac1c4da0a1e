import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { recordExists, recordHistory } from '../../db/queries/changes.js'
import { Problem } from '../../lib/problem.js'
import { withRecordUrl } from '../../lib/record-url.js'
import { recordTypes } from '../../release/record-types.js'
import { IdParams } from '../../schemas/common.js'
import { example } from '../../schemas/examples.js'

// GET /v1/<type>/{id}/history for every type the API serves: one route each, described once here.
const exampleIds: Record<string, string> = {
  source: 'src-seed-gadgets360-2023-05-27', regulator: 'reg-cac', platform: 'plat-weibo',
  violation_category: 'cat-self-media-general', campaign: 'camp-qinglang-2023-self-media', figure: 'fig-015'
}
const history: FastifyPluginAsyncTypebox = async (app) => {
  for (const { type, path, label } of recordTypes) {
    if (!path) continue
    app.get(`/v1/${path}/:id/history`, {
      schema: {
        tags: [path],
        operationId: `get${type.split('_').map((word) => word[0].toUpperCase() + word.slice(1)).join('')}History`,
        summary: `Every change to one ${label}`,
        description: `Each release that added, changed or removed this ${label}, newest first, with the fields before ` +
          'and after and the curator\'s reason. Answers for a removed record too (its detail answers 410).',
        params: IdParams(exampleIds[type], label),
        response: {
          200: Type.Object({ data: Type.Ref('RecordHistory') }, { description: 'The record\'s history.', examples: [example(`${path}.history`)] }),
          404: Type.Ref('Problem', { description: 'No record ever had this id.' })
        }
      }
    }, async (request) => {
      const { id } = request.params
      const changes = recordHistory(app.db, type, id).map(withRecordUrl)
      const current = recordExists(app.db, type, id)
      if (!current && changes.length === 0) throw Problem.notFound(`No ${label} has or ever had id "${id}".`)
      return { data: { record_type: type, record_id: id, status: current ? 'current' as const : 'removed' as const, changes } }
    })
  }
}

export default history

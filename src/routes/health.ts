import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NoQuery } from '../schemas/common.js'

const health: FastifyPluginAsyncTypebox = async (app) => {
  // The served file never changes, so the counts are made once (counting a million figures takes tens of
  // milliseconds); each check still reads the database, so a broken file still fails it.
  const counts = app.db.prepare('SELECT (SELECT count(*) FROM figures) AS figures, (SELECT count(*) FROM campaigns) AS campaigns')
    .get() as { figures: number, campaigns: number }
  const readCheck = app.db.prepare('SELECT 1 FROM figures LIMIT 1').pluck()
  app.get('/health', {
    // A load balancer checks often: its 601st check in a minute must not read as a dead replica (429).
    // Nor is it ever answered from the answer cache: each check reads the database.
    config: { rateLimit: false, answerCache: false },
    schema: {
      tags: ['meta'],
      operationId: 'getHealth',
      summary: 'Is the API up?',
      description: 'Answers 200 when the API can read its database, with the number of records it serves.',
      querystring: NoQuery,
      response: {
        200: Type.Object({
          status: Type.Literal('ok', { description: 'Always "ok" on a 200.' }),
          figures: Type.Integer({ description: 'How many figures the database holds.' }),
          campaigns: Type.Integer({ description: 'How many campaigns the database holds.' })
        }, { description: 'The API is up and its database readable.', examples: [{ status: 'ok', figures: 167, campaigns: 36 }] })
      }
    }
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    readCheck.get()
    return { status: 'ok' as const, ...counts }
  })
}

export default health

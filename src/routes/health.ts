import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    schema: {
      tags: ['meta'],
      summary: 'Is the API up?',
      description: 'Answers 200 when the API can read its database, with the number of records it serves.',
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
    const counts = app.db.prepare('SELECT (SELECT count(*) FROM figures) AS figures, (SELECT count(*) FROM campaigns) AS campaigns')
      .get() as { figures: number, campaigns: number }
    return { status: 'ok' as const, ...counts }
  })
}

export default health

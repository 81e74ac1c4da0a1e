import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { NoQuery } from '../schemas/common.js'
import { completeDocument } from './openapi-document.js'

export const apiDescription = `Structured, sourced data about state online-censorship campaigns: who ran them (regulators),
where (platforms), against what (violation categories), and what was done (figures: posts deleted, accounts closed...).
Every figure names its source, keeps the source's own wording and hedge ("over", "almost", "around"), and never
changes id. /v1/search finds any record in English or Chinese, and every list takes the same \`q\`. Lists page with an
opaque cursor and export as CSV; errors are RFC 9457 problem details.`

export interface OpenApiOptions {
  /** Where the API is served (PUBLIC_URL); without it the document names its own origin ("/"), which Swagger UI resolves. */
  publicUrl?: string
}

export default fp(async function openapi (app: FastifyInstance, options: OpenApiOptions) {
  await app.register(swagger, {
    transformObject: (documentObject) => 'openapiObject' in documentObject ? completeDocument(documentObject.openapiObject) : documentObject.swaggerObject,
    openapi: {
      openapi: '3.1.0',
      servers: [{ url: options.publicUrl?.replace(/\/$/, '') || '/', description: 'This API' }],
      // A public, read-only API: no operation needs credentials.
      security: [],
      info: { title: 'Censorship Campaigns API', version: '1.0.0', description: apiDescription, license: { name: 'CC-BY-4.0 (the compiled dataset; each quoted text stays its publisher\'s)', url: 'https://creativecommons.org/licenses/by/4.0/' } },
      tags: [
        { name: 'campaigns', description: 'Censorship campaigns, their windows, regulators, platforms and categories.' },
        { name: 'figures', description: 'The numbers: one reported figure per record, each with its source.' },
        { name: 'regulators', description: 'State bodies that ran campaigns.' },
        { name: 'platforms', description: 'Services where the censorship happened, with their owners.' },
        { name: 'violation-categories', description: 'What content or accounts were accused of.' },
        { name: 'sources', description: 'The reports every number comes from.' },
        { name: 'search', description: 'Full-text search over every record, in English and Chinese, ranked by relevance.' },
        { name: 'stats', description: 'Totals and time series of figures, added up without mixing units or counting a fact twice.' },
        { name: 'dataset', description: 'Which data release is served, what each release changed and why, and the whole dataset to download.' },
        { name: 'meta', description: 'Health and the API description itself.' }
      ]
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `schema-${i}`) }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })

  app.get('/openapi.json', {
    schema: {
      tags: ['meta'],
      operationId: 'getOpenApiJson',
      summary: 'The OpenAPI document, as JSON',
      description: 'The contract of this API (OpenAPI 3.1): the same document Swagger UI at /docs shows.',
      querystring: NoQuery,
      response: { 200: Type.Object({}, { additionalProperties: true, description: 'An OpenAPI 3.1 document.' }) }
    }
  }, async () => app.swagger())

  app.get('/openapi.yaml', {
    schema: {
      tags: ['meta'],
      operationId: 'getOpenApiYaml',
      summary: 'The OpenAPI document, as YAML',
      description: 'The same document as /openapi.json, in YAML; the repository commits it as openapi.yaml.',
      querystring: NoQuery,
      produces: ['application/yaml'],
      response: { 200: Type.String({ description: 'An OpenAPI 3.1 document in YAML.' }) }
    }
  }, async (_request, reply) => reply.type('application/yaml; charset=utf-8').send(Buffer.from(app.swagger({ yaml: true }))))
}, { name: 'openapi' })

import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Problem, problemContentType, type InvalidParam } from '../lib/problem.js'
import { problemResponse } from '../schemas/responses.js'

// Every error leaves the API as problem+json, built here and nowhere else; 5xx bodies never carry internals.

interface ParamSchema { type?: string, enum?: unknown[], properties?: Record<string, ParamSchema> }

const contexts: Record<string, InvalidParam['in']> = { querystring: 'query', params: 'path', headers: 'header', body: 'body' }

function validationProblem (request: FastifyRequest, error: FastifyError): Problem {
  const where = contexts[error.validationContext ?? 'querystring'] ?? 'query'
  const schemaKey = error.validationContext === 'params' ? 'params' : 'querystring'
  const schema = (request.routeOptions.schema?.[schemaKey] ?? {}) as ParamSchema
  const known = Object.keys(schema.properties ?? {})
  const invalidParams: InvalidParam[] = (error.validation ?? []).map((v) => {
    const params = v.params as { additionalProperty?: string, missingProperty?: string }
    if (params.additionalProperty) {
      return {
        name: params.additionalProperty,
        in: where,
        reason: `is not a parameter of this endpoint. Known parameters: ${known.join(', ') || 'none'}`
      }
    }
    const name = params.missingProperty ?? v.instancePath.replace(/^\//, '').split('/')[0]
    const allowed = schema.properties?.[name]?.enum
    return { name, in: where, reason: allowed ? `must be one of: ${allowed.join(', ')}` : v.message ?? 'is invalid' }
  })
  const [first] = invalidParams
  const unknown = (error.validation ?? []).some((v) => 'additionalProperty' in v.params)
  return new Problem(400, first ? `Parameter "${first.name}" ${first.reason}` : error.message,
    { invalidParams, type: unknown ? 'unknown-parameter' : 'invalid-parameter' })
}

export function sendProblem (request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).type(problemContentType).send(problem.body(request.url))
}

const anyRoute = {
  400: {
    description: 'A parameter is repeated, unknown or malformed; `invalid_params` says which.',
    example: 'Parameter "limit" is repeated: give it once (lists take comma-separated values)'
  },
  429: {
    description: 'Too many requests from this client; `Retry-After` says in how many seconds to try again, `RateLimit-*` headers say the limit.',
    example: 'Too many requests: this API allows 600 requests per 60 s per client. Try again in 42 seconds.'
  },
  500: {
    description: 'A fault on our side; it is logged, and the body carries no internals.',
    example: 'Something went wrong on our side. It has been logged; please try again later.'
  },
  503: {
    description: 'The service is overloaded or shutting down; `Retry-After` says in how many seconds to try again.',
    example: 'The service is overloaded; try again in 10 seconds.'
  }
}

const longPath = {
  414: { description: 'The id in the path is longer than any id (200 characters).', example: 'The path is too long: an id has at most 200 characters.' }
}

/** Any route may answer 400 (a repeated parameter), 429 (rate limit) or 503 (load shedding): every route says so. */
function withAnyRouteResponses (response: Record<string, unknown>, hasPathParameter: boolean): Record<string, unknown> {
  const added = Object.fromEntries(Object.entries({ ...anyRoute, ...(hasPathParameter ? longPath : {}) }).filter(([status]) => !(status in response))
    .map(([status, { description, example }]) => [status, problemResponse(description, new Problem(Number(status), example), '/v1/campaigns')]))
  return { ...response, ...added }
}

export default fp(async function problems (app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (route.schema?.response && !route.schema.hide) {
      route.schema = { ...route.schema, response: withAnyRouteResponses(route.schema.response as Record<string, unknown>, route.url.includes(':')) }
    }
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof Problem) return sendProblem(request, reply, error)
    if (error.validation) return sendProblem(request, reply, validationProblem(request, error))
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) return sendProblem(request, reply, new Problem(status, error.message))
    request.log.error({ err: error }, 'request failed')
    const problem = status === 503
      ? new Problem(503, 'The service is overloaded; try again shortly.', { headers: { 'retry-after': '5' } })
      : new Problem(500, 'Something went wrong on our side. It has been logged; please try again later.')
    return sendProblem(request, reply, problem)
  })

  // Unknown paths and methods count towards the rate limit too (when it is registered first), or probing is free.
  const limited = app.hasDecorator('rateLimit') ? { preHandler: app.rateLimit() } : {}
  app.setNotFoundHandler(limited, (request, reply) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      return sendProblem(request, reply, new Problem(405, `This API is read-only: ${request.method} is not allowed. Use GET.`,
        { headers: { allow: 'GET, HEAD' } }))
    }
    return sendProblem(request, reply, Problem.notFound(`Nothing is served at ${request.url.split('?')[0]}. The endpoints are listed at /docs.`))
  })

  // A repeated parameter (?limit=1&limit=500) is ambiguous: refuse it rather than pick one.
  // Ajv coerces "1e309" to Infinity and lets it pass both `integer` and `maximum`: refuse it here, before it reaches SQL.
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | undefined
    const properties = (request.routeOptions.schema?.querystring as ParamSchema | undefined)?.properties ?? {}
    for (const [name, value] of Object.entries(query ?? {})) {
      if (Array.isArray(value)) throw Problem.badParam(name, 'is repeated: give it once (lists take comma-separated values)', 'repeated-parameter')
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
      if (properties[name]?.type === 'integer' && !Number.isNaN(number) && !Number.isSafeInteger(number)) {
        throw Problem.badParam(name, 'must be an integer (a whole number of at most 15 digits)')
      }
    }
  })
}, { name: 'problems' })

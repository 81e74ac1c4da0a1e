import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { Problem } from '../lib/problem.js'

export interface RateLimitOptions { max: number, windowMs: number }

// Per client address (request.ip, which honours TRUST_PROXY). Draft-7 headers: RateLimit-Limit, -Remaining, -Reset.
export default fp(async function rateLimiting (app: FastifyInstance, options: RateLimitOptions) {
  await app.register(rateLimit, {
    global: true,
    max: options.max,
    timeWindow: options.windowMs,
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) => new Problem(429,
      `Too many requests: this API allows ${context.max} requests per ${Math.round(options.windowMs / 1000)} s per client. Try again in ${context.after}.`)
  })
}, { name: 'rate-limit' })

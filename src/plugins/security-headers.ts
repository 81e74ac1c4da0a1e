import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'
import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'

// Helmet's defaults (CSP default-src 'self', nosniff, frame-ancestors 'none'...) suit Swagger UI at /docs, which
// serves its scripts and styles from this origin (checked in Chromium by test/docs-browser.test.ts). Resources stay readable cross-origin: this is a public API.
export const helmetOptions = {
  crossOriginResourcePolicy: { policy: 'cross-origin' as const },
  // Served over plain HTTP on a laptop too: upgrading /docs' own requests to https would break it there.
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } }
} satisfies HelmetOptions

/**
 * The headers helmet sets with these options, worked out once. @fastify/helmet builds helmet's middleware (and
 * parses the CSP directives) on every request; without nonces the result is the same every time.
 */
export function securityHeaderSet (options: HelmetOptions = helmetOptions): Record<string, string> {
  const request = new IncomingMessage(new Socket())
  const response = new ServerResponse(request)
  let failure: unknown
  helmet(options)(request, response, (error?: unknown) => { failure = error })
  if (failure) throw failure
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]))
}

export default fp(async function securityHeaders (app: FastifyInstance) {
  const headers = securityHeaderSet()
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
}, { name: 'security-headers' })

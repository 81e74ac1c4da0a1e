import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

// Helmet's defaults (CSP default-src 'self', nosniff, frame-ancestors 'none'...) suit Swagger UI at /docs, which
// serves its scripts and styles from this origin (checked in Chromium by test/docs-browser.test.ts). Resources stay readable cross-origin: this is a public API.
export default fp(async function securityHeaders (app: FastifyInstance) {
  await app.register(helmet, {
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // Served over plain HTTP on a laptop too: upgrading /docs' own requests to https would break it there.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } }
  })
}, { name: 'security-headers' })

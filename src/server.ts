import { buildApp } from './app.js'
import { trustProxy, type Config } from './config.js'
import { sharedSerializers } from './lib/shared-serializers.js'

/**
 * Serves an already prepared database file until SIGTERM or SIGINT, then finishes in-flight requests, closes the
 * database and exits. src/main.ts prepares the file once and calls this in each worker.
 */
export async function serve (config: Config, options: { seeded?: boolean } = {}) {
  const serializers = sharedSerializers()
  const app = await buildApp({
    databasePath: config.DATABASE_PATH,
    publicUrl: config.PUBLIC_URL,
    fastify: {
      logger: { level: config.LOG_LEVEL },
      // Fastify takes a hop count too, though its type does not say so.
      trustProxy: trustProxy(config.TRUST_PROXY) as boolean | string[],
      requestTimeout: config.REQUEST_TIMEOUT_MS,
      // In-flight requests finish on close; new requests on kept-alive connections are still answered, not refused.
      return503OnClosing: false,
      // Each distinct response schema compiled once, not once per route and status, and after listen: a start ~1 s shorter.
      schemaController: { compilersFactory: { buildSerializer: serializers.factory } }
    },
    rateLimit: { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
    answerCache: { maxBytes: config.ANSWER_CACHE_MB * 1024 * 1024 },
    loadShedding: { maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS, maxHeapUsedBytes: config.MAX_HEAP_USED_MB * 1024 * 1024 }
  })
  if (options.seeded) app.log.info({ database: config.DATABASE_PATH }, 'database created and seeded from seed/')

  // Graceful shutdown: stop accepting, let in-flight requests finish, close the database; give up after the deadline.
  // While closing, every answer says `Connection: close`, and a connection is closed as soon as it falls idle: close()
  // only closes the connections idle at that moment, and one still sending a compressed (streamed) answer would
  // otherwise stay open, kept alive, until the deadline.
  let closing = false
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close')
    return payload
  })
  const shutdownTimeoutMs = config.SHUTDOWN_TIMEOUT_MS
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      closing = true
      setInterval(() => app.server.closeIdleConnections(), 50).unref()
      app.log.info({ signal, deadline_ms: shutdownTimeoutMs }, 'closing: finishing in-flight requests')
      setTimeout(() => {
        app.log.error({ deadline_ms: shutdownTimeoutMs }, 'shutdown deadline passed: exiting with requests still open')
        process.exit(1)
      }, shutdownTimeoutMs).unref()
      app.close().then(() => {
        app.log.info('closed')
        process.exit(0)
      }, (error) => {
        app.log.error(error)
        process.exit(1)
      })
    })
  }

  await app.listen({ port: config.PORT, host: config.HOST })
  await serializers.compileRest()
  return app
}

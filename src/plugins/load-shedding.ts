import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import { Problem } from '../lib/problem.js'

export interface LoadSheddingOptions {
  /** 0 turns the check off. */
  maxEventLoopDelayMs: number
  /** 0 turns the check off. */
  maxHeapUsedBytes: number
  sampleIntervalMs?: number
}

export const retryAfterSeconds = 10

// @fastify/under-pressure's default: one event-loop delay sample per second.
const defaultSampleIntervalMs = 1000

// Refuse new work with 503 while the process is saturated, instead of queueing until it falls over.
export default fp(async function loadShedding (app: FastifyInstance, options: LoadSheddingOptions) {
  const sampleIntervalMs = options.sampleIntervalMs ?? defaultSampleIntervalMs
  // The first delay samples after a start measure the start itself (compiling every route's schemas blocks the event
  // loop for a second or more on a busy machine), not requests: a fresh server answered 503 to everything, /health
  // included, for up to a second after it listened. Two samples later the delay measured is the requests' own.
  let startedAt = Infinity
  app.addHook('onReady', async () => { startedAt = performance.now() })
  const measuresTheStart = () => performance.now() - startedAt < 2 * sampleIntervalMs
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    maxHeapUsedBytes: options.maxHeapUsedBytes,
    sampleInterval: options.sampleIntervalMs,
    retryAfter: retryAfterSeconds,
    pressureHandler: async (request, _reply, type, value) => {
      if (type === underPressure.TYPE_EVENT_LOOP_DELAY && measuresTheStart()) return
      request.log.warn({ pressure: type, value }, 'shedding load')
      throw new Problem(503, `The service is overloaded; try again in ${retryAfterSeconds} seconds.`,
        { headers: { 'retry-after': String(retryAfterSeconds) } })
    }
  })
}, { name: 'load-shedding' })

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

// Refuse new work with 503 while the process is saturated, instead of queueing until it falls over.
export default fp(async function loadShedding (app: FastifyInstance, options: LoadSheddingOptions) {
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    maxHeapUsedBytes: options.maxHeapUsedBytes,
    sampleInterval: options.sampleIntervalMs,
    retryAfter: retryAfterSeconds,
    pressureHandler: async (request, _reply, type, value) => {
      request.log.warn({ pressure: type, value }, 'shedding load')
      throw new Problem(503, `The service is overloaded; try again in ${retryAfterSeconds} seconds.`,
        { headers: { 'retry-after': String(retryAfterSeconds) } })
    }
  })
}, { name: 'load-shedding' })

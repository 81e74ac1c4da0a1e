import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: never served from or kept in the answer cache (/health must read the database each time). */
    answerCache?: boolean
  }
  interface FastifyInstance {
    /** Present when the answer cache is on. */
    answerCache?: LRUCache<string, Answer>
  }
}

export interface AnswerCacheOptions {
  /** 0 turns the cache off. */
  maxEntries: number
  maxBytes: number
  /** Identifies the served data (src/db/dataset-version.ts): part of every key. */
  datasetVersion: string
}

interface Answer { body: string | Buffer, headers: Record<string, string>, bytes: number }

// The headers that belong to the representation. Per-request and per-client ones (request id, rate-limit counts)
// and the security headers are set again by their own hooks, which run before this one on a hit too.
const representationHeaders = ['content-type', 'content-encoding', 'content-disposition', 'content-language', 'etag',
  'cache-control', 'vary', 'link', 'x-total-count', 'last-modified']

/** The request as the cache sees it: the path, the query sorted and re-encoded, and what decides the representation. */
export function answerKey (request: FastifyRequest, datasetVersion: string): string {
  const question = request.url.indexOf('?')
  const path = question === -1 ? request.url : request.url.slice(0, question)
  const query = question === -1 ? '' : new URLSearchParams(request.url.slice(question + 1))
  const sorted = query ? [...query].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0) : []
  return [datasetVersion, request.method, path, new URLSearchParams(sorted).toString(),
    request.headers.accept ?? '', request.headers['accept-encoding'] ?? ''].join('\n')
}

const notModified = (request: FastifyRequest, etag: string | undefined) => {
  const given = request.headers['if-none-match']
  return etag !== undefined && given !== undefined && given.split(/\s*,\s*/).some((tag) => tag === etag || tag === `W/${etag}` || tag === '*')
}

/**
 * Answers kept whole (body, ETag and the representation headers), so a repeated question costs a lookup. The
 * dataset is immutable while served, so an answer is valid until the process serves another file. Bounded in
 * entries and bytes, least recently used first out. Only 200s of GET whose body is already serialised are kept:
 * streamed CSV exports and errors are made each time.
 */
export default fp(async function answerCache (app: FastifyInstance, options: AnswerCacheOptions) {
  if (options.maxEntries <= 0 || options.maxBytes <= 0) return
  const answers = new LRUCache<string, Answer>({
    max: options.maxEntries,
    maxSize: options.maxBytes,
    sizeCalculation: (answer) => answer.bytes
  })
  app.decorate('answerCache', answers)
  const keys = new WeakMap<FastifyRequest, string>()

  // preParsing, the first step after every onRequest hook, the routes' own included: the rate limit
  // (@fastify/rate-limit hooks each route) and load shedding still apply to an answer from the cache.
  app.addHook('preParsing', (request, reply, _payload, done) => {
    if (request.method !== 'GET' || request.routeOptions.config.answerCache === false) return done()
    const key = answerKey(request, options.datasetVersion)
    const answer = answers.get(key)
    if (!answer) {
      keys.set(request, key)
      return done()
    }
    // Answered here; not calling done ends the lifecycle before validation and the handler.
    reply.headers(answer.headers)
    if (notModified(request, answer.headers.etag)) reply.code(304).send()
    else reply.send(answer.body)
  })

  app.addHook('onSend', (request, reply: FastifyReply, payload, done) => {
    const key = keys.get(request)
    if (key === undefined || reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return done()
    const headers: Record<string, string> = {}
    let bytes = Buffer.byteLength(payload) + key.length
    for (const name of representationHeaders) {
      const value = reply.getHeader(name)
      if (value === undefined) continue
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value)
      bytes += name.length + headers[name].length
    }
    answers.set(key, { body: payload, headers, bytes })
    done()
  })
}, { name: 'answer-cache', dependencies: ['http-caching'] })

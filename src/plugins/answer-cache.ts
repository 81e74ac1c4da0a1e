import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { stringBytes, valueBytes } from '../lib/memory-size.js'
import { representationBytes, representationOf, sendRepresentation, type Representation } from './http-caching.js'

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

export interface Answer {
  representation: Representation
  headers: Record<string, string>
  /** The memory the entry holds, counted against the bound, and of that, what the representation held when counted. */
  bytes: number
  representationBytes: number
}

// The headers that belong to the answer whatever its coding. The ETag and Content-Encoding are chosen per request
// from the representation (src/plugins/http-caching.ts); per-request and per-client headers (request id, rate-limit
// counts) and the security headers are set again by their own hooks, which run before this one on a hit too.
const representationHeaders = ['content-type', 'content-disposition', 'content-language', 'cache-control', 'vary', 'link',
  'x-total-count', 'last-modified']

// The objects of an entry (the answer, its representation and codings, the cache's map entry), so that tiny answers
// are bounded too; the buffers, strings and headers are counted by what they hold (src/lib/memory-size.ts).
const entryOverhead = 200

/**
 * The request as the cache sees it: the path, the query sorted and re-encoded, and the media type asked for. Not the
 * Accept-Encoding: an entry holds the uncompressed answer and each coding made of it, whichever client asked first.
 */
export function answerKey (request: FastifyRequest, datasetVersion: string): string {
  const question = request.url.indexOf('?')
  const path = question === -1 ? request.url : request.url.slice(0, question)
  const query = question === -1 ? '' : new URLSearchParams(request.url.slice(question + 1))
  const sorted = query ? [...query].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0) : []
  return [datasetVersion, request.method, path, new URLSearchParams(sorted).toString(), request.headers.accept ?? ''].join('\n')
}

function answerOf (reply: FastifyReply, key: string, representation: Representation): Answer {
  const headers: Record<string, string> = {}
  const weight = representationBytes(representation)
  for (const name of representationHeaders) {
    const value = reply.getHeader(name)
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  const bytes = entryOverhead + stringBytes(key) + valueBytes(headers) + weight
  return { representation, headers, bytes, representationBytes: weight }
}

/**
 * Answers kept whole (body, hash and the codings made of it, and the representation headers), so that a repeated
 * question costs a lookup: no handler, no serialiser, no hash, no compression. The dataset is immutable while
 * served, so an answer is valid until the process serves another file. Bounded in entries and bytes (the codings
 * counted), least recently used first out. Only 200s of GET whose body is made whole are kept: streamed CSV exports
 * and errors are made each time.
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
    keys.set(request, key)
    const answer = answers.get(key)
    if (!answer) return done()
    // Answered here; not calling done ends the lifecycle before validation and the handler. http-caching's onSend
    // still decides the 304, the coding and the ETag, from the representation.
    reply.headers(answer.headers)
    sendRepresentation(reply, answer.representation)
  })

  // After http-caching's onSend (registered after it): the representation is made, and a coding it needed added.
  app.addHook('onSend', (request, reply, payload, done) => {
    const key = keys.get(request)
    const representation = representationOf(reply)
    if (key === undefined || representation === undefined) return done()
    const kept = answers.peek(key)
    if (kept?.representation === representation) {
      // A coding made for this hit is counted in the bound: the entry is set again with its new size.
      const weight = representationBytes(representation)
      if (weight !== kept.representationBytes) {
        answers.set(key, { ...kept, bytes: kept.bytes + weight - kept.representationBytes, representationBytes: weight })
      }
    } else if (reply.statusCode === 200 || reply.statusCode === 304) {
      answers.set(key, answerOf(reply, key, representation))
    }
    done(null, payload)
  })
}, { name: 'answer-cache', dependencies: ['http-caching'] })

import fp from 'fastify-plugin'
import compress from '@fastify/compress'
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { addVary } from '../lib/list-reply.js'

// Public data that changes only with a new dataset release: caches and CDNs may keep it for a while and
// revalidate cheaply with If-None-Match.
export const cacheControl = 'public, max-age=300, stale-while-revalidate=3600'

// zstd only where zlib has it (Node >= 22.15); @fastify/compress offers it by itself there.
export const compressedTypes = /^text\/|[/+]json(?:;|$)|\/yaml(?:;|$)|\/javascript(?:;|$)/

const entityTag = /\s*(W\/)?"([^"]*)"\s*(?:,|$)/gy

/** The opaque tags of an If-None-Match list, or '*'; W/ is dropped since If-None-Match compares weakly (RFC 9110 13.1.2). */
export function parseIfNoneMatch (header: string): '*' | string[] {
  if (header.trim() === '*') return '*'
  const tags: string[] = []
  entityTag.lastIndex = 0
  for (let match = entityTag.exec(header); match; match = entityTag.exec(header)) {
    tags.push(match[2])
    if (entityTag.lastIndex >= header.length) break
  }
  return tags
}

const encodedSuffix = /-(br|gzip|deflate|zstd)$/
const identityHashes = new WeakMap<FastifyReply, string>()

/**
 * ETags per representation: the hash of the uncompressed body, with the content-coding appended when the body is
 * compressed ("abc-br"), so a gzip and a brotli answer never share a strong tag. If-None-Match compares the tags
 * without that suffix: every coding of one body is the same content (as Apache's mod_deflate does).
 */
export default fp(async function httpCaching (app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload
    if (reply.statusCode >= 400) return payload
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', cacheControl)
    addVary(reply, 'accept-encoding')
    if (reply.statusCode !== 200 || reply.hasHeader('etag') || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload
    const hash = createHash('sha1').update(payload).digest('base64url')
    identityHashes.set(reply, hash)
    const condition = request.headers['if-none-match']
    if (condition === undefined) return payload
    const tags = parseIfNoneMatch(condition)
    const matched = tags === '*' ? `"${hash}"` : tags.map((tag) => `"${tag}"`).find((tag) => tag.slice(1, -1).replace(encodedSuffix, '') === hash)
    if (matched === undefined) return payload
    // The 304 carries the tag the client holds, so a cache freshens the stored answer it revalidated.
    reply.code(304).header('etag', matched)
    return ''
  })

  // Registered after compress, so its route-level onSend hooks run after compress has chosen a coding.
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024, customTypes: compressedTypes })
  app.addHook('onRoute', (route) => {
    const tagAfterCompression = async (_request: unknown, reply: FastifyReply, payload: unknown) => {
      const hash = identityHashes.get(reply)
      if (hash !== undefined && reply.statusCode === 200) {
        const coding = reply.getHeader('content-encoding')
        reply.header('etag', coding && coding !== 'identity' ? `"${hash}-${String(coding)}"` : `"${hash}"`)
      }
      return payload
    }
    route.onSend = [...(Array.isArray(route.onSend) ? route.onSend : route.onSend ? [route.onSend] : []), tagAfterCompression]
  })
}, { name: 'http-caching' })

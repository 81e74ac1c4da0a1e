import fp from 'fastify-plugin'
import compress from '@fastify/compress'
import negotiate from '@fastify/accept-negotiator'
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { addVary } from '../lib/list-reply.js'
import { bufferBytes, stringBytes } from '../lib/memory-size.js'

// Public data that changes only with a new dataset release: caches and CDNs may keep it for a while and
// revalidate cheaply with If-None-Match.
export const cacheControl = 'public, max-age=300, stale-while-revalidate=3600'

// Every type this API renders whole (JSON, CSV, YAML, the Atom feed, HTML). zstd only where zlib has it (Node >= 22.15).
export const compressedTypes = /^text\/|[/+](?:json|xml)(?:;|$)|\/yaml(?:;|$)|\/javascript(?:;|$)/

const codings = ['br', 'gzip'] as const
export type Coding = typeof codings[number]
// Below this an answer is sent as it is: the coding costs more than the bytes it saves.
const threshold = 1024
// Quality 4, as @fastify/compress does by default: 11 costs ten times the time for a few per cent.
const compressors: Record<Coding, (body: Buffer) => Promise<Buffer>> = {
  br: async (body) => ownBytes(await promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })),
  gzip: async (body) => ownBytes(await promisify(gzip)(body))
}

/**
 * The bytes in a buffer of their own. A representation may be kept (the answer cache), and a slice keeps its whole
 * backing store alive: a small Buffer.from(string) is a slice of an 8 KB pool, a zlib result of a 16 KB chunk
 * (a 200-byte br coding held 16 KB).
 */
function ownBytes (bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length) return bytes
  const own = Buffer.allocUnsafeSlow(bytes.length)
  bytes.copy(own)
  return own
}

/**
 * A 200 answer as made once: its bytes, their hash (the ETag) and each content-coding made of them so far. The answer
 * cache keeps it, so that a repeated question is neither serialised, nor hashed, nor compressed again.
 */
export interface Representation { body: Buffer, hash: string, encoded: Partial<Record<Coding, Buffer>> }

/** The memory a representation holds: its buffers and their codings (see ownBytes) and its hash. */
export const representationBytes = (r: Representation): number =>
  bufferBytes(r.body) + stringBytes(r.hash) + Object.values(r.encoded).reduce((sum, encoded) => sum + bufferBytes(encoded), 0)

const representations = new WeakMap<FastifyReply, Representation>()

/** The answer this reply sends, if it is one made whole (a 200 with its body in memory, not a stream). */
export const representationOf = (reply: FastifyReply): Representation | undefined => representations.get(reply)

/** Sends an answer made before (the answer cache's): its tag and codings are reused, not made again. */
export function sendRepresentation (reply: FastifyReply, representation: Representation): void {
  representations.set(reply, representation)
  reply.send(representation.body)
}

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

const codingSuffix = /-(br|gzip|deflate|zstd)$/

/** The tag of If-None-Match that names this answer in any coding (to send back with the 304), if one does. */
function matchingTag (request: FastifyRequest, hash: string): string | undefined {
  const condition = request.headers['if-none-match']
  if (condition === undefined) return undefined
  const tags = parseIfNoneMatch(condition)
  if (tags === '*') return `"${hash}"`
  const tag = tags.find((t) => t.replace(codingSuffix, '') === hash)
  return tag === undefined ? undefined : `"${tag}"`
}

// x-gzip and * read as gzip, as @fastify/compress reads them: both must choose the same coding, since it still
// compresses what this plugin leaves alone (streamed exports).
function chosenCoding (request: FastifyRequest, reply: FastifyReply, bytes: number): Coding | undefined {
  const accepted = request.headers['accept-encoding']
  if (accepted === undefined || bytes < threshold || request.headers['x-no-compression'] !== undefined) return undefined
  if (!compressedTypes.test(String(reply.getHeader('content-type') ?? 'application/json'))) return undefined
  return negotiate(accepted.toLowerCase().replace(/\*|x-gzip/g, 'gzip'), [...codings]) ?? undefined
}

/**
 * ETags, 304s and content-codings of every answer made whole, decided here and only here. The tag is the hash of the
 * uncompressed body (so it changes exactly when the answer does), with the coding appended when the body is
 * compressed ("abc-br"), so a gzip and a brotli answer never share a strong tag; If-None-Match compares the tags
 * without that suffix: every coding of one body is the same content (as Apache's mod_deflate does). An answer from
 * the cache brings its hash and the codings already made of it. @fastify/compress only compresses streams (CSV
 * exports): it leaves an answer alone once this plugin has chosen its coding.
 */
export default fp(async function httpCaching (app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload
    if (reply.statusCode >= 400) return payload
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', cacheControl)
    addVary(reply, 'accept-encoding')
    if (reply.statusCode !== 200 || reply.hasHeader('etag') || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload
    // A health check is never stored (no-store): a tag would only cost a hash per check.
    if (String(reply.getHeader('cache-control')).includes('no-store')) return payload
    let representation = representations.get(reply)
    if (!representation) {
      const body = ownBytes(typeof payload === 'string' ? Buffer.from(payload) : payload)
      representation = { body, hash: createHash('sha1').update(body).digest('base64url'), encoded: {} }
      representations.set(reply, representation)
    }
    const matched = matchingTag(request, representation.hash)
    if (matched !== undefined) {
      // The 304 carries the tag the client holds, so a cache freshens the stored answer it revalidated.
      reply.code(304).header('etag', matched)
      return ''
    }
    const coding = chosenCoding(request, reply, representation.body.length)
    if (coding === undefined) {
      reply.header('etag', `"${representation.hash}"`)
      return representation.body
    }
    const encoded = representation.encoded[coding] ?? (representation.encoded[coding] = await compressors[coding](representation.body))
    reply.header('content-encoding', coding).header('etag', `"${representation.hash}-${coding}"`)
    return encoded
  })

  await app.register(compress, { encodings: [...codings], threshold, customTypes: compressedTypes })
}, { name: 'http-caching' })

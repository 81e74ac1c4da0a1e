// What values weigh as V8 and Node hold them (Node 20, x64), for caches bounded in bytes: a cache that counts less
// than it holds is not bounded by its bound. Measured with node --expose-gc on 200,000 values of each kind; the
// caches' counts are checked against what they hold by bench/cache-accounting.ts.

/** A JS object's header (map, properties, elements), and each property or element slot in it. */
const objectHeader = 24
const slot = 8
/** A number that is not a small integer lives in a box of its own. */
const heapNumber = 16
/** A V8 string's header, rounded up to the 8-byte alignment of its characters. */
const stringHeader = 24
/** A Buffer beyond its bytes: ~200 bytes of JS objects (Uint8Array and ArrayBuffer) and ~180 of native bookkeeping. */
const bufferObjects = 384

const beyondLatin1 = /[^\u0000-\u00ff]/

/** One byte a character, or two once the string holds any beyond U+00FF (any Chinese): V8 stores it in UTF-16. */
export const stringBytes = (text: string): number => stringHeader + text.length * (beyondLatin1.test(text) ? 2 : 1)

/** All of a Buffer's backing store: a slice (of a pool, of a zlib chunk) keeps the whole of it alive. */
export const bufferBytes = (bytes: Buffer): number => bufferObjects + bytes.buffer.byteLength

/** A value made of plain objects, arrays, strings, numbers, booleans and null (what a query returns). */
export function valueBytes (value: unknown): number {
  if (typeof value === 'string') return stringBytes(value)
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : heapNumber
  if (Array.isArray(value)) return value.reduce((sum: number, element) => sum + slot + valueBytes(element), objectHeader)
  if (value !== null && typeof value === 'object') {
    return Object.values(value).reduce((sum: number, property) => sum + slot + valueBytes(property), objectHeader)
  }
  return 0
}

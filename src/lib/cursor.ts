import { Problem } from './problem.js'

// An opaque keyset cursor: the sort it was made for and the sort-key values of the last row of the page.
export type CursorValue = string | number | null

export function encodeCursor (sort: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify({ s: sort, k: values })).toString('base64url')
}

export function decodeCursor (token: string, sort: string, length: number): CursorValue[] {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    throw Problem.badParam('cursor', 'is not a cursor this API issued: use the `next_cursor` of a previous page')
  }
  const { s, k } = (decoded ?? {}) as { s?: unknown, k?: unknown }
  const valid = Array.isArray(k) && k.length === length &&
    k.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
  if (typeof s !== 'string' || !valid) {
    throw Problem.badParam('cursor', 'is not a cursor this API issued: use the `next_cursor` of a previous page')
  }
  if (s !== sort) {
    throw Problem.badParam('cursor', `was made for sort "${s}", not "${sort}": keep the same sort while paging`)
  }
  return k as CursorValue[]
}

import t from 'tap'
import { decodeCursor, encodeCursor } from '../../src/lib/cursor.js'
import { Problem } from '../../src/lib/problem.js'

const reasonOf = (fn: () => unknown): string => {
  try {
    fn()
  } catch (error) {
    if (error instanceof Problem) return `${error.status} ${error.invalidParams?.[0].name}: ${error.invalidParams?.[0].reason}`
    throw error
  }
  throw new Error('did not throw')
}

t.test('a cursor gives back the sort-key values it was made with, nulls and Chinese included', async (t) => {
  const values = [null, 1400000, '2023-05-22', '自媒体', 'fig-001']
  const token = encodeCursor('-value,date', values)
  t.match(token, /^[A-Za-z0-9_-]+$/, 'safe in a URL without escaping')
  t.same(decodeCursor(token, '-value,date', values.length), values)
})

t.test('a cursor made for another sort is refused, saying which', async (t) => {
  const token = encodeCursor('-value', [5, 'fig-001'])
  t.equal(reasonOf(() => decodeCursor(token, 'date', 2)), '400 cursor: was made for sort "-value", not "date": keep the same sort while paging')
})

t.test('anything this API did not issue is refused as such', async (t) => {
  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  for (const token of ['not-a-cursor', '', forged({ s: 'id' }), forged({ s: 'id', k: ['a', 'b'] }), forged({ s: 1, k: ['a'] }),
    forged({ s: 'id', k: [{ nested: true }] }), forged(null), forged([1])]) {
    t.match(reasonOf(() => decodeCursor(token, 'id', 1)), /^400 cursor: is not a cursor this API issued/, token)
  }
})

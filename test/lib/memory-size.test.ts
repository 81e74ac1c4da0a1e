import t from 'tap'
import { bufferBytes, stringBytes, valueBytes } from '../../src/lib/memory-size.js'

t.test('a string is counted as V8 holds it: one byte a character, two once it holds any Chinese', async (t) => {
  const latin = 'self-media accounts closed'
  const mixed = 'self-media (自媒体) accounts closed'
  t.ok(stringBytes(latin) >= latin.length)
  t.ok(stringBytes(mixed) >= 2 * mixed.length, 'every character of the string costs two bytes, the ASCII ones too')
  t.ok(stringBytes(mixed) - stringBytes('x'.repeat(mixed.length)) >= mixed.length)
})

t.test('a buffer is counted with all of its backing store, which a slice keeps alive', async (t) => {
  const store = Buffer.alloc(16 * 1024)
  t.ok(bufferBytes(store.subarray(0, 200)) >= 16 * 1024)
  t.ok(bufferBytes(Buffer.alloc(10)) > 10, 'the objects around even a tiny buffer count')
})

t.test('a value is counted by its strings, boxed numbers, and the objects and arrays that hold them', async (t) => {
  const row = { regulator_id: '网信办', sum: 1.5e12, count: 3 }
  t.ok(valueBytes(row) >= stringBytes('网信办') + 16)
  t.ok(valueBytes([row, row]) >= 2 * valueBytes(row))
  t.ok(valueBytes({ rows: [row] }) > valueBytes([row]))
})

import t from 'tap'
import Fastify from 'fastify'
import type { AddressInfo } from 'node:net'
import { csvReply } from '../../src/lib/list-reply.js'
import { build } from '../helper.js'

// A CSV export of every record is streamed: rows are read as the client takes them, never the whole body at once.
t.test('a CSV export is written as it is read: the client has its first bytes long before the last row is read', async (t) => {
  const app = Fastify()
  t.teardown(() => app.close())
  const total = 200_000
  let produced = 0
  function * rows () {
    for (let i = 0; i < total; i++) {
      produced++
      yield { id: `fig-${i}`, value: i, note: 'x'.repeat(40) }
    }
  }
  app.get('/test-only/export', async (_request, reply) =>
    csvReply(reply, rows(), { id: (r) => r.id, value: (r) => r.value, note: (r) => r.note }, 'export'))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo

  const response = await fetch(`http://127.0.0.1:${port}/test-only/export`)
  t.equal(response.status, 200)
  const reader = response.body!.getReader()
  const first = await reader.read()
  t.ok(first.value && first.value.length > 0, 'the first bytes arrive')
  t.ok(produced < total / 4, `${produced} of ${total} rows read when the first bytes arrived`)
  // A client that stops reading holds the export back: the server reads no further than its buffers allow.
  // Once the socket and stream buffers are full, the server stops reading rows until the client reads again.
  let before = -1
  for (let waited = 0; produced !== before && waited < 10_000; waited += 250) {
    before = produced
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  t.equal(produced, before, `reading stopped at ${produced} rows while the client paused`)
  t.ok(produced < total / 2, `${produced} of ${total} rows read while the client paused`)
  let lines = 0
  for (let chunk = first; !chunk.done; chunk = await reader.read()) {
    for (const byte of chunk.value) if (byte === 10) lines++
  }
  t.equal(lines, total + 1, 'every row and the header')
  t.equal(produced, total)
})

t.test('/v1/figures?format=csv without limit streams every figure, read page by page', async (t) => {
  const app = await build(t)
  const csv = await app.inject({ url: '/v1/figures?format=csv' })
  const all = await app.inject({ url: '/v1/figures?limit=1&include_total=true' })
  t.equal(csv.statusCode, 200)
  t.equal(csv.body.trim().split('\n').length - 1, all.json().page.total, 'one line per figure after the header')
})

import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import Fastify from 'fastify'
import fastifyHelmet from '@fastify/helmet'
import { buildApp } from '../../src/app.js'
import { helmetOptions } from '../../src/plugins/security-headers.js'
import { loadConfig, trustProxy } from '../../src/config.js'
import { build, seededDatabaseCopy } from '../helper.js'

const problemJson = /^application\/problem\+json/

t.test('past the rate limit a client gets 429 problem+json with Retry-After; RateLimit-* headers count down', async (t) => {
  const app = await build(t, { rateLimit: { max: 2, windowMs: 60_000 } })
  const first = await app.inject({ url: '/v1/regulators?limit=1' })
  t.equal(first.statusCode, 200)
  t.equal(first.headers['ratelimit-limit'], '2')
  t.equal(first.headers['ratelimit-remaining'], '1')
  t.ok(Number(first.headers['ratelimit-reset']) > 0)
  await app.inject({ url: '/v1/regulators?limit=1' })
  const refused = await app.inject({ url: '/v1/regulators?limit=1' })
  t.equal(refused.statusCode, 429)
  t.match(refused.headers['content-type'], problemJson)
  t.ok(Number(refused.headers['retry-after']) > 0, 'Retry-After in seconds')
  t.equal(refused.headers['ratelimit-remaining'], '0')
  t.match(refused.json(), { status: 429, title: 'Too Many Requests', detail: /2 requests per 60 s/, instance: '/v1/regulators?limit=1' })
  t.equal((await app.inject({ url: '/no/such/path' })).statusCode, 429, 'probing unknown paths is limited too')
  t.equal((await app.inject({ method: 'DELETE', url: '/v1/regulators' })).statusCode, 429, 'and so are refused methods')
  const other = await app.inject({ url: '/v1/regulators?limit=1', remoteAddress: '192.0.2.7' })
  t.equal(other.statusCode, 200, 'another client has its own budget')
})

t.test('under pressure the API sheds load with 503 problem+json and Retry-After', async (t) => {
  const app = await build(t, { loadShedding: { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 1, sampleIntervalMs: 5 } })
  await sleep(50)
  const response = await app.inject({ url: '/v1/campaigns' })
  t.equal(response.statusCode, 503)
  t.match(response.headers['content-type'], problemJson)
  t.equal(response.headers['retry-after'], '10')
  t.match(response.json(), { status: 503, title: 'Service Unavailable', detail: /overloaded/ })
})

t.test('security headers are set, and the data stays readable from other origins', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/figures?limit=1' })
  t.match(response.headers['content-security-policy'], /default-src 'self'/)
  t.notMatch(response.headers['content-security-policy'], /upgrade-insecure-requests/)
  t.equal(response.headers['x-content-type-options'], 'nosniff')
  t.equal(response.headers['cross-origin-resource-policy'], 'cross-origin')
  t.ok(response.headers['strict-transport-security'])
})

t.test('/health is outside the rate limit: a load balancer checking often never reads a 429 as a dead replica', async (t) => {
  const app = await build(t, { rateLimit: { max: 2, windowMs: 60_000 } })
  for (let i = 0; i < 5; i++) t.equal((await app.inject({ url: '/health' })).statusCode, 200, `check ${i + 1}`)
  await app.inject({ url: '/v1/regulators?limit=1' })
  await app.inject({ url: '/v1/regulators?limit=1' })
  t.equal((await app.inject({ url: '/v1/regulators?limit=1' })).statusCode, 429, 'the data routes are still limited')
  t.equal((await app.inject({ url: '/health' })).statusCode, 200, 'and health still answers past it')
})

t.test('the security headers worked out once are exactly those @fastify/helmet sets per request with the same options', async (t) => {
  const app = await build(t)
  const reference = Fastify()
  await reference.register(fastifyHelmet, helmetOptions)
  reference.get('/x', async () => ({}))
  t.teardown(() => reference.close())
  const expected = (await reference.inject({ url: '/x' })).headers
  for (const name of ['content-type', 'content-length', 'date', 'connection']) delete expected[name]
  t.ok(Object.keys(expected).length >= 10, `helmet sets its headers (${Object.keys(expected).join(', ')})`)
  for (const url of ['/v1/figures?limit=1', '/v1/figures/fig-001', '/no/such/path', '/docs/']) {
    const response = await app.inject({ url })
    const helmetHeaders = Object.fromEntries(Object.keys(expected).map((name) => [name, response.headers[name]]))
    t.same(helmetHeaders, expected, url)
  }
})

t.test('a request id is generated, or taken from X-Request-Id when it looks like one, and returned', async (t) => {
  const app = await build(t)
  const generated = await app.inject({ url: '/health' })
  t.match(generated.headers['x-request-id'], /^[0-9a-f-]{36}$/)
  const given = await app.inject({ url: '/health', headers: { 'x-request-id': 'lb-1234.abc' } })
  t.equal(given.headers['x-request-id'], 'lb-1234.abc')
  const hostile = await app.inject({ url: '/health', headers: { 'x-request-id': 'x\u2028"}{"level":60'.repeat(20) } })
  t.match(hostile.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'a malformed id is replaced, not logged')
})

t.test('logs are JSON lines with the request id, status and response time', async (t) => {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({ write (chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done() } })
  const app = await build(t, { fastify: { logger: { level: 'info', stream } } })
  await app.inject({ url: '/v1/figures/fig-001', headers: { 'x-request-id': 'trace-42' } })
  await app.inject({ url: '/v1/figures/fig-does-not-exist' })
  await app.inject({ url: '/no/such/path' })
  const perRequest = lines.filter((line) => line.reqId !== undefined)
  t.equal(perRequest.length, 3, 'one line per request, not an incoming/completed pair')
  t.match(perRequest[0], { reqId: 'trace-42', msg: 'request completed', method: 'GET', url: '/v1/figures/fig-001', statusCode: 200, responseTime: Number })
  t.match(perRequest[1], { method: 'GET', url: '/v1/figures/fig-does-not-exist', statusCode: 404 })
  t.match(perRequest[1].reqId, /^[0-9a-f-]{36}$/)
  t.match(perRequest[2], { url: '/no/such/path', statusCode: 404 })
})

t.test('an unexpected error is a generic 500 problem+json without a stack or internals', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'censorship-api-test-'))
  const app = await buildApp({ databasePath: seededDatabaseCopy(dir), fastify: { logger: false } })
  app.get('/test-only/fails', async () => { throw new Error('SQLITE_CORRUPT at /secret/path.sqlite') })
  t.teardown(async () => { await app.close(); rmSync(dir, { recursive: true, force: true }) })
  const response = await app.inject({ url: '/test-only/fails' })
  t.equal(response.statusCode, 500)
  t.match(response.headers['content-type'], problemJson)
  t.same(Object.keys(response.json()).sort(), ['detail', 'instance', 'status', 'title', 'type'])
  t.notMatch(response.body, /SQLITE|secret|at |\.ts/)
})

t.test('a request body over the small limit is refused with 413 problem+json', async (t) => {
  const app = await build(t)
  const response = await app.inject({ method: 'POST', url: '/v1/figures', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ a: 'x'.repeat(20_000) }) })
  t.equal(response.statusCode, 413)
  t.match(response.headers['content-type'], problemJson)
})

t.test('limits come from the environment, with defaults, and bad values are refused', async (t) => {
  const defaults = loadConfig({})
  t.match(defaults, { RATE_LIMIT_MAX: 600, RATE_LIMIT_WINDOW_MS: 60_000, TRUST_PROXY: 'false', MAX_EVENT_LOOP_DELAY_MS: 1000, MAX_HEAP_USED_MB: 1024, REQUEST_TIMEOUT_MS: 30_000, SHUTDOWN_TIMEOUT_MS: 10_000 })
  t.equal(loadConfig({ RATE_LIMIT_MAX: '50' }).RATE_LIMIT_MAX, 50)
  for (const [name, value] of [['RATE_LIMIT_MAX', '0'], ['RATE_LIMIT_MAX', 'lots'], ['RATE_LIMIT_WINDOW_MS', '10'], ['REQUEST_TIMEOUT_MS', '-1'],
    ['TRUST_PROXY', 'yes please'], ['MAX_HEAP_USED_MB', 'big'], ['SHUTDOWN_TIMEOUT_MS', 'soon']]) {
    t.throws(() => loadConfig({ [name]: value }), { message: new RegExp(`Invalid environment variable ${name}=`) }, `${name}=${value}`)
  }
  t.equal(trustProxy('true'), true)
  t.equal(trustProxy('false'), false)
  t.equal(trustProxy('2'), 2)
  t.same(trustProxy('10.0.0.0/8,127.0.0.1'), ['10.0.0.0/8', '127.0.0.1'])
})

t.test('behind a trusted proxy, the client is X-Forwarded-For, not the proxy', async (t) => {
  const app = await build(t, { rateLimit: { max: 1, windowMs: 60_000 }, fastify: { trustProxy: true } })
  t.equal((await app.inject({ url: '/v1/regulators?limit=1', headers: { 'x-forwarded-for': '198.51.100.1' } })).statusCode, 200)
  t.equal((await app.inject({ url: '/v1/regulators?limit=1', headers: { 'x-forwarded-for': '198.51.100.2' } })).statusCode, 200)
  t.equal((await app.inject({ url: '/v1/regulators?limit=1', headers: { 'x-forwarded-for': '198.51.100.1' } })).statusCode, 429)
})

t.test('an OPTIONS request that is not a proper CORS preflight is not a text/plain 400', async (t) => {
  const app = await build(t)
  const response = await app.inject({ method: 'OPTIONS', url: '/v1/figures' })
  t.ok(response.statusCode < 300, `answered ${response.statusCode}`)
})

t.test('the router\'s own refusals are problem+json too (found by the fuzz test: an over-long id got Fastify\'s plain JSON)', async (t) => {
  const app = await build(t)
  const long = await app.inject({ url: `/v1/campaigns/${'x'.repeat(300)}` })
  t.equal(long.statusCode, 414)
  t.match(long.headers['content-type'], problemJson)
  t.match(long.json(), { status: 414, title: 'URI Too Long' })
  const malformed = await app.inject({ url: '/v1/campaigns/%E0%A4%A' })
  t.equal(malformed.statusCode, 400)
  t.match(malformed.headers['content-type'], problemJson)
})

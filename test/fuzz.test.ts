import t from 'tap'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import { parse } from 'yaml'
import { build } from './helper.js'

// Property-based tests driven by openapi.yaml: every GET operation, every parameter, random and hostile values.
// Properties: no 5xx; every error is problem+json; every status is documented; every JSON 200 validates against
// the documented schema; the data is byte-for-byte unchanged afterwards. `npm run fuzz` runs many more cases.
const runs = Number(process.env.FUZZ_RUNS ?? 60)
// npm test replays the same cases every time (a failure in CI is reproducible); `npm run fuzz` draws new ones.
const seed = Number(process.env.FUZZ_SEED ?? (process.env.FUZZ_RUNS ? Date.now() : 20261129))

interface Schema { type?: string, enum?: unknown[], minimum?: number, maximum?: number, maxLength?: number, examples?: unknown[] }
interface Parameter { name: string, in: 'query' | 'path', schema: Schema, example?: unknown, examples?: Record<string, { value: unknown }> }
interface Operation { parameters?: Parameter[], responses: Record<string, { content?: Record<string, { schema?: object }> }> }
interface Document { paths: Record<string, { get?: Operation }>, components: { schemas: Record<string, object> } }

const document = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8')) as Document

/** `fields=` sends only some properties: the same schemas with nothing required. */
function withoutRequired (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRequired)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'required').map(([key, v]) => [key, withoutRequired(v)]))
}
const ajv = new Ajv({ strict: false, allErrors: false })
const validators = new Map<string, ValidateFunction>()
function validator (schema: object, partial: boolean): ValidateFunction {
  const key = JSON.stringify(schema) + partial
  const known = validators.get(key)
  if (known) return known
  const components = partial ? withoutRequired(document.components) : document.components
  const validate = ajv.compile({ ...(partial ? withoutRequired(schema) as object : schema), components })
  validators.set(key, validate)
  return validate
}

const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '-1', '0', '1e309', 'NaN', 'Infinity', 'true', 'null', '[]', '{}', '%', '%00', "'; DROP TABLE figures;--",
    '../../etc/passwd', '\u0000', '\u202e', '😀', 'ſ', 'İ', ',', ',,', 'id,', '-', '--id', '9'.repeat(400)),
  fc.integer({ min: 1, max: 60_000 }).map((n) => 'x'.repeat(n)),
  fc.double().map(String),
  fc.bigInt().map(String)
)

function documented (parameter: Parameter): unknown[] {
  return [parameter.example, ...Object.values(parameter.examples ?? {}).map((e) => e.value), ...(parameter.schema.examples ?? []),
    ...(parameter.schema.enum ?? [])].filter((v) => v !== undefined)
}

/** A value for a parameter: often a plausible one (so that 200s are exercised), often hostile. */
function valueFor (parameter: Parameter): fc.Arbitrary<string> {
  const plausible: Array<fc.Arbitrary<string>> = []
  const known = documented(parameter)
  if (known.length) plausible.push(fc.constantFrom(...known.map(String)))
  if (parameter.schema.type === 'integer') {
    plausible.push(fc.integer({ min: (parameter.schema.minimum ?? -10) - 2, max: (parameter.schema.maximum ?? 10_000) + 2 }).map(String),
      fc.constantFrom('1e309', '-1e309', 'Infinity', '1e3', '0x10', '1.5', '9007199254740993', '-0', ' 7'))
  }
  if (parameter.schema.type === 'boolean') plausible.push(fc.constantFrom('true', 'false', '1', '0', 'yes'))
  return fc.oneof(...plausible, hostileText)
}

/** A lone surrogate cannot be UTF-8: send the bytes a careless client would (an encoded surrogate half). */
const percent = (text: string) => text.replace(/[\s\S]/gu, (c) => { try { return encodeURIComponent(c) } catch { return '%ED%A0%80' } })
/** Percent-encoded, except now and then with raw `%` left in (malformed escapes such as `%zz` or `%E0%A4%A`). */
const encode = (value: string, raw: boolean) => raw ? value.replace(/[^%\w.-]+/gu, percent) : percent(value)

function hashDatabase (path: string): string {
  const hash = createHash('sha256')
  for (const suffix of ['', '-wal']) {
    try { hash.update(readFileSync(path + suffix)) } catch { hash.update(`no ${suffix}`) }
  }
  return hash.digest('hex')
}

t.test(`${runs} random requests per GET operation: no 5xx, problem+json errors, documented 200s, data unchanged`, async (t) => {
  const app = await build(t)
  const before = hashDatabase(app.db.name)
  let requests = 0
  const statuses: Record<number, number> = {}
  for (const [path, { get: operation }] of Object.entries(document.paths)) {
    if (!operation) continue
    const parameters = operation.parameters ?? []
    const query = parameters.filter((p) => p.in === 'query')
    const pathParameters = parameters.filter((p) => p.in === 'path')
    const request = fc.record({
      path: fc.tuple(...pathParameters.map(valueFor), fc.boolean()),
      query: fc.array(fc.tuple(query.length ? fc.constantFrom(...query.map((p) => p.name)) : fc.constant('unknown'), fc.boolean()), { maxLength: 6 }),
      values: fc.array(fc.oneof(...(query.length ? query.map(valueFor) : [hostileText])), { minLength: 6, maxLength: 6 }),
      extra: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), hostileText), { freq: 5 }),
      raw: fc.boolean(),
      csv: fc.boolean()
    })
    await fc.assert(fc.asyncProperty(request, async (r) => {
      let url = path
      pathParameters.forEach((p, i) => { url = url.replace(`{${p.name}}`, encode(String(r.path[i]), r.raw).slice(0, 3000) || '%20') })
      const pairs = r.query.map(([name], i) => `${encodeURIComponent(name)}=${encode(r.values[i], r.raw)}`)
      if (r.extra) pairs.push(`${encodeURIComponent(r.extra[0])}=${encode(r.extra[1], r.raw)}`)
      if (pairs.length) url += `?${pairs.join('&')}`
      const response = await app.inject({ url, headers: r.csv ? { accept: 'text/csv' } : {} })
      requests++
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1
      const where = `${response.statusCode} ${url.slice(0, 300)}: ${response.body.slice(0, 300)}`
      if (response.statusCode >= 500) throw new Error(`5xx: ${where}`)
      if (!(String(response.statusCode) in operation.responses)) throw new Error(`undocumented status: ${where}`)
      const type = String(response.headers['content-type'] ?? '')
      if (response.statusCode >= 400) {
        if (!type.startsWith('application/problem+json')) throw new Error(`error not problem+json: ${where}`)
        const body = response.json() as { status?: number, detail?: string }
        if (body.status !== response.statusCode || !body.detail) throw new Error(`malformed problem: ${where}`)
        if (/\bat .*\.(ts|js):\d+/.test(response.body)) throw new Error(`stack trace in an error: ${where}`)
      } else if (response.statusCode === 200 && type.startsWith('application/json')) {
        const schema = operation.responses['200'].content?.['application/json']?.schema
        if (!schema) throw new Error(`no documented JSON schema for ${path}`)
        const validate = validator(schema, /[?&]fields=/.test(url))
        if (!validate(response.json())) throw new Error(`200 does not match its schema (${ajv.errorsText(validate.errors)}): ${where}`)
      }
    }), { numRuns: runs, seed })
  }
  t.comment(`seed ${seed}: ${requests} requests; statuses ${JSON.stringify(statuses)}`)
  t.ok(statuses[200] > 0 && statuses[400] > 0, 'both valid and invalid requests were made')
  t.equal(hashDatabase(app.db.name), before, 'the database file is unchanged')
})

t.test('numbers that overflow are refused as 400, not passed to SQLite (found by npm run soak: limit=1e309 was a 500)', async (t) => {
  const app = await build(t)
  for (const url of ['/v1/figures?limit=1e309', '/v1/figures?limit=-1e309', '/v1/campaigns?limit=Infinity', '/v1/figures?min_value=1e309',
    '/v1/figures?max_value=99999999999999999999', '/v1/stats/figures?min_value=1e400']) {
    const response = await app.inject({ url })
    t.equal(response.statusCode, 400, url)
    t.match(response.json(), { status: 400, invalid_params: [{ reason: /whole number/ }] }, url)
  }
})

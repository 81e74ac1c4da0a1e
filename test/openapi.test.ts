import t from 'tap'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { Ajv } from 'ajv'
import { exampleRequests } from '../src/cli/examples.js'
import { examples } from '../src/schemas/examples.js'
import { build } from './helper.js'

const committed = readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8')

t.test('the committed openapi.yaml is what the app serves (run `npm run openapi` after changing a route)', async (t) => {
  const app = await build(t)
  t.equal(committed, app.swagger({ yaml: true }))
  const served = await app.inject({ url: '/openapi.yaml' })
  t.equal(served.statusCode, 200)
  t.match(served.headers['content-type'], /^application\/yaml/)
  t.equal(served.body, committed)
  t.same((await app.inject({ url: '/openapi.json' })).json(), parse(committed))
})

interface Operation {
  summary?: string
  description?: string
  parameters?: Array<{ name: string, description?: string, example?: unknown, examples?: unknown, schema?: { examples?: unknown[] } }>
  responses: Record<string, { description?: string, content?: Record<string, { example?: unknown, examples?: unknown, schema?: { example?: unknown } }> }>
}

t.test('every operation, parameter and response is described, with an example a journalist can read', async (t) => {
  const document = parse(committed) as { paths: Record<string, Record<string, Operation>> }
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const name = `${method.toUpperCase()} ${path}`
      t.ok(operation.summary, `${name} has a summary`)
      t.ok(operation.description, `${name} has a description`)
      for (const parameter of operation.parameters ?? []) {
        t.ok(parameter.description, `${name} ${parameter.name} has a description`)
        t.ok(parameter.example !== undefined || parameter.examples !== undefined || parameter.schema?.examples,
          `${name} ${parameter.name} has an example`)
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        t.ok(response.description && response.description !== 'Default Response', `${name} ${status} is described`)
        if (status === '200' && !path.startsWith('/openapi')) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            t.ok(media.example ?? media.examples ?? media.schema?.example, `${name} ${status} ${type} has an example`)
          }
        }
      }
    }
  }
})

// The examples are taken from a release (`npm run examples` after `npm run data:release`). A record added to seed/ and
// not yet released leaves them documenting the last release: they must still be answers of the API in shape, but
// they are compared word for word only when the served data is exactly a release.
t.test('the documented examples are answers of this API: every one in its documented shape, and word for word on a release', async (t) => {
  const app = await build(t)
  const document = parse(committed) as { paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: object }> }> } }>, components: object }
  const ajv = new Ajv({ strict: false })
  const served = (await app.inject({ url: '/v1/dataset' })).json().data.version as string
  const released = !served.includes('+')
  for (const [key, url] of Object.entries(exampleRequests)) {
    const response = await app.inject({ url })
    t.equal(response.statusCode, 200, `${key} (${url}) answers 200`)
    const path = new URL(url, 'http://x').pathname
    const template = Object.keys(document.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path))
    const json = document.paths[template ?? '']?.get.responses['200'].content?.['application/json']
    if (json && !key.endsWith('.csv') && !key.endsWith('.atom')) {
      const validate = ajv.compile({ ...json.schema, components: document.components })
      t.ok(validate(examples[key]), `${key}: the example fits the documented 200 (${ajv.errorsText(validate.errors)})`)
    }
    if (released) {
      t.same(key.endsWith('.csv') || key.endsWith('.atom') ? response.body : response.json(), examples[key],
        `${key} (${url}) on release ${served}; run \`npm run examples\` after a release`)
    }
  }
})

t.test('Swagger UI is served at /docs', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/docs/' })
  t.equal(response.statusCode, 200)
  t.match(response.body, /swagger-ui/i)
})

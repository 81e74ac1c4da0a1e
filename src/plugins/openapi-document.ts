// What every operation shares, added to the generated document in one place: the response headers the server sets
// on every answer, and the partial shape of records under `fields=`.

interface Schema { $ref?: string, type?: string, properties?: Record<string, Schema>, required?: string[], items?: Schema, description?: string, anyOf?: Schema[] }
interface Media { schema?: Schema }
interface Response { description?: string, content?: Record<string, Media>, headers?: Record<string, unknown> }
interface Parameter { name: string, in: string, required?: boolean, example?: unknown, schema?: { default?: unknown, examples?: unknown[] } }
interface Operation { operationId?: string, parameters?: Parameter[], responses?: Record<string, Response> }
interface Document { paths?: Record<string, Record<string, Operation>>, components?: { schemas?: Record<string, Schema>, headers?: Record<string, unknown> } }

const header = (description: string, type: 'string' | 'integer' = 'string') => ({ description, schema: { type } })

const headers = {
  'X-Request-Id': header('The request id (yours when you sent a well-formed X-Request-Id), to quote in a report.'),
  'RateLimit-Limit': header('Requests a client may make per window.', 'integer'),
  'RateLimit-Remaining': header('Requests left in this window.', 'integer'),
  'RateLimit-Reset': header('Seconds until the window resets.', 'integer'),
  'Retry-After': header('Seconds to wait before trying again.', 'integer'),
  ETag: header('The representation\'s tag (one per content-coding); send it back in If-None-Match for a 304.'),
  'Cache-Control': header('How long caches may keep the answer.'),
  Vary: header('The request headers the answer depends on (Accept, Accept-Encoding).'),
  Link: header('`<…>; rel="next"`: the URL of the next page, when there is one.'),
  'X-Total-Count': header('With include_total=true on CSV: how many records match, over all pages.', 'integer'),
  'Content-Disposition': header('On CSV: the file name.')
}
type HeaderName = keyof typeof headers

const ref = (name: HeaderName) => ({ $ref: `#/components/headers/${name}` })
const headersOf = (names: HeaderName[]) => Object.fromEntries(names.map((name) => [name, ref(name)]))

function headersFor (status: string, isList: boolean, hasCsv: boolean): HeaderName[] {
  const always: HeaderName[] = ['X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']
  if (status === '429' || status === '503') return [...always, 'Retry-After']
  if (status !== '200') return always
  return [...always, 'ETag', 'Cache-Control', 'Vary', ...(isList ? ['Link' as const] : []),
    ...(hasCsv ? ['Content-Disposition' as const] : []), ...(isList && hasCsv ? ['X-Total-Count' as const] : [])]
}

/** `Figure` → `FigureFields`: what a record holds under `fields=` (its id and the fields named), made once per record schema. */
function partialOf (schemas: Record<string, Schema>, name: string): string {
  const partialName = `${name}Fields`
  const full = schemas[name]
  if (full && !schemas[partialName]) {
    schemas[partialName] = {
      ...full,
      required: ['id'],
      description: `A ${name} under \`fields=\`: its \`id\` and only the fields named (every other property is absent).`
    }
  }
  return partialName
}

/**
 * An optional parameter's example moves into its schema (`examples`, JSON Schema): Swagger UI pre-fills a parameter's
 * own `example`, and with every one filled at once (a cursor, format=csv, conflicting filters) "Try it out" fails.
 */
// Pre-filled all the same: without it the operation has no 2xx (totals need a unit to add up by).
const prefilled: Record<string, string[]> = { getFigureTotals: ['group_by'], listFiguresAdded: ['group_by'] }

function notPrefilled (operationId: string | undefined, parameter: Parameter): Parameter {
  if (parameter.required || parameter.example === undefined || prefilled[operationId ?? '']?.includes(parameter.name)) return parameter
  const { example, ...rest } = parameter
  return { ...rest, schema: { ...parameter.schema, examples: [example] } }
}

export function completeDocument<T> (document: T): T {
  const doc = document as Document
  const schemas = doc.components?.schemas ?? {}
  doc.components = { ...doc.components, headers }
  for (const methods of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(methods)) {
      const parameters = operation.parameters ?? []
      const hasFields = parameters.some((p) => p.name === 'fields')
      const isList = parameters.some((p) => p.name === 'cursor')
      if (operation.parameters) operation.parameters = parameters.map((parameter) => notPrefilled(operation.operationId, parameter))
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const hasCsv = response.content?.['text/csv'] !== undefined
        response.headers = { ...response.headers, ...headersOf(headersFor(status, isList, hasCsv)) }
        const items = response.content?.['application/json']?.schema?.properties?.data?.items
        if (status === '200' && hasFields && items?.$ref) {
          const name = items.$ref.split('/').pop() ?? ''
          const partial = partialOf(schemas, name)
          delete items.$ref
          items.anyOf = [{ $ref: `#/components/schemas/${name}` }, { $ref: `#/components/schemas/${partial}` }]
        }
      }
    }
  }
  return document
}

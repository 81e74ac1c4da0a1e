import { problemTypes, problemTypeUri, type ProblemType } from '../lib/problem.js'
import { Type, type TObject, type TObjectOptions, type TProperties, type TSchema, type TSchemaOptions } from 'typebox'

export const Nullable = <T extends TSchema>(schema: T, options: TSchemaOptions = {}) => Type.Union([schema, Type.Null()], options)

export const Notes = Type.Array(Type.String(), { description: 'Editorial notes: conflicts between sources, caveats, wording.' })

export const Page = Type.Object({
  limit: Type.Integer({ description: 'The page size that was applied.', examples: [50] }),
  next_cursor: Nullable(Type.String({
    description: 'Pass as `cursor` to get the next page; null on the last page.'
  })),
  total: Type.Optional(Type.Integer({
    description: 'How many records match the filters, over all pages. Only with `include_total=true`.', examples: [12]
  }))
}, { description: 'Keyset pagination: follow `next_cursor` (or the `Link: rel="next"` header) until it is null.' })

export const ProblemDetails = Type.Object({
  type: Type.Enum((Object.keys(problemTypes) as ProblemType[]).map(problemTypeUri), {
    description: 'The kind of problem, to branch on (a URI reference, RFC 9457): ' +
      Object.entries(problemTypes).map(([type, { status, meaning }]) => `\`${problemTypeUri(type as ProblemType)}\` (${status}): ${meaning}`).join(' ')
  }),
  title: Type.String({ description: 'Short summary of the kind of problem.' }),
  status: Type.Integer({ description: 'The HTTP status code.' }),
  detail: Type.String({ description: 'What was wrong with this request, in plain words.' }),
  instance: Type.String({ description: 'The path of the request.' }),
  invalid_params: Type.Optional(Type.Array(Type.Object({
    name: Type.String({ description: 'The parameter at fault.' }),
    in: Type.String({ description: 'Where it was: query, path or header.' }),
    reason: Type.String({ description: 'What was wrong with it.' })
  }), { description: 'Present when a parameter was at fault.' }))
}, {
  $id: 'Problem',
  description: 'An error, as RFC 9457 problem details (`application/problem+json`).',
  examples: [{
    type: '/problems/invalid-parameter',
    title: 'Bad Request',
    status: 400,
    detail: 'Parameter "limit" must be <= 500',
    instance: '/v1/figures?limit=100000',
    invalid_params: [{ name: 'limit', in: 'query', reason: 'must be <= 500' }]
  }]
})

/** The query of an endpoint that takes no parameter: any is refused, like an unknown parameter of a list. */
export const NoQuery = Type.Object({}, { additionalProperties: false })

export const IdParams = (example: string, what: string) => Type.Object({
  id: Type.String({ description: `The public id of the ${what} (stable: never renamed or reused).`, examples: [example], maxLength: 200 })
}, { additionalProperties: false })

/**
 * A record's schema with more properties, e.g. a detail view that embeds related records. An embed is a `Type.Ref`
 * (a `$ref` in the document), which TypeBox cannot resolve statically: the static type of such a schema names
 * the schema of each ref in `Static`'s context, e.g. `Static<typeof RegulatorDetail, { Source: typeof Source }>`.
 */
export const Extend = <T extends TProperties, U extends TProperties>(base: TObject<T>, more: U, options: TObjectOptions) =>
  Type.Object({ ...base.properties, ...more }, options)

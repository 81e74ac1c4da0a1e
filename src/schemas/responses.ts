import { Type } from 'typebox'
import { Problem } from '../lib/problem.js'
import { Page } from './common.js'
import { example } from './examples.js'

/** An error answer as the server sends it: problem+json, with a real example of its kind. */
export const problemResponse = (description: string, problem: Problem, instance: string) => ({
  description,
  content: { 'application/problem+json': { schema: Type.Ref('Problem'), example: problem.body(instance) } }
})

const badValue = Problem.badParam('limit', 'must be <= 500')
const unknownParameter = new Problem(400, 'Parameter "format" is not a parameter of this endpoint. Known parameters: none',
  { type: 'unknown-parameter', invalidParams: [{ name: 'format', in: 'query', reason: 'is not a parameter of this endpoint. Known parameters: none' }] })

/** The answers of a list endpoint: a JSON page or CSV, and 400 for bad parameters. */
export const listResponses = (item: string, resource: string, description: string) => ({
  200: {
    description,
    content: {
      'application/json': {
        schema: Type.Object({ data: Type.Array(Type.Ref(item)), page: Page }, {
          description: 'A page of records. With `fields=`, each record holds only `id` and the named fields.'
        }),
        example: example(`${resource}.list`)
      },
      'text/csv': {
        schema: Type.String({ description: 'RFC 4180 CSV with a header row, UTF-8. Lists inside a cell are joined with "; ".' }),
        example: example(`${resource}.csv`)
      }
    }
  },
  400: problemResponse('A parameter is unknown, repeated, malformed or out of range, or names no record; `invalid_params` ' +
    'says which and `type` what kind of problem it is.', badValue, `/v1/${resource}?limit=100000`)
})

/** The answers of a detail endpoint: the record with related records embedded, or 404. */
export const detailResponses = (item: string, resource: string, description: string) => ({
  200: Type.Object({ data: Type.Ref(item) }, { description, examples: [example(`${resource}.detail`)] }),
  400: problemResponse('A query parameter was given: this endpoint takes none.', unknownParameter, `/v1/${resource}/${resource}-1?format=csv`),
  404: problemResponse('No record has this id.', Problem.notFound(`No record has id "${resource}-1".`), `/v1/${resource}/${resource}-1`),
  410: Type.Ref('Gone', { description: 'A release removed this record: `removed` says when, why and what replaced it (`replaced_by`).' })
})

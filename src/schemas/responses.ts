import { Type } from 'typebox'
import { Page } from './common.js'
import { example } from './examples.js'

const problem = (description: string) => Type.Ref('Problem', { description })

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
  400: problem('A parameter is unknown, repeated, malformed or out of range; `invalid_params` says which.')
})

/** The answers of a detail endpoint: the record with related records embedded, or 404. */
export const detailResponses = (item: string, resource: string, description: string) => ({
  200: Type.Object({ data: Type.Ref(item) }, { description, examples: [example(`${resource}.detail`)] }),
  400: problem('A parameter is not known here.'),
  404: problem('No record has this id.'),
  410: Type.Ref('Gone', { description: 'A release removed this record: `removed` says when, why and what replaced it (`replaced_by`).' })
})

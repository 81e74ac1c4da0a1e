// A typed client for this API: `schema.d.ts` is generated from openapi.yaml (`npm run client`), this file is not.
import createClient from 'openapi-fetch'
import type { components, operations, paths } from './schema.js'

export type { components, operations, paths }
export type Problem = components['schemas']['Problem']

/** JSON answers, and errors typed as problem+json: `const { data, error } = await api.GET('/v1/figures', { params: { query: { unit: 'accounts' } } })`. */
export const createApiClient = (baseUrl: string) => createClient<paths, `application/${string}json`>({ baseUrl })

/** CSV answers, as text: `await csv.GET('/v1/figures', { params: { query: { format: 'csv' } }, parseAs: 'text' })`. */
export const createCsvClient = (baseUrl: string) => createClient<paths, 'text/csv'>({ baseUrl })

// A small frontend program against the generated client: compiled with `tsc --strict` (no casts) and run by
// test/client.test.ts against a real server.
import { createApiClient, createCsvClient, type Problem } from '../../client/index.js'

export interface ProgramResult {
  accountFigureIds: string[]
  pages: number
  allFigureIds: string[]
  figureSource: string
  problem: Problem | undefined
  csvHeader: string
}

export async function runProgram (baseUrl: string): Promise<ProgramResult> {
  const api = createApiClient(baseUrl)

  const filtered = await api.GET('/v1/figures', { params: { query: { unit: 'accounts', sort: '-value,id', limit: 500 } } })
  if (!filtered.data) throw new Error(`list failed: ${filtered.error?.detail ?? filtered.response.status}`)
  const accountFigureIds = filtered.data.data.map((figure) => figure.id)

  const allFigureIds: string[] = []
  let pages = 0
  let cursor: string | undefined
  do {
    const { data, error } = await api.GET('/v1/figures', { params: { query: { limit: 40, ...(cursor ? { cursor } : {}) } } })
    if (!data) throw new Error(`page failed: ${error?.detail}`)
    pages += 1
    allFigureIds.push(...data.data.map((figure) => figure.id))
    cursor = data.page.next_cursor ?? undefined
  } while (cursor)

  const detail = await api.GET('/v1/figures/{id}', { params: { path: { id: 'fig-001' } } })
  if (!detail.data) throw new Error(`detail failed: ${detail.error?.detail}`)
  const figureSource: string = detail.data.data.source.id

  const bad = await api.GET('/v1/figures', { params: { query: { limit: 100000 } } })
  const problem: Problem | undefined = bad.error

  const csv = createCsvClient(baseUrl)
  const exported = await csv.GET('/v1/regulators', { params: { query: { format: 'csv' } }, parseAs: 'text' })
  const csvHeader = (exported.data ?? '').split('\r\n')[0] ?? ''

  return { accountFigureIds, pages, allFigureIds, figureSource, problem, csvHeader }
}

/** The README's five lines, kept here so that they compile. */
export async function readmeExample (baseUrl: string): Promise<void> {
  const api = createApiClient(baseUrl)
  const { data, error } = await api.GET('/v1/figures', { params: { query: { unit: 'accounts', limit: 100 } } })
  if (error) console.warn(error.type, error.detail)
  else for (const figure of data.data) console.log(figure.id, figure.value, figure.qualifier)
}

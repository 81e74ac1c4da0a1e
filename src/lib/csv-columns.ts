import type { CsvColumns } from './list-reply.js'
import type { SearchHit } from '../schemas/search.js'
import { dimensionKeys, type Dimension, type FigureTotal } from '../schemas/stats.js'

// One row per record, flat: lists, notes included, become "a; b" as the contract says.
const list = (values: string[]) => values.join('; ')

/** Totals: the group keys first, then the sums and where to list the figures; figure_ids, when asked for, joined like every other list. */
export function figureTotalsCsv (groupBy: Dimension[], withFigureIds: boolean): CsvColumns<FigureTotal> {
  const keys = Object.fromEntries(groupBy.map((d) => {
    const key = dimensionKeys[d] as keyof FigureTotal
    return [key, (row: FigureTotal) => row[key] as string | null]
  }))
  return {
    ...keys,
    sum: (r) => r.sum,
    count: (r) => r.count,
    exact_count: (r) => r.exact_count,
    over_count: (r) => r.over_count,
    almost_count: (r) => r.almost_count,
    around_count: (r) => r.around_count,
    hedged_sum: (r) => r.hedged_sum,
    sum_is_lower_bound: (r) => r.sum_is_lower_bound,
    sum_kind: (r) => r.sum_kind,
    figures_url: (r) => r.figures_url,
    ...(withFigureIds ? { figure_ids: (r: FigureTotal) => list(r.figure_ids ?? []) } : {})
  }
}

export const searchCsv: CsvColumns<SearchHit> = {
  type: (h) => h.type,
  id: (h) => h.id,
  title: (h) => h.title,
  snippet: (h) => h.snippet,
  rank: (h) => h.rank,
  url: (h) => h.url
}

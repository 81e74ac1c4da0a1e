import Database from 'better-sqlite3'
import { nonAdditiveUnits } from '../src/schemas/vocabulary.js'
import { indexedSorts } from '../test/db/documented-queries.js'

// The questions issue 13 times "the first time a query is asked" (npm run bench, one connection, answer cache off):
// list pages under the documented sorts and the README's list questions, and totals by each dimension, alone and
// with one filter. Every URL is distinct, so neither the answer cache nor the totals a process remembers
// (`remember` in src/db/queries/stats.ts, keyed by the SQL and its parameters) ever answers one. The filter values
// are read from the database file, the most common first.

export interface Measure { unit: string, action: string, figures: number }

export interface BenchValues {
  /** unit+action pairs a total can add (an additive unit, an action), the most figures first. */
  measures: Measure[]
  units: string[]
  regulators: string[]
  /** Platforms of figures (the totals' filter) and of campaigns (the campaigns' filter). */
  figurePlatforms: string[]
  campaignPlatforms: string[]
  figureCategories: string[]
  /** Categories with sub-categories first (their filter matches the sub-categories too), then the most used. */
  campaignCategories: string[]
  years: string[]
  /** Campaigns with the most figures. */
  campaigns: string[]
  languages: string[]
}

/** The filter values of the questions, read from a database file opened read-only (never written). */
export function readBenchValues (path: string): BenchValues {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const column = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().all(...params) as string[]
    const nonAdditive = nonAdditiveUnits.map(() => '?').join(', ')
    const measures = db.prepare(`SELECT unit, action, count(*) AS figures FROM figures
      WHERE action IS NOT NULL AND unit NOT IN (${nonAdditive}) GROUP BY unit, action ORDER BY figures DESC, unit, action`)
      .all(...nonAdditiveUnits) as Measure[]
    const units: string[] = []
    for (const m of measures) if (!units.includes(m.unit)) units.push(m.unit)
    return {
      measures,
      units,
      regulators: column('SELECT regulator_id FROM campaign_regulators GROUP BY regulator_id ORDER BY count(*) DESC, regulator_id LIMIT 12'),
      figurePlatforms: column('SELECT platform_id FROM figure_platforms GROUP BY platform_id ORDER BY count(*) DESC, platform_id LIMIT 12'),
      campaignPlatforms: column(`SELECT platform_id FROM campaign_platforms WHERE platform_id IS NOT NULL GROUP BY platform_id
        ORDER BY count(*) DESC, platform_id LIMIT 12`),
      figureCategories: column(`SELECT violation_category_id FROM figures GROUP BY violation_category_id
        ORDER BY count(*) DESC, violation_category_id LIMIT 12`),
      campaignCategories: [...new Set([
        ...column('SELECT parent_id FROM violation_categories WHERE parent_id IS NOT NULL GROUP BY parent_id ORDER BY count(*) DESC, parent_id'),
        ...column(`SELECT violation_category_id FROM campaign_violation_categories GROUP BY violation_category_id
          ORDER BY count(*) DESC, violation_category_id LIMIT 12`)
      ])],
      years: column(`SELECT substr(date, 1, 4) AS year FROM figures WHERE date IS NOT NULL GROUP BY year
        ORDER BY count(*) DESC, year LIMIT 12`),
      campaigns: column('SELECT campaign_id FROM figures GROUP BY campaign_id ORDER BY count(*) DESC, campaign_id LIMIT 40'),
      languages: column('SELECT language FROM sources WHERE language IS NOT NULL GROUP BY language ORDER BY count(*) DESC, language LIMIT 4')
    }
  } finally {
    db.close()
  }
}

/** A deterministic shuffle (mulberry32), so that every run asks the same questions in the same order. */
function shuffled<T> (values: T[], seed: number): T[] {
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...values]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const product = <A, B> (as: A[], bs: B[]): Array<[A, B]> => as.flatMap((a) => bs.map((b): [A, B] => [a, b]))
const bothWays = (fields: string[]) => fields.flatMap((field) => [field, `-${field}`])
/** A value in a URL: ids, vocabulary and sorts need no escaping but the comma, which reads better as it is. */
const escape = (value: string) => encodeURIComponent(value).replaceAll('%2C', ',')
const query = (params: Record<string, string>) => Object.entries(params).map(([k, v]) => `${k}=${escape(v)}`).join('&')

/** Up to `count` distinct URLs, taking one from each list in turn until there are enough (or none is left). */
function roundRobin (lists: string[][], count: number): string[] {
  const urls = new Set<string>()
  for (let i = 0; urls.size < count && lists.some((list) => i < list.length); i++) {
    for (const list of lists) {
      if (i < list.length && urls.size < count) urls.add(list[i])
    }
  }
  return [...urls]
}

/**
 * Distinct list pages: every documented (indexed) sort alone, and the README's list questions with their filter values
 * varied, each under every documented sort of its list, in turns so that every shape is asked about as often.
 */
export function listQuestions (v: BenchValues, count: number): string[] {
  const figureSorts = [...bothWays(indexedSorts.figures.fields), '-value,id']
  const campaignSorts = bothWays(indexedSorts.campaigns.fields)
  const months = v.years.flatMap((year) => Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`))
  const shapes: string[][] = [
    // The documented sorts, no filter.
    Object.values(indexedSorts).flatMap(({ path, fields }) => bothWays(fields).map((sort) => `${path}?sort=${sort}`)),
    // The largest account figures of the CAC since 2023, with their hedges and sources (and the total).
    product(product(v.regulators, v.units.slice(0, 10)), product(v.years, figureSorts)).map(([[regulator, unit], [from, sort]]) =>
      `/v1/figures?${query({ regulator, unit, from, sort, fields: 'value,value_text,qualifier,source_id', include_total: 'true' })}`),
    // One figure per fact for a campaign.
    product(v.campaigns, figureSorts).map(([campaign, sort]) => `/v1/figures?${query({ campaign, preferred: 'true', sort })}`),
    // Campaigns known to have been running in a month.
    product(months, campaignSorts).map(([month, sort]) => `/v1/campaigns?${query({ active_from: month, active_to: month, sort })}`),
    // Campaigns whose dates cannot say whether they ran in a year (reported apart), or with them.
    product(product(v.years, ['only', 'include']), campaignSorts).map(([[year, unknown], sort]) =>
      `/v1/campaigns?${query({ active_from: year, active_to: year, window_unknown: unknown, sort })}`),
    // Campaigns against a category or its sub-categories, on a platform.
    product(product(v.campaignCategories, v.campaignPlatforms), campaignSorts).map(([[category, platform], sort]) =>
      `/v1/campaigns?${query({ violation_category: category, platform, sort })}`),
    // Sources of one language (documented: newest first).
    product(v.languages, bothWays(indexedSorts.sources.fields)).map(([language, sort]) => `/v1/sources?${query({ language, sort })}`)
  ]
  return roundRobin(shapes.map((shape, i) => shuffled(shape, 13 + i)), count)
}

/** The dimensions a total is grouped by in the timed questions (campaign and source are timed apart: their answers grow). */
export const statsDimensions = ['year', 'month', 'violation_category', 'qualifier', 'regulator', 'platform'] as const
export const perRecordDimensions = ['campaign', 'source'] as const

export interface StatsQuestions {
  /** One measure grouped by one dimension. */
  alone: string[]
  /** The same with one filter: regulator, platform, violation_category, from (a year) or qualifier. */
  oneFilter: string[]
  /** Grouped by campaign or by source (one row per campaign or source: informational). */
  perRecord: string[]
}

/**
 * Distinct totals. The measures are taken the most figures first (the most work), as many as `count` questions need
 * with every dimension each, so the smaller ones come in too; `count` of them are taken evenly from that list.
 */
export function statsQuestions (v: BenchValues, count: number, perRecordCount = 8): StatsQuestions {
  const measures = v.measures.slice(0, Math.ceil(200 / statsDimensions.length))
  const measure = (m: Measure) => `unit=${escape(m.unit)}&action=${escape(m.action)}`
  const url = (m: Measure, groupBy: string, filter = '') => `/v1/stats/figures?${measure(m)}&group_by=${groupBy}${filter}`
  const evenly = <T> (values: T[], n: number) => n >= values.length ? values : Array.from({ length: n }, (_, k) => values[Math.floor(k * values.length / n)])

  const alone = evenly(product(measures, [...statsDimensions]).map(([m, d]) => url(m, d)), count)

  const filters: Array<[string, string[]]> = ([
    ['regulator', v.regulators], ['platform', v.figurePlatforms], ['violation_category', v.figureCategories],
    ['from', v.years], ['qualifier', ['none', 'over', 'around', 'almost', 'vague']]
  ] as Array<[string, string[]]>).filter(([, values]) => values.length > 0)
  const oneFilter = new Set<string>()
  // Measure, dimension and filter each turn at their own pace (34, 6 and 5 are coprime enough: no repeat before 510).
  for (let i = 0; oneFilter.size < count && i < count * 20; i++) {
    const [name, values] = filters[i % filters.length]
    const value = values[Math.floor(i / filters.length) % values.length]
    oneFilter.add(url(measures[i % measures.length], statsDimensions[i % statsDimensions.length], `&${name}=${escape(value)}`))
  }

  // A big, a middling and a small measure (and the biggest), each by campaign and by source.
  const picks = [...new Set([0, Math.floor(measures.length / 3), Math.floor(measures.length * 2 / 3), measures.length - 1])]
    .map((i) => measures[i]).filter(Boolean)
  const perRecord = product(picks, [...perRecordDimensions]).map(([m, d]) => url(m, d)).slice(0, perRecordCount)
  return { alone, oneFilter: [...oneFilter], perRecord }
}

import type { Sqlite } from '../../src/db/connection.js'
import { pageQuery, whereClause, type Condition, type ListSpec } from '../../src/db/list-query.js'
import { campaigns } from '../../src/resources/campaigns.js'
import { figures } from '../../src/resources/figures.js'
import { sources } from '../../src/resources/sources.js'

// The list queries that must stay fast on a million figures: every sort the README documents as indexed, in both
// directions, and each list question of the README's question table. test/db/query-plans.test.ts checks their plans;
// bench/queries.ts times them on the large database.

export interface DocumentedQuery {
  name: string
  url: string
  spec: ListSpec<unknown>
  where: (db: Sqlite) => Condition[]
  sort: string
  /** Its matches are many: a page must read them in order from an index and stop, never sort them all. */
  inOrder?: boolean
  /** Asked with include_total=true: the count must read an index only, never the rows. */
  total?: boolean
}

export const indexedSorts: Record<string, { spec: ListSpec<unknown>, path: string, fields: string[] }> = {
  figures: { spec: figures.list as ListSpec<unknown>, path: '/v1/figures', fields: ['id', 'value', 'date'] },
  campaigns: { spec: campaigns.list as ListSpec<unknown>, path: '/v1/campaigns', fields: ['id', 'window_from', 'announced'] },
  sources: { spec: sources.list as ListSpec<unknown>, path: '/v1/sources', fields: ['id', 'date'] }
}

export const documentedQueries: DocumentedQuery[] = [
  ...Object.values(indexedSorts).flatMap(({ spec, path, fields }) => fields.flatMap((field) => [field, `-${field}`].map((sort) => ({
    name: `${path}?sort=${sort}`, url: `${path}?sort=${sort}`, spec, where: () => [], sort
  })))),
  {
    name: 'question: the largest account figures of the CAC since 2023',
    url: '/v1/figures?regulator=reg-cac&unit=accounts&from=2023&sort=-value,id',
    spec: figures.list as ListSpec<unknown>,
    where: () => figures.filters.where({ regulator: 'reg-cac', unit: 'accounts', from: '2023' }),
    sort: '-value,id',
    inOrder: true,
    total: true
  },
  {
    name: 'question: one figure per fact for a campaign',
    url: '/v1/figures?campaign=camp-qinglang-2023-self-media&preferred=true',
    spec: figures.list as ListSpec<unknown>,
    where: () => figures.filters.where({ campaign: 'camp-qinglang-2023-self-media', preferred: true }),
    sort: 'id'
  },
  {
    name: 'question: campaigns running in May 2023',
    url: '/v1/campaigns?active_from=2023-05&active_to=2023-05',
    spec: campaigns.list as ListSpec<unknown>,
    where: () => campaigns.filters.where({ active_from: '2023-05', active_to: '2023-05' }),
    sort: 'id'
  },
  {
    name: 'question: campaigns against a category and its sub-categories, on a platform',
    url: '/v1/campaigns?violation_category=cat-self-media-general&platform=plat-weibo',
    spec: campaigns.list as ListSpec<unknown>,
    where: () => campaigns.filters.where({ violation_category: 'cat-self-media-general', platform: 'plat-weibo' }),
    sort: 'id',
    inOrder: true
  },
  {
    name: 'sources of one language, newest first',
    url: '/v1/sources?language=zh&sort=-date',
    spec: sources.list as ListSpec<unknown>,
    where: () => sources.filters.where({ language: 'zh' }),
    sort: '-date'
  }
]

export interface PlanStep { detail: string, topLevel: boolean }

/** SQLite's plan for the first page of a query; top-level steps are those of the outer query, not of a subquery. */
export function planOf (db: Sqlite, query: DocumentedQuery): PlanStep[] {
  const { sql, params } = pageQuery(query.spec, { where: query.where(db), sort: query.sort, limit: 50 })
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string, parent: number }>)
    .map((row) => ({ detail: row.detail, topLevel: row.parent === 0 }))
}

/** SQLite's plan for counting every match (include_total=true). */
export function countPlanOf (db: Sqlite, query: DocumentedQuery): PlanStep[] {
  const where = whereClause(query.where(db))
  const named = where.named && Object.keys(where.named).length ? [where.named] : []
  return (db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM ${query.spec.from}${where.sql}`).all(...where.params, ...named) as
    Array<{ detail: string, parent: number }>).map((row) => ({ detail: row.detail, topLevel: row.parent === 0 }))
}

const sorts = /^USE TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/

/**
 * What makes a page cost as much as a table: reading the whole list table unordered, sorting the matches when the
 * rows were not found through a filter (or at all, for a query whose matches are many), or reading every figure
 * inside a subquery.
 */
export function slowSteps (plan: PlanStep[], alias: string, options: { inOrder?: boolean } = {}): string[] {
  const filtered = !options.inOrder && plan.some((step) => step.topLevel && step.detail.startsWith(`SEARCH ${alias} `))
  return plan.filter(({ detail, topLevel }) => topLevel
    ? detail === `SCAN ${alias}` || (!filtered && sorts.test(detail))
    : /^SCAN (f|figures)( USING (COVERING )?INDEX \w+)?$/.test(detail)).map((step) => step.detail)
}

/** What makes a count read rows: anything but an index range of the list table (and the same rules as a page). */
export function slowCountSteps (plan: PlanStep[], alias: string): string[] {
  const reads = plan.filter((step) => step.topLevel && new RegExp(`^(SCAN|SEARCH) ${alias}\\b`).test(step.detail))
  return [...slowSteps(plan, alias), ...reads.filter((step) => !/ USING COVERING INDEX /.test(step.detail)).map((step) => step.detail)]
}

/** Every slow step of a documented query on this database: its first page's, and its count's when it has one. */
export function slowStepsOf (db: Sqlite, query: DocumentedQuery): string[] {
  const alias = query.spec.from.split(' ')[1]
  return [
    ...slowSteps(planOf(db, query), alias, { inOrder: query.inOrder }),
    ...(query.total ? slowCountSteps(countPlanOf(db, query), alias).map((step) => `count: ${step}`) : [])
  ]
}

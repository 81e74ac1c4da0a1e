import Fastify from 'fastify'
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import { Type } from 'typebox'
import { figures } from '../src/resources/figures.js'
import { sources } from '../src/resources/sources.js'
import { CampaignSummary, PlatformSummary, ViolationCategorySummary } from '../src/schemas/summaries.js'
import { FigureTotalsResponse } from '../src/schemas/stats.js'
import { Page } from '../src/schemas/common.js'

// The ceiling: bare Fastify answering the same shapes as the API (the same response schemas, so the same
// serialisation) from one prepared better-sqlite3 statement per endpoint kind: no plugins, no hooks, no
// validation, no cursors, no mapping layer. What the API does on top of this is what it costs.
// Run as a child process by bench/run.ts: DATABASE_PATH and PORT from the environment.

const db = new Database(process.env.DATABASE_PATH!, { readonly: true, fileMustExist: true })
const app = Fastify({ logger: false })
for (const schema of [sources.record, figures.record, figures.detailSchema, CampaignSummary, PlatformSummary, ViolationCategorySummary]) app.addSchema(schema)

const linked = (table: string, right: string) =>
  `(SELECT json_group_array(${right}) FROM (SELECT ${right} FROM ${table} WHERE figure_id = f.id ORDER BY position))`
const columns = `f.id, f.campaign_id, f.violation_category_id, ${linked('figure_platforms', 'platform_id')} AS platform_ids,
  f.value, f.value_text, f.qualifier, f.unit, f.unit_text, f.action, f.action_text, f.as_of, f.period_from, f.period_to, f.date,
  f.date_basis, f.date_note, f.source_id, ${linked('figure_also_reported_by', 'source_id')} AS also_reported_by, f.confidence,
  f.subset_of, f.subset_certainty, f.superseded_by, f.same_fact_as, f.derived_from, f.notes`
const sourceJson = (alias: string) => `json_object('id', ${alias}.id, 'title', ${alias}.title, 'publisher', ${alias}.publisher,
  'date', ${alias}.date, 'url', ${alias}.url, 'url_kind', ${alias}.url_kind, 'mirror_url', ${alias}.mirror_url,
  'archive_url', ${alias}.archive_url, 'accessed_on', ${alias}.accessed_on, 'language', ${alias}.language, 'confidence', ${alias}.confidence,
  'notes', json(${alias}.notes))`

type Row = Record<string, unknown>
const figure = (r: Row) => ({
  ...r,
  platform_ids: JSON.parse(r.platform_ids as string),
  also_reported_by: JSON.parse(r.also_reported_by as string),
  notes: JSON.parse(r.notes as string),
  period: { from: r.period_from, to: r.period_to }
})

const detail = db.prepare(`SELECT ${columns},
  (SELECT ${sourceJson('s')} FROM sources s WHERE s.id = f.source_id) AS source,
  (SELECT json_group_array(json(x)) FROM (SELECT ${sourceJson('s')} AS x FROM figure_also_reported_by a JOIN sources s ON s.id = a.source_id
    WHERE a.figure_id = f.id ORDER BY a.position)) AS also_reported_by_sources,
  (SELECT json_object('id', c.id, 'name_en', c.name_en, 'name_zh', c.name_zh, 'kind', c.kind, 'window_from', c.window_from,
    'window_to', c.window_to) FROM campaigns c WHERE c.id = f.campaign_id) AS campaign,
  (SELECT json_object('id', v.id, 'name_en', v.name_en, 'name_zh', v.name_zh) FROM violation_categories v
    WHERE v.id = f.violation_category_id) AS violation_category,
  (SELECT json_group_array(json(x)) FROM (SELECT json_object('id', p.id, 'name_en', p.name_en, 'name_zh', p.name_zh) AS x
    FROM figure_platforms l JOIN platforms p ON p.id = l.platform_id WHERE l.figure_id = f.id ORDER BY l.position)) AS platforms
  FROM figures f WHERE f.id = ?`)
const detailOf = (id: string) => {
  const r = detail.get(id) as Row | undefined
  if (!r) return undefined
  return {
    data: {
      ...figure(r),
      source: JSON.parse(r.source as string),
      also_reported_by_sources: JSON.parse(r.also_reported_by_sources as string),
      campaign: JSON.parse(r.campaign as string),
      violation_category: JSON.parse(r.violation_category as string),
      platforms: JSON.parse(r.platforms as string)
    }
  }
}
const detailSchema = { response: { 200: Type.Object({ data: Type.Ref('FigureDetail') }) } }
app.get<{ Params: { id: string } }>('/detail/:id', { schema: detailSchema }, async (request, reply) =>
  detailOf(request.params.id) ?? reply.code(404).send())

// The API's ETag is a hash of the body: the ceiling of a revalidation builds the body, hashes it and answers 304.
app.get<{ Params: { id: string } }>('/revalidate/:id', async (request, reply) => {
  const body = JSON.stringify(detailOf(request.params.id))
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
  if (request.headers['if-none-match'] === etag) return reply.code(304).send()
  return reply.header('etag', etag).type('application/json').send(body)
})

const pageSchema = { response: { 200: Type.Object({ data: Type.Array(Type.Ref('Figure')), page: Page }) } }
const firstPage = db.prepare(`SELECT ${columns} FROM figures f ORDER BY f.id LIMIT 50`)
const pageAfter = db.prepare(`SELECT ${columns} FROM figures f WHERE f.id > ? ORDER BY f.id LIMIT 50`)
const filtered = db.prepare(`SELECT ${columns} FROM figures f WHERE f.unit = ? AND f.action = ? ORDER BY f.id LIMIT 50`)
const page = (rows: Row[]) => ({ data: rows.map(figure), page: { limit: 50, next_cursor: rows.length ? String(rows.at(-1)!.id) : null } })
app.get('/list', { schema: pageSchema }, async () => page(firstPage.all() as Row[]))
app.get<{ Querystring: { after: string } }>('/deep', { schema: pageSchema }, async (request) => page(pageAfter.all(request.query.after) as Row[]))
app.get<{ Querystring: { unit: string, action: string } }>('/filtered', { schema: pageSchema }, async (request) =>
  page(filtered.all(request.query.unit, request.query.action) as Row[]))

// Totals: the same GROUP BY the API runs, without the filter and sort machinery around it.
const totals = (key: string) => db.prepare(`SELECT ${key} AS "${key === 'f.violation_category_id' ? 'violation_category_id' : 'year'}",
    sum(f.value) AS sum, count(*) AS count,
    sum(f.qualifier = 'none') AS exact_count, sum(f.qualifier = 'over') AS over_count,
    sum(f.qualifier = 'almost') AS almost_count, sum(f.qualifier = 'around') AS around_count,
    coalesce(sum(CASE WHEN f.qualifier <> 'none' THEN f.value END), 0) AS hedged_sum, json_group_array(f.id) AS figure_ids
  FROM figures f WHERE f.unit = ? AND f.action = ? AND f.value IS NOT NULL AND f.same_fact_as IS NULL AND f.subset_of IS NULL
    AND f.superseded_by IS NULL
  GROUP BY 1 ORDER BY 1`)
const totalsBy: Record<string, ReturnType<typeof totals>> = {
  year: totals('substr(f.date, 1, 4)'), violation_category: totals('f.violation_category_id')
}
app.get<{ Querystring: { unit: string, action: string, group_by: string } }>('/stats', { schema: { response: { 200: FigureTotalsResponse } } },
  async (request) => {
    const rows = totalsBy[request.query.group_by].all(request.query.unit, request.query.action) as Row[]
    return {
      data: rows.map((r) => ({ ...r, figure_ids: JSON.parse(r.figure_ids as string), sum_is_lower_bound: false, sum_kind: 'exact' })),
      meta: {
        group_by: [request.query.group_by], figures_matching: 0, figures_summed: 0, figures_with_several_platforms: 0,
        left_out: { without_value: 0, non_additive: 0, duplicates: 0, superseded: 0, subsets: 0, uncertain_subsets: 0 }
      }
    }
  })

// CSV: iterate the statement straight into csv-stringify, with backpressure through the stream. An open iterator
// keeps its connection busy, so each export reads on a connection of its own.
app.get<{ Querystring: { unit?: string, min_value?: string } }>('/csv', async (request, reply) => {
  const own = new Database(process.env.DATABASE_PATH!, { readonly: true, fileMustExist: true })
  const where = request.query.unit ? 'WHERE f.unit = ? AND f.value >= ?' : ''
  const params = request.query.unit ? [request.query.unit, Number(request.query.min_value)] : []
  const rows = own.prepare(`SELECT ${columns} FROM figures f ${where} ORDER BY f.id`).iterate(...params) as IterableIterator<Row>
  const records = Readable.from((function * () {
    try {
      for (const r of rows) yield [r.id, r.campaign_id, r.violation_category_id, r.platform_ids, r.value, r.value_text, r.qualifier,
        r.unit, r.unit_text, r.action, r.action_text, r.as_of, r.period_from, r.period_to, r.date, r.date_basis, r.date_note,
        r.source_id, r.also_reported_by, r.confidence, r.subset_of, r.subset_certainty, r.superseded_by, r.same_fact_as,
        r.derived_from, r.notes]
    } finally {
      // Closed only once the loop has let go of the statement: closing a connection mid-iteration throws.
      own.close()
    }
  })())
  reply.raw.once('close', () => records.destroy())
  return reply.type('text/csv; charset=utf-8').send(records.pipe(stringify({ header: false })))
})

app.get('/health', async () => ({ status: 'ok' }))
await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' })

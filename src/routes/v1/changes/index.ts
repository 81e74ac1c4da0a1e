import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { changeFilters, changeList } from '../../../db/queries/changes.js'
import { listPage } from '../../../db/list-query.js'
import { lookupOn } from '../../../db/lookup.js'
import { withRecordUrl } from '../../../lib/record-url.js'
import { parseListParams } from '../../../lib/list-request.js'
import { replyWithList, type CsvColumns } from '../../../lib/list-reply.js'
import { ChangeFilters, RecordChange } from '../../../schemas/dataset.js'
import { ListQuery } from '../../../schemas/list-query.js'
import { listResponses } from '../../../schemas/responses.js'
import { example } from '../../../schemas/examples.js'

const changeCsv: CsvColumns<RecordChange> = {
  release: (c) => c.release,
  released_on: (c) => c.released_on,
  record_type: (c) => c.record_type,
  record_id: (c) => c.record_id,
  change: (c) => c.change,
  fields: (c) => c.fields.map((f) => f.field).join('; '),
  changes_json: (c) => c.fields.length ? JSON.stringify(c.fields) : '',
  reason: (c) => c.reason,
  replaced_by: (c) => c.replaced_by
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)

function describe (change: RecordChange): string {
  if (change.change === 'added') return `${change.record_type} ${change.record_id} added`
  if (change.change === 'removed') return `${change.record_type} ${change.record_id} removed${change.replaced_by ? `, merged into ${change.replaced_by}` : ''}: ${change.reason ?? ''}`
  return `${change.record_type} ${change.record_id}: ` + change.fields.map((f) =>
    `${f.field} ${JSON.stringify(f.old)} → ${JSON.stringify(f.new)}${f.reason ? ` (${f.reason})` : ''}`).join('; ')
}

const changeFields = Object.keys(RecordChange.properties)
const changesWithUrls = { ...changeList, map: (row: Record<string, unknown>) => withRecordUrl(changeList.map(row)) }

const changes: FastifyPluginAsyncTypebox = async (app) => {
  const lookup = lookupOn(app.db)
  app.get('', {
    schema: {
      tags: ['dataset'],
      operationId: 'listChanges',
      summary: 'What changed in each release',
      description: 'Every record each release added, changed (field by field, before and after, with the curator\'s reason) ' +
        'or removed (why, and what replaced it), newest release first. Filter by release, record type, record id, kind of ' +
        'change or `since` a date; paged and in CSV like every list. A newsroom can subscribe to /v1/changes/feed.atom.',
      querystring: ListQuery('changes', Object.keys(changeList.sortable), ChangeFilters, Object.keys(RecordChange.properties)),
      response: listResponses('RecordChange', 'changes', 'A page of changes (JSON), or CSV.')
    }
  }, async (request, reply) => {
    const list = parseListParams(changesWithUrls, changeFields, request.query, request.headers.accept, lookup)
    return replyWithList(request, reply, app.db, changesWithUrls, changeFilters(request.query), list, { name: 'changes', columns: changeCsv, fields: changeFields })
  })

  app.get('/feed.atom', {
    schema: {
      tags: ['dataset'],
      operationId: 'getChangesFeed',
      summary: 'The changes as an Atom feed',
      description: 'The latest 200 changes (newest first) as an Atom 1.0 feed (RFC 4287), one entry per record per release, ' +
        'each linking to the record; `record_type` and `record` narrow it (e.g. a feed of one figure\'s corrections).',
      querystring: Type.Object({ record_type: ChangeFilters.record_type, record: ChangeFilters.record }, { additionalProperties: false }),
      response: { 200: { description: 'An Atom feed.', content: { 'application/atom+xml': { schema: Type.String(), example: example('changes.atom') } } } }
    }
  }, async (request, reply) => {
    const page = listPage(app.db, changesWithUrls, { where: changeFilters(request.query), sort: changeList.defaultSort, limit: 200 })
    const base = `${request.protocol}://${request.host}`
    const updated = `${page.rows[0]?.released_on ?? app.dataset.metadata.released_on ?? '1970-01-01'}T00:00:00Z`
    const entries = page.rows.map((c) => `  <entry>
    <id>tag:${escapeXml(request.host)},${c.released_on}:change/${escapeXml(c.id)}</id>
    <title>${escapeXml(`Release ${c.release}: ${c.record_type} ${c.record_id} ${c.change}`)}</title>
    <updated>${c.released_on}T00:00:00Z</updated>
    ${c.record_url ? `<link href="${escapeXml(base + c.record_url)}"/>` : ''}
    <summary>${escapeXml(describe(c))}</summary>
  </entry>`).join('\n')
    return reply.type('application/atom+xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(base)}/v1/changes</id>
  <title>${escapeXml('Corrections and additions: censorship-campaigns dataset')}</title>
  <updated>${updated}</updated>
  <author><name>censorship-campaigns-api contributors</name></author>
  <link rel="self" href="${escapeXml(base + request.url)}"/>
${entries}
</feed>
`)
  })
}

export default changes

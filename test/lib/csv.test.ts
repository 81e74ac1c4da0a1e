import t from 'tap'
import { parse } from 'csv-parse/sync'
import { build } from '../helper.js'

// A strict RFC 4180 reader: CRLF only, quotes only where RFC 4180 allows them, every row as wide as the header.
const strict = { bom: true, columns: true, record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false, skip_empty_lines: false } as const

t.test('bom=true gives a CSV that a strict RFC 4180 parser reads, with the Chinese names intact', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/regulators?format=csv&bom=true' })
  t.equal(response.statusCode, 200)
  t.same([...response.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 byte-order mark')
  t.notMatch(response.body.replace(/\r\n/g, ''), /\n/, 'every line ends in CRLF (no bare LF between records)')
  const rows: Array<Record<string, string>> = parse(response.rawPayload, strict)
  const json = (await app.inject({ url: '/v1/regulators?limit=500' })).json() as { data: Array<{ id: string, name_zh: string | null }> }
  t.same(rows.map((row) => [row.id, row.name_zh]), json.data.map((r) => [r.id, r.name_zh ?? '']))
})

t.test('without bom=true there is no byte-order mark', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/stats/figures?group_by=unit,action&format=csv' })
  t.not(response.rawPayload[0], 0xef)
  const withBom = await app.inject({ url: '/v1/stats/figures?group_by=unit,action&format=csv&bom=true' })
  t.equal(withBom.rawPayload[0], 0xef, '/v1/stats/figures takes bom too')
})

t.test('a CSV page has an ETag and revalidates; list cells are joined with "; "', async (t) => {
  const app = await build(t)
  const url = '/v1/campaigns?format=csv&limit=50'
  const page = await app.inject({ url })
  t.ok(page.headers.etag)
  t.equal((await app.inject({ url, headers: { 'if-none-match': page.headers.etag as string } })).statusCode, 304)
  const rows: Array<Record<string, string>> = parse(page.body, { ...strict, bom: false })
  const json = (await app.inject({ url: '/v1/campaigns?limit=50' })).json() as { data: Array<{ id: string, notes: string[], regulator_ids: string[] }> }
  const byId = new Map(rows.map((row) => [row.id, row]))
  for (const campaign of json.data) {
    t.equal(byId.get(campaign.id)?.regulator_ids, campaign.regulator_ids.join('; '), `${campaign.id} regulator_ids`)
    t.equal(byId.get(campaign.id)?.notes, campaign.notes.join('; '), `${campaign.id} notes`)
  }
})

import t from 'tap'
import { parse } from 'csv-parse/sync'
import { allPages, buildOnFixture } from '../../helper.js'

interface Hit { type: string, id: string, title: string, snippet: string, rank: number, url: string }
interface Page { data: Hit[], page: { limit: number, next_cursor: string | null, total?: number } }

// On the fixture dataset (test/fixtures/seed/), whose texts hold each case: 自媒体 in several records, the platform
// Fixblog (样博), the words self-media, Qinglang, censorship, Q&A.
const app = await buildOnFixture(t)
const url = (path: string, params: Record<string, string | number>) =>
  `${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`
const search = async (params: Record<string, string | number>) => {
  const response = await app.inject({ url: url('/v1/search', params) })
  t.equal(response.statusCode, 200, `${JSON.stringify(params)} answers 200: ${response.body.slice(0, 200)}`)
  return response.json() as Page
}
/** Every hit, in order, following the cursors. */
const allHits = async (params: Record<string, string | number>) => await allPages(app, url('/v1/search', params)) as unknown as Hit[]
const keys = (hits: Hit[]) => hits.map((h) => `${h.type} ${h.id}`)
const sorted = (values: string[]) => [...values].sort()

t.test('q=自媒体 finds the self-media campaign among the first hits, with the match marked', async (t) => {
  const { data } = await search({ q: '自媒体', limit: 5 })
  t.ok(data.some((h) => h.id === 'camp-fx-2023-self-media'), `in the top 5: ${keys(data).join(', ')}`)
  const campaign = data.find((h) => h.id === 'camp-fx-2023-self-media')!
  t.equal(campaign.type, 'campaign')
  t.equal(campaign.url, '/v1/campaigns/camp-fx-2023-self-media')
  t.equal(campaign.title, 'Qinglang: rectifying \'self-media\' chaos (fixture) / 清朗·整治“自媒体”乱象', 'the names as written')
  const every = await allHits({ q: '自媒体' })
  t.same(sorted(keys(every)), ['campaign camp-fx-2023-self-media', 'source src-fx-wire-2023-05-22', 'source src-fx-wire-mirror-2023-05',
    'violation_category cat-fx-general'], 'every record that holds the word, and no other')
  for (const hit of every) {
    t.match(hit.snippet, /<mark>自媒体<\/mark>/, `${hit.id}: the three characters are marked as one match`)
    t.notMatch(hit.snippet + hit.title, /\u200B/, `${hit.id}: no index separator reaches the answer`)
  }
})

t.test('Chinese matches the characters in order, not each character anywhere', async (t) => {
  const inOrder = keys(await allHits({ q: '媒体自' }))
  t.notOk(inOrder.includes('campaign camp-fx-2023-self-media'), '媒体自 is not 自媒体')
  t.same(keys(await allHits({ q: '样博' })), ['platform plat-fx-blog'])
  const figure = await search({ q: '141.09万', type: 'figure' })
  t.same(keys(figure.data), ['figure fig-010', 'figure fig-011'],
    'the source\'s own wording 141.09万余条 first, then the figure whose note quotes it')
})

t.test('English: any case, and the platform named Fixblog is among the first hits', async (t) => {
  const lower = keys(await allHits({ q: 'fixblog' }))
  t.same(keys(await allHits({ q: 'FIXBLOG' })), lower)
  const top = (await search({ q: 'Fixblog', limit: 2 })).data
  t.ok(keys(top).includes('platform plat-fx-blog'), `plat-fx-blog in the first two: ${keys(top).join(', ')}`)
  const types = new Set((await allHits({ q: 'Fixblog' })).map((h) => h.type))
  t.ok(types.has('campaign') && types.has('source') && types.has('platform'), `several kinds of record: ${[...types].join(', ')}`)
})

t.test('hits come best first: rank never decreases, and ties are ordered by type and id', async (t) => {
  const hits = await allHits({ q: 'self-media OR Fixblog OR 自媒体', limit: 3 })
  t.ok(hits.length > 5)
  for (let i = 1; i < hits.length; i++) {
    const [a, b] = [hits[i - 1], hits[i]]
    t.ok(a.rank < b.rank || (a.rank === b.rank && `${a.type} ${a.id}` < `${b.type} ${b.id}`), `${a.id} before ${b.id}`)
  }
})

t.test('syntax: phrases, OR, NOT, prefixes', async (t) => {
  const selfMedia = keys(await allHits({ q: 'self-media' }))
  const qinglang = keys(await allHits({ q: 'Qinglang' }))
  t.same(sorted(keys(await allHits({ q: 'self-media NOT Qinglang' }))), sorted(selfMedia.filter((k) => !qinglang.includes(k))))
  t.same(sorted(keys(await allHits({ q: 'self-media OR Qinglang' }))), sorted([...new Set([...selfMedia, ...qinglang])]))
  t.same(sorted(keys(await allHits({ q: 'self-media AND Qinglang' }))), sorted(selfMedia.filter((k) => qinglang.includes(k))))
  const phrase = keys(await allHits({ q: '"media chaos"' }))
  t.ok(phrase.length > 0 && phrase.length < selfMedia.length, 'a phrase finds fewer records than its words')
  const prefix = await allHits({ q: 'censor*' })
  t.ok(prefix.some((h) => /<mark>censorship<\/mark>/i.test(h.snippet)), 'censor* finds censorship')
  t.ok(keys(prefix).length > keys(await allHits({ q: 'censor' })).length)
})

t.test('type= keeps the hits of those kinds, in the same order', async (t) => {
  const all = await allHits({ q: 'Fixblog' })
  t.same(keys(await allHits({ q: 'Fixblog', type: 'campaign' })), keys(all.filter((h) => h.type === 'campaign')))
  t.same(keys(await allHits({ q: 'Fixblog', type: 'platform,source' })), keys(all.filter((h) => ['platform', 'source'].includes(h.type))))
  const bad = await app.inject({ url: '/v1/search?q=Fixblog&type=campaigns' })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().invalid_params[0].name, 'type')
})

t.test('pages follow each other without losing or repeating a hit', async (t) => {
  const whole = (await search({ q: 'self-media' })).data
  t.ok(whole.length > 2, 'more hits than a page of 2')
  const paged = await allHits({ q: 'self-media', limit: 2 })
  t.same(keys(paged), keys(whole))
  t.equal(new Set(keys(paged)).size, paged.length)
  const first = await app.inject({ url: url('/v1/search', { q: 'self-media', limit: 2 }) })
  t.match(first.headers.link, /rel="next"/)
  t.equal((await search({ q: 'self-media', include_total: 'true', limit: 1 })).page.total, whole.length)
})

t.test('CSV: a page, or every hit, with the same columns', async (t) => {
  const csv = await app.inject({ url: url('/v1/search', { q: 'Fixblog', format: 'csv' }) })
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], /^text\/csv/)
  const rows = parse(csv.body, { columns: true }) as Array<Record<string, string>>
  t.same(Object.keys(rows[0]), ['type', 'id', 'title', 'snippet', 'rank', 'url'])
  t.same(rows.map((r) => `${r.type} ${r.id}`), keys(await allHits({ q: 'Fixblog' })), 'every hit, in rank order')
  const accept = await app.inject({ url: url('/v1/search', { q: 'Fixblog', limit: 2 }), headers: { accept: 'text/csv' } })
  t.equal((parse(accept.body, { columns: true }) as unknown[]).length, 2)
})

t.test('no match is an empty page; ETag and 304 as everywhere', async (t) => {
  const empty = await search({ q: 'zzyzx' })
  t.same(empty, { data: [], page: { limit: 50, next_cursor: null } })
  const first = await app.inject({ url: '/v1/search?q=Fixblog' })
  t.ok(first.headers.etag)
  const again = await app.inject({ url: '/v1/search?q=Fixblog', headers: { 'if-none-match': first.headers.etag as string } })
  t.equal(again.statusCode, 304)
})

t.test('a search FTS5 cannot read, or none at all, is a 400 problem naming q', async (t) => {
  for (const q of ['"unbalanced AND (', 'unbalanced AND (', 'NOT', 'weibo OR', '(weibo', '-', '', 'x'.repeat(201)]) {
    const response = await app.inject({ url: url('/v1/search', { q }) })
    t.equal(response.statusCode, 400, `q=${q.slice(0, 20)}`)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    t.equal(response.json().invalid_params[0].name, 'q')
  }
  const missing = await app.inject({ url: '/v1/search' })
  t.equal(missing.statusCode, 400)
  t.equal(missing.json().invalid_params[0].name, 'q')
  const syntax = await app.inject({ url: url('/v1/search', { q: 'unbalanced AND (' }) })
  t.match(syntax.json().detail, /quoted phrase/, 'the message says how to write a search')
})

t.test('the snippet is safe HTML: only <mark> is markup', async (t) => {
  const hits = await allHits({ q: 'short-video OR Q&A' })
  t.ok(hits.some((h) => h.snippet.includes('&amp;')), 'an & in the text is escaped')
  for (const hit of hits) t.notMatch(hit.snippet.replace(/<\/?mark>/g, ''), /[<>]/, hit.id)
})

// q on the lists: the same matching as /v1/search, within one kind of record, with the list's filters and sort.
const lists: Array<[string, string]> = [
  ['/v1/campaigns', 'campaign'], ['/v1/regulators', 'regulator'], ['/v1/platforms', 'platform'],
  ['/v1/violation-categories', 'violation_category'], ['/v1/figures', 'figure'], ['/v1/sources', 'source']
]

t.test('q= on every list finds the records /v1/search finds of that type, in English and Chinese', async (t) => {
  for (const q of ['自媒体', 'Fixblog', 'FCO']) {
    for (const [path, type] of lists) {
      const listed = (await allPages(app, url(path, { q, limit: 2 }))).map((r) => r.id as string)
      const found = (await allHits({ q, type })).map((h) => h.id)
      t.same(listed, sorted(found), `${path}?q=${q}: the same records, in the list's order (id)`)
    }
  }
  const campaigns = (await allPages(app, url('/v1/campaigns', { q: '自媒体' }))).map((r) => r.id)
  t.ok(campaigns.includes('camp-fx-2023-self-media'))
})

t.test('q= with a filter, a sort, a cursor, fields, include_total and CSV', async (t) => {
  const withQ = (await allPages(app, '/v1/campaigns?q=Qinglang')).map((r) => r.id as string)
  const ofKind = (await allPages(app, '/v1/campaigns?kind=campaign')).map((r) => r.id as string)
  const both = ofKind.filter((id) => withQ.includes(id))
  t.same(both, ['camp-fx-2016-cleanup', 'camp-fx-2023-self-media'], 'the series is left out')
  t.ok(both.length < withQ.length, 'the filter narrows the search')
  const paged = await allPages(app, '/v1/campaigns?q=Qinglang&kind=campaign&sort=-window_from&fields=name_en&limit=1')
  t.same(paged.map((r) => r.id as string), [...both].reverse(), 'every page, newest window first, no record lost or repeated')
  t.same(Object.keys(paged[0]), ['id', 'name_en'])
  const total = (await app.inject({ url: '/v1/campaigns?q=Qinglang&kind=campaign&include_total=true&limit=1' })).json()
  t.equal(total.page.total, both.length)
  const csv = await app.inject({ url: '/v1/campaigns?q=Qinglang&kind=campaign&format=csv' })
  t.same((parse(csv.body, { columns: true }) as Array<{ id: string }>).map((r) => r.id), both)
  const none = await app.inject({ url: '/v1/figures?q=zzyzx' })
  t.same(none.json().data, [])
})

t.test('a bad q on a list is a 400 before any CSV is streamed', async (t) => {
  for (const [path] of lists) {
    const response = await app.inject({ url: url(path, { q: 'weibo AND', format: 'csv' }) })
    t.equal(response.statusCode, 400, path)
    t.equal(response.json().invalid_params[0].name, 'q')
  }
})

t.test('a NUL character in q is a 400 naming q, on the search and on a list (found by the soak: it was a 500)', async (t) => {
  for (const url of ['/v1/search?q=a%00b', '/v1/campaigns?q=%00-1', '/v1/sources?q=9999%00']) {
    const response = await app.inject({ url })
    t.equal(response.statusCode, 400, url)
    t.match(response.headers['content-type'], /application\/problem\+json/)
    t.match(response.json().invalid_params, [{ name: 'q', reason: /NUL/ }])
  }
})

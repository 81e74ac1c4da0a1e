import t from 'tap'
import { allPages, buildOnFixture } from '../../helper.js'
import { resources } from '../../../src/resources/index.js'

// Keyset pagination must stay exact under every sort order: walking small pages gives every record once,
// in the same order as one big page, with nulls last in both directions. On the fixture dataset, whose lists are
// short: pages of 2 records, so that every list has several pages.

const app = await buildOnFixture(t)

const lists = Object.fromEntries(resources.map((resource) => [resource.path, resource.list]))

const ids = (rows: Array<Record<string, unknown>>) => rows.map((row) => row.id as string)

/** Like allPages, but a cursor that never reaches the end fails the test instead of hanging it. */
async function walk (url: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = []
  let cursor: string | null = null
  for (let pages = 0; pages < 100; pages++) {
    const body: { data: Array<Record<string, unknown>>, page: { next_cursor: string | null } } =
      (await app.inject({ url: cursor ? `${url}&cursor=${cursor}` : url })).json()
    rows.push(...body.data)
    cursor = body.page.next_cursor
    if (!cursor) return rows
  }
  throw new Error(`${url}: still paging after 100 pages`)
}

for (const [path, spec] of Object.entries(lists)) {
  t.test(`/v1/${path}: every page under every sort order`, async (t) => {
    const everything = ids(await allPages(app, `/v1/${path}`)).sort()
    const fields = Object.keys(spec.sortable)
    const orders = [...fields, ...fields.map((f) => `-${f}`), `${fields.at(-1)},-${fields[1]}`, `-${fields[1]},id`]
    for (const sort of orders) {
      const walked = ids(await walk(`/v1/${path}?limit=2&sort=${sort}`))
      const single = ids((await app.inject({ url: `/v1/${path}?sort=${sort}` })).json().data)
      t.same(walked, single, `sort=${sort}: pages follow one order`)
      t.same([...walked].sort(), everything, `sort=${sort}: every record once`)
    }
  })
}

t.test('nulls come last whichever the direction', async (t) => {
  for (const sort of ['value', '-value', 'action', '-action']) {
    const rows = await walk(`/v1/figures?limit=3&sort=${sort}`)
    const field = sort.replace('-', '')
    const firstNull = rows.findIndex((row) => row[field] === null)
    t.ok(firstNull > 0, `${sort}: some figures have no ${field}`)
    t.ok(rows.slice(firstNull).every((row) => row[field] === null), `${sort}: after the first null, only nulls`)
    const values = rows.slice(0, firstNull).map((row) => row[field] as string | number)
    const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    t.same(values, sort.startsWith('-') ? sorted.reverse() : sorted, `${sort}: the others in order`)
  }
})

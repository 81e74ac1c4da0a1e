import t from 'tap'
import { sortComponents, whereClause, type ListSpec } from '../../src/db/list-query.js'
import { checkFields, checkSort } from '../../src/lib/list-request.js'
import { Problem } from '../../src/lib/problem.js'

const spec: ListSpec<unknown> = {
  from: 'figures f',
  select: 'f.id',
  id: 'f.id',
  sortable: { id: { sql: 'f.id', nullable: false }, value: { sql: 'f.value', nullable: true }, date: { sql: 'f.date', nullable: true } },
  defaultSort: 'id',
  map: (row) => row
}

const reasonOf = (fn: () => unknown): string => {
  try {
    fn()
  } catch (error) {
    if (error instanceof Problem) return `${error.invalidParams?.[0].name}: ${error.invalidParams?.[0].reason}`
    throw error
  }
  throw new Error('did not throw')
}

t.test('sort: the default when absent; unknown or repeated fields are refused', async (t) => {
  t.equal(checkSort(spec, undefined), 'id')
  t.equal(checkSort(spec, '-value,date'), '-value,date')
  t.equal(reasonOf(() => checkSort(spec, 'popularity')), 'sort: cannot sort by "popularity". Sortable fields: id, value, date')
  t.equal(reasonOf(() => checkSort(spec, 'value,-value')), 'sort: names a field twice')
  t.equal(reasonOf(() => checkSort(spec, '__proto__')), 'sort: cannot sort by "__proto__". Sortable fields: id, value, date')
})

t.test('sort components: nulls last in both directions, and the id ends every order', async (t) => {
  t.same(sortComponents(spec, '-value'), [
    { sql: '((f.value) IS NULL)', descending: false }, { sql: 'f.value', descending: true }, { sql: 'f.id', descending: false }
  ])
  t.same(sortComponents(spec, '-id'), [{ sql: 'f.id', descending: true }], 'an order that names the id needs no tie-break')
})

t.test('fields: id always, unknown names refused', async (t) => {
  t.equal(checkFields(['value', 'unit'], undefined), undefined, 'every field')
  t.same([...checkFields(['value', 'unit'], 'unit')!], ['id', 'unit'])
  t.equal(reasonOf(() => checkFields(['value', 'unit'], 'valeu')), 'fields: has no field "valeu". Fields: value, unit')
})

t.test('where clause: conditions joined with AND, parameters in order, named ones kept', async (t) => {
  t.same(whereClause([]), { sql: '', params: [] })
  t.same(whereClause([{ sql: 'a = ?', params: [1] }, { sql: 'b IN (?, ?)', params: [2, 3], named: { q: 'x' } }]),
    { sql: ' WHERE a = ? AND b IN (?, ?)', params: [1, 2, 3], named: { q: 'x' } })
})

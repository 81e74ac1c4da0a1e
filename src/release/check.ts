import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml'
import { Value } from 'typebox/value'
import type { TSchema } from 'typebox'
import { seedTypes } from '../resources/index.js'
import type { SeedRecords } from '../resources/seed-description.js'
import type { RecordType } from './record-types.js'
import { namedValues } from '../db/seed.js'

// `npm run data:check`: every problem in seed/, each with its file, line, record id and field, not just the first.

export interface DataProblem { file: string, line: number, id: string, field: string, problem: string }

const schemas: Record<RecordType, TSchema> = Object.fromEntries(seedTypes.map((t) => [t.type, t.record]))

type Data = Record<string, unknown>
interface Located { type: RecordType, file: string, id: string, data: Data, line: (path?: Array<string | number>) => number }

export const formatProblem = (p: DataProblem) => `${p.file}:${p.line}: ${p.id}: ${p.field}: ${p.problem}`

function readFile (seedFolder: string, type: RecordType, fileName: string, problems: DataProblem[]): Located[] {
  const path = join(seedFolder, `${fileName}.yaml`)
  const file = relative(process.cwd(), path) || path
  const lineCounter = new LineCounter()
  const document = parseDocument(readFileSync(path, 'utf8'), { lineCounter })
  const lineAt = (offset: number | undefined) => offset === undefined ? 1 : lineCounter.linePos(offset).line
  for (const error of document.errors) problems.push({ file, line: error.linePos?.[0].line ?? 1, id: '(file)', field: '(file)', problem: error.message })
  if (document.errors.length) return []
  if (!isSeq(document.contents)) {
    problems.push({ file, line: 1, id: '(file)', field: '(file)', problem: 'must be a list of records' })
    return []
  }
  return document.contents.items.map((node, index) => {
    const data = (node as Node).toJSON() as Data
    const id = typeof data?.id === 'string' ? data.id : `(record ${index + 1} without id)`
    // The line of a field (or of a nested field, or of the list item): the deepest node the path reaches.
    const line = (fieldPath: Array<string | number> = []) => {
      let current: unknown = node
      let offset = (node as Node).range?.[0]
      for (const step of fieldPath) {
        if (isMap(current)) {
          const pair = current.items.find((p) => (p.key as { value?: unknown })?.value === step)
          if (!pair) break
          offset = (pair.key as Node).range?.[0] ?? offset
          current = pair.value
        } else if (isSeq(current)) {
          const item = current.items[Number(step)] as Node | undefined
          if (!item) break
          offset = item.range?.[0] ?? offset
          current = item
        } else break
      }
      return lineAt(offset)
    }
    return { type, file, id, data: data ?? {}, line }
  })
}

function schemaProblems (record: Located, problems: DataProblem[]): void {
  const seen = new Set<string>()
  for (const error of Value.Errors(schemas[record.type], record.data)) {
    const params = error.params as { additionalProperties?: string[], requiredProperties?: string[] }
    const extra = params.additionalProperties?.[0] ?? params.requiredProperties?.[0]
    const path = error.instancePath.split('/').filter(Boolean)
    const fieldPath = extra !== undefined ? [...path, extra] : path
    const field = fieldPath.join('.') || '(record)'
    if (seen.has(field)) continue
    seen.add(field)
    problems.push({ file: record.file, line: record.line(params.requiredProperties ? path : fieldPath), id: record.id, field, problem: error.message })
  }
}

// Partial dates compare at the precision both have: 2023-05 is not after 2023-05-27.
const after = (a: string, b: string) => {
  const n = Math.min(a.length, b.length)
  return a.slice(0, n) > b.slice(0, n)
}
const asString = (v: unknown) => typeof v === 'string' ? v : undefined

/** Every problem of the seed folder; an empty list when it is fit to load and release. */
export function checkSeed (seedFolder: string): DataProblem[] {
  const problems: DataProblem[] = []
  const records: Located[] = seedTypes.flatMap(({ type, file }) => readFile(seedFolder, type, file, problems))
  const add = (r: Located, field: string, problem: string, path: Array<string | number> = [field]) =>
    problems.push({ file: r.file, line: r.line(path), id: r.id, field, problem })

  const byId = new Map<string, Located>()
  for (const record of records) {
    schemaProblems(record, problems)
    const first = byId.get(record.id)
    if (first) add(record, 'id', `is used twice: also ${first.file}:${first.line()}`)
    else byId.set(record.id, record)
  }
  const ofType = (id: unknown, type: RecordType) => {
    const found = typeof id === 'string' ? byId.get(id) : undefined
    return found?.type === type ? found : undefined
  }
  // As the loader reads them (namedValues); a problem names the field, and where in a list of objects it stands.
  const references = new Map(seedTypes.map((t) => [t.type, Object.entries(t.references)]))
  for (const r of records) {
    for (const [field, type] of references.get(r.type) ?? []) {
      for (const { value, path } of namedValues(r.data, field)) {
        if (ofType(value, type)) continue
        add(r, field.includes('.') ? path.join('.') : field, `refers to unknown ${type} "${String(value)}"`, path)
      }
    }
    if (r.type === 'campaign') campaignProblems(r, add)
    if (r.type === 'figure') figureProblems(r, add, (id) => ofType(id, 'figure'), (id) => ofType(id, 'source'))
  }
  // Each kind's own rules (the ones the loader enforces) assume well-formed records: run once the shapes hold.
  if (problems.length === 0) {
    const ofKind = (type: string) => records.filter((r) => r.type === type)
    const seed: SeedRecords = {
      all: (type) => ofKind(type).map((r) => ({ ...r.data, id: r.id })),
      get: (type, id) => { const found = ofType(id, type); return found ? { ...found.data, id: found.id } : undefined }
    }
    for (const type of seedTypes) {
      for (const problem of type.check?.(seed.all(type.type), seed) ?? []) {
        const record = byId.get(problem.id)
        if (record) add(record, problem.field, problem.problem)
      }
    }
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
}

type Add = (r: Located, field: string, problem: string, path?: Array<string | number>) => void

function campaignProblems (r: Located, add: Add): void {
  const window = r.data.window as { from?: unknown, to?: unknown } | undefined
  const [from, to] = [asString(window?.from), asString(window?.to)]
  if (from && to && after(from, to)) add(r, 'window.to', `${to} is before the window starts (${from})`, ['window', 'to'])
  const platforms = Array.isArray(r.data.platforms) ? r.data.platforms as Data[] : []
  platforms.forEach((p, i) => {
    if (!p.platform_id === !p.name) add(r, 'platforms', 'each entry needs either platform_id or name', ['platforms', i])
  })
}

function figureProblems (r: Located, add: Add, figure: (id: unknown) => Located | undefined, source: (id: unknown) => Located | undefined): void {
  const d = r.data
  if (d.value === null && d.qualifier !== 'vague') add(r, 'value', 'may be null only when qualifier is "vague"')
  const parent = figure(d.subset_of)
  if (parent) {
    if (parent.data.unit !== d.unit) add(r, 'subset_of', `is part of ${parent.id}, which counts ${String(parent.data.unit)}, not ${String(d.unit)}`)
    if (typeof d.value === 'number' && typeof parent.data.value === 'number' && d.value > parent.data.value) {
      add(r, 'subset_of', `value ${d.value} is above the value of ${parent.id} (${parent.data.value}), which it is part of`)
    }
  }
  for (const field of ['subset_of', 'same_fact_as'] as const) {
    const seen = new Set([r.id])
    for (let next = figure(d[field]); next; next = figure(next.data[field])) {
      if (seen.has(next.id)) {
        if (next.id === r.id) add(r, field, `the ${field} chain comes back to ${r.id} (${[...seen].join(' → ')} → ${r.id})`)
        break
      }
      seen.add(next.id)
    }
  }
  const reportedBy = source(d.source_id)
  const sourceDate = asString(reportedBy?.data.date)
  const period = d.period as { to?: unknown } | undefined
  for (const [field, date, path] of [['as_of', asString(d.as_of), ['as_of']], ['period.to', asString(period?.to), ['period', 'to']]] as const) {
    if (date && sourceDate && after(date, sourceDate)) add(r, field, `${date} is after the date of its source ${reportedBy!.id} (${sourceDate})`, [...path])
  }
}

import { Type, type TProperties } from 'typebox'
import { maxQueryLength, searchSyntax } from '../lib/search-syntax.js'

export const maxLimit = 500

/** A full-text search parameter, as /v1/search and every list take it. */
export const SearchQ = (description: string) => Type.String({
  minLength: 1, maxLength: maxQueryLength, description: `${description} ${searchSyntax} At most ${maxQueryLength} characters; ` +
    'a search FTS5 cannot read (a lone NOT, an unclosed parenthesis or quote) is a 400 naming q.',
  examples: ['自媒体']
})

/** The CSV byte-order mark, opt-in: Excel needs it to read UTF-8 (Chinese names), naive CSV parsers choke on it. */
export const CsvBom = Type.Boolean({
  description: 'true: start CSV with a UTF-8 byte-order mark, so that Excel opens Chinese text correctly when the file ' +
    'is double-clicked. Off by default, since a BOM breaks naive parsers. Ignored for JSON.',
  examples: [true]
})

/** The query parameters every list takes, plus the resource's own filters. */
export const ListQuery = <F extends TProperties = {}>(resource: string, sortFields: readonly string[], filters: F = {} as F, fields: readonly string[] = []) => Type.Object({
  limit: Type.Optional(Type.Integer({
    minimum: 1, maximum: maxLimit, default: 50,
    description: `How many ${resource} per page, 1 to ${maxLimit}. With format=csv and no limit, every matching record is exported.`,
    examples: [50]
  })),
  cursor: Type.Optional(Type.String({
    maxLength: 2000,
    description: 'The `next_cursor` of the previous page. Opaque: do not build it by hand.',
    examples: ['eyJzIjoiaWQiLCJrIjpbImZpZy0wNTAiXX0']
  })),
  sort: Type.Optional(Type.String({
    maxLength: 200,
    description: `Sort by one or more fields, comma-separated; a leading \`-\` sorts descending. Nulls come last either way. ` +
      `Fields: ${sortFields.join(', ')}.`,
    examples: [sortFields.includes('value') ? '-value,id' : 'id']
  })),
  format: Type.Optional(Type.Enum(['json', 'csv'], {
    description: 'json (default) or csv (RFC 4180, UTF-8, header row). `Accept: text/csv` does the same.',
    examples: ['csv']
  })),
  fields: Type.Optional(Type.String({
    pattern: '^[a-z_]+(,[a-z_]+)*$',
    maxLength: 500,
    description: 'Only these fields of each record, comma-separated; `id` is always included. In CSV, only their ' +
      `columns (a nested field such as a window gives all its columns). An unknown field is a 400. Fields: ${fields.join(', ')}.`,
    examples: [fields.includes('value') ? 'value,unit,source_id' : 'id,name_en']
  })),
  bom: Type.Optional(CsvBom),
  include_total: Type.Optional(Type.Boolean({
    description: 'true: add `page.total`, the number of matching records over all pages (in CSV, the X-Total-Count header).',
    examples: [true]
  })),
  q: Type.Optional(SearchQ(`Only ${resource} that match this full-text search (as /v1/search finds them), combined with ` +
    'the other filters; the order is still `sort`, not relevance.')),
  ...filters
}, { additionalProperties: false })

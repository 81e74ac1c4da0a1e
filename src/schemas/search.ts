import { Type, type Static } from 'typebox'
import { resources } from '../resources/index.js'
import { ListQuery, SearchQ } from './list-query.js'

/** The kinds of record the search finds, and the path of each kind's detail endpoint. */
export const searchTypes = resources.map((resource) => resource.type)
export type SearchType = string
export const recordPaths: Record<SearchType, string> = Object.fromEntries(resources.map((resource) => [resource.type, `/v1/${resource.path}`]))

export const rankingNote = 'Hits are ranked by relevance, SQLite FTS5\'s bm25 (rarer words count more): 100 × the ' +
  'score of the record\'s names alone (a source\'s title, a figure\'s wording), so that a record with long notes is ' +
  'not pushed down, plus the score of its whole text; ties go by type and id.'

const { limit, cursor, format, bom, include_total: includeTotal } = ListQuery('hits', ['rank']).properties

export const SearchQuery = Type.Object({
  q: SearchQ('What to look for, in English or Chinese: names, descriptions, notes, titles and the sources\' own wording of figures.'),
  type: Type.Optional(Type.String({
    pattern: `^(${searchTypes.join('|')})(,(${searchTypes.join('|')}))*$`,
    maxLength: 200,
    description: `Only hits of these kinds of record, comma-separated. Kinds: ${searchTypes.join(', ')}.`,
    examples: ['campaign,figure']
  })),
  limit,
  cursor,
  format,
  bom,
  include_total: includeTotal
}, { additionalProperties: false })

export const SearchHit = Type.Object({
  type: Type.Enum(searchTypes, { description: 'What kind of record it is.' }),
  id: Type.String({ description: 'The record\'s public id.', examples: ['camp-qinglang-2023-self-media'] }),
  title: Type.String({
    description: 'The record\'s names (English / Chinese), a source\'s title, or a figure\'s wording, as plain text.'
  }),
  snippet: Type.String({
    description: 'A short passage of the record around the best match, as HTML: the text is escaped (&, <, >) and ' +
      'each match is wrapped in <mark>…</mark>; … marks where the passage was cut.'
  }),
  rank: Type.Number({ description: `Relevance: the lower, the better the match. ${rankingNote}` }),
  url: Type.String({ description: 'The address of the record in this API: a path, or an absolute URL when the server is configured with its public address.', examples: ['/v1/campaigns/camp-qinglang-2023-self-media'] })
}, { $id: 'SearchHit', description: 'A record that matches the search.' })
export type SearchHit = Static<typeof SearchHit>

import { splitCjk } from './cjk.js'
import { Problem } from './problem.js'

// The user's `q` becomes an FTS5 MATCH expression. Words and phrases are always passed to FTS5 as quoted strings,
// so that "self-media" or 141.09万 search for their words instead of tripping over FTS5's own syntax; only
// AND, OR, NOT, parentheses and a trailing * keep their meaning. Whether the result is a well-formed expression
// (a lone NOT, an unclosed parenthesis) is left to FTS5 itself: see checkedMatch in src/db/queries/search.ts.

export const maxQueryLength = 200

export const searchSyntax = 'Words must all match (in any order, ignoring case and accents); "a quoted phrase" matches ' +
  'its words in a row; OR, NOT and AND (upper case) and parentheses combine them; a * after a word matches its prefix ' +
  '(censor* finds censorship). Chinese is matched character by character, in order: 自媒体 finds 自媒体 anywhere in a text.'

const operators = new Set(['AND', 'OR', 'NOT'])
const hasWord = /[\p{L}\p{N}]/u
const token = /(?<space>\s+)|(?<paren>[()])|"(?<phrase>[^"]*)(?<closed>"?)(?<phrasePrefix>\*?)|(?<word>[^\s()"]+)/gu

const quoted = (text: string) => `"${splitCjk(text).replaceAll('"', '""')}"`

export function toMatchExpression (q: string): string {
  const parts: string[] = []
  let terms = 0
  for (const { groups } of q.matchAll(token)) {
    const { paren, phrase, closed, phrasePrefix, word } = groups!
    if (paren !== undefined || (word !== undefined && operators.has(word))) {
      parts.push(paren ?? word!)
      continue
    }
    if (phrase !== undefined && !closed) throw Problem.badParam('q', `has a " that is never closed. ${searchSyntax}`, 'invalid-search')
    const text = phrase ?? word?.replace(/\*+$/, '')
    // Spaces, and a term of punctuation alone ("-", "·"): nothing to find, so left out rather than matching nothing.
    if (text === undefined || !hasWord.test(text)) continue
    const prefix = phrase !== undefined ? phrasePrefix === '*' : word!.endsWith('*')
    parts.push(quoted(text) + (prefix ? '*' : ''))
    terms++
  }
  if (terms === 0) throw Problem.badParam('q', `has no word to search for. ${searchSyntax}`, 'invalid-search')
  return parts.join(' ')
}

// SQLite's unicode61 tokenizer splits text at spaces and punctuation, and Chinese (or Japanese) is written without
// spaces: "清朗·从严整治自媒体乱象" would be two tokens, and 自媒体 would match neither. So the search index holds
// such text one character a token, with an invisible separator (U+200B, which unicode61 does not count as part of
// a word) between the characters; a query's Chinese becomes a phrase of single characters, which matches the
// characters in that order. The separator is taken out again of everything the API answers.

export const cjkSeparator = '\u200B'

// Han ideographs and Japanese kana; Korean (Hangul) is written with spaces and needs no help.
const cjk = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}'
const boundary = new RegExp(`(?<=[${cjk}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?=[${cjk}])`, 'gu')

/** Text with a separator wherever a CJK character meets another letter or digit: 自媒体 -> 自​媒​体. */
export function splitCjk (text: string): string {
  return text.replaceAll(cjkSeparator, '').replace(boundary, cjkSeparator)
}

/** Text as it was before splitCjk. */
export function joinCjk (text: string): string {
  return text.replaceAll(cjkSeparator, '')
}

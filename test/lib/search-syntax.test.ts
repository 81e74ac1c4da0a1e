import t from 'tap'
import { cjkSeparator, joinCjk, splitCjk } from '../../src/lib/cjk.js'
import { Problem } from '../../src/lib/problem.js'
import { toMatchExpression } from '../../src/lib/search-syntax.js'

const s = cjkSeparator

t.test('words and phrases reach FTS5 quoted, so that their punctuation is not FTS5 syntax', async (t) => {
  t.equal(toMatchExpression('self-media'), '"self-media"')
  t.equal(toMatchExpression('141.09万 accounts'), `"141.09${s}万" "accounts"`)
  t.equal(toMatchExpression('"media chaos"'), '"media chaos"')
  t.equal(toMatchExpression('say "hi"'), '"say" "hi"')
  t.equal(toMatchExpression('col:umn'), '"col:umn"', 'a column filter is not allowed through')
})

t.test('operators, parentheses and prefixes keep their meaning', async (t) => {
  t.equal(toMatchExpression('a OR (b NOT c)'), '"a" OR ( "b" NOT "c" )')
  t.equal(toMatchExpression('censor*'), '"censor"*')
  t.equal(toMatchExpression('"media cha"*'), '"media cha"*')
  t.equal(toMatchExpression('weibo or douyin'), '"weibo" "or" "douyin"', 'lower-case or is a word')
})

t.test('Chinese becomes single characters in order', async (t) => {
  t.equal(toMatchExpression('自媒体'), `"自${s}媒${s}体"`)
})

t.test('punctuation alone is left out; nothing to search for, or an unclosed quote, is a 400 naming q', async (t) => {
  t.equal(toMatchExpression('weibo - ·'), '"weibo"')
  for (const [q, reason] of [['-', /has no word/], ['', /has no word/], ['  ', /has no word/], ['AND OR', /has no word/], ['"open', /never closed/]] as const) {
    let problem: unknown
    try {
      toMatchExpression(q)
    } catch (error) {
      problem = error
    }
    t.ok(problem instanceof Problem && problem.status === 400 && problem.invalidParams?.[0].name === 'q' && reason.test(problem.detail),
      `q=${JSON.stringify(q)}: ${String(problem)}`)
  }
})

t.test('splitCjk and joinCjk are inverses', async (t) => {
  for (const text of ['清朗·从严整治“自媒体”乱象', 'Qinglang 2023', '141.09万余条', 'カタカナ and かな', '']) {
    t.equal(joinCjk(splitCjk(text)), text, text)
    t.equal(splitCjk(splitCjk(text)), splitCjk(text), `${text}: splitting twice changes nothing`)
  }
  t.equal(splitCjk('Qinglang 2023'), 'Qinglang 2023', 'text without CJK is unchanged')
})

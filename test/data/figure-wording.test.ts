import t from 'tap'
import { readSeed } from '../../src/db/seed.js'
import { nonAdditiveUnits } from '../../src/schemas/vocabulary.js'

// Every figure of seed/: what its `value_text` (the source's own words) says about the hedge, the unit and the action
// must not be contradicted by the fields a sum reads. New figures are checked as they are added.

const figures = readSeed().figures.filter((f) => f.value_text)

const hedges: Array<[RegExp, string]> = [
  [/余|逾|超过|\d多|more than|\bover\b/i, 'over'],
  [/近|nearly|almost/i, 'almost'],
  [/约|\babout\b|\bsome\b|\baround\b/i, 'around']
]

t.test('a hedge in the wording is the qualifier: 余/over/more than → over, 近/nearly → almost, 约/about/some → around', async (t) => {
  for (const f of figures) {
    const said = hedges.filter(([words]) => words.test(f.value_text!)).map(([, qualifier]) => qualifier)
    if (said.length === 1) t.equal(f.qualifier, said[0], `${f.id}: "${f.value_text}"`)
    else t.ok(said.length === 0 || said.includes(f.qualifier), `${f.id}: "${f.value_text}" hedges ${said.join(' and ')}`)
  }
})

t.test('人次 (person-times) are not people: the unit does not add', async (t) => {
  const times = figures.filter((f) => /人次|person-times/i.test(`${f.value_text} ${f.unit_text}`))
  t.ok(times.length > 0, 'the seed has person-times figures (fig-017: 2089人次)')
  for (const f of times) {
    t.not(f.unit, 'people', f.id)
    t.ok(nonAdditiveUnits.includes(f.unit), `${f.id}: ${f.unit} is marked as not adding up`)
  }
})

t.test('the wording of the action agrees with the action', async (t) => {
  for (const f of figures) {
    if (/永久关闭|permanently (closed|banned)/i.test(f.value_text!)) t.equal(f.action, 'closed_permanently', `${f.id}: "${f.value_text}"`)
    if (/拦截/.test(f.value_text!)) t.equal(f.action, 'intercepted_or_deleted', `${f.id}: "${f.value_text}"`)
    if (/封禁/.test(f.value_text!)) t.equal(f.action, 'banned', `${f.id}: "${f.value_text}"`)
  }
})

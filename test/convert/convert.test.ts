import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import * as OpenCC from 'opencc-js'
import { describe, expect, it } from 'vitest'
import { OPENCC_JS_LOCALES } from '../helpers/opencc-reference.js'
import { converter, type OpenccConfig } from '../../src/convert/index.js'

// opencc-js (a dev dependency) is the reference: zhtidy's converter reads the same OpenCC dictionaries from
// generated tables and must give the same output on every text.
const REFERENCE = OPENCC_JS_LOCALES
const references = new Map<string, (text: string) => string>()
const reference = (config: keyof typeof REFERENCE) => {
  let convert = references.get(config)
  if (!convert) references.set(config, (convert = OpenCC.Converter(REFERENCE[config] as never) as (text: string) => string))
  return convert
}

const suite = path.resolve(__dirname, '../../../shared/suites/opencc')
const present = existsSync(path.join(suite, 'testcases.json'))
if (!present) console.warn(`convert: ${suite} is absent; the comparison on OpenCC's own test data is skipped`)

describe('the converter over generated OpenCC tables', () => {
  it('converts what OpenCC converts, by phrase (own cases)', () => {
    expect(converter('s2t')('头发和发展')).toBe('頭髮和發展')
    expect(converter('t2s')('乾隆皇帝在乾燥的天氣裡')).toBe(reference('t2s')('乾隆皇帝在乾燥的天氣裡'))
    expect(converter('s2twp')('鼠标和软件')).toBe('滑鼠和軟體')
    expect(converter('s2hk')('为了里面')).toBe(reference('s2hk')('为了里面'))
    // An ideographic description sequence is skipped whole, as OpenCC does: the 發 inside it stays.
    expect(converter('t2s')('⿰發髮 發')).toBe('⿰發髮 发')
    // Text the tables do not touch comes back as the same string.
    const ascii = 'plain ASCII text 123'
    expect(converter('s2t')(ascii)).toBe(ascii)
  })

  it.skipIf(!present)("gives opencc-js's output on OpenCC's test cases, golden texts and benchmark, for every configuration", () => {
    const texts: string[] = []
    const cases = JSON.parse(readFileSync(path.join(suite, 'testcases.json'), 'utf8').replace(/,(\s*[}\]])/g, '$1')) as { cases: { input: string; expected: Record<string, string> }[] }
    for (const c of cases.cases) texts.push(c.input, ...Object.values(c.expected))
    for (const name of readdirSync(path.join(suite, 'golden/input'))) texts.push(readFileSync(path.join(suite, 'golden/input', name), 'utf8'))
    texts.push(readFileSync(path.join(suite, 'benchmark/zuozhuan.txt'), 'utf8').slice(0, 300_000))
    for (const config of Object.keys(REFERENCE) as (keyof typeof REFERENCE)[]) {
      const ours = converter(config)
      const theirs = reference(config)
      const differing = texts.filter((text) => ours(text) !== theirs(text))
      expect(differing, config).toEqual([])
    }
  })

  it('gives opencc-js\'s output on random mixes of convertible characters, surrogates and description characters', () => {
    const alphabet = [...'发發髮后後干乾幹著着里裡裏为為爲头頭鼠标软件乾隆⿰⿱⿲ 𠮷𡞵㐷a,。\u00e9\ud840\udc00\ud800'].map((ch) => ch)
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((chars) => chars.join(''))
    for (const config of ['s2t', 's2tw', 't2s', 'tw2s', 'hk2t'] as const) {
      fc.assert(fc.property(text, (t) => converter(config)(t) === reference(config)(t)), { numRuns: 300 })
    }
  })
})

describe('one character alone', () => {
  it('charConverter gives what the whole converter gives, for every character a dictionary names and a sample of others', async () => {
    const { charConverter } = await import('../../src/convert/index.js')
    const { dictionaryPairs } = await import('../../src/convert/dictionaries.js')
    const chars = new Set<string>()
    for (const name of ['STCharacters', 'TSCharacters', 'TWVariants', 'HKVariants', 'TWVariantsRev', 'HKVariantsRev', 'CJK_Compatibility_Ideographs'] as const) {
      for (const [key, value] of dictionaryPairs(name)) for (const ch of [key, value]) if ([...ch].length === 1) chars.add(ch)
    }
    for (let code = 0x4e00; code < 0x9fff; code += 7) chars.add(String.fromCodePoint(code))
    chars.add('𠮷').add('a').add('⿰')
    expect(chars.size).toBeGreaterThan(8000)
    for (const config of ['t2s', 's2t', 's2tw', 's2twp', 's2hk', 't2tw', 't2hk', 'tw2t', 'hk2t', 'tw2s'] as const) {
      const whole = converter(config)
      const alone = charConverter(config)
      const differing = [...chars].filter((ch) => alone(ch) !== whole(ch))
      expect(differing, config).toEqual([])
    }
  })
})

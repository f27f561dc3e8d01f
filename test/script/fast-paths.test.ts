import fc from 'fast-check'
import * as OpenCC from 'opencc-js'
import { describe, expect, it } from 'vitest'
import { OPENCC_JS_LOCALES } from '../helpers/opencc-reference.js'
import { converter, type OpenccConfig } from '../../src/convert/index.js'
import { dictionaryPairs } from '../../src/convert/dictionaries.js'
import { CharClass, converters, countScripts, Scan, scanLine } from '../../src/steps/script/convert.js'
import { lineChanges } from '../../src/steps/script/rules.js'

// The script step skips lines, and parts of lines, from a per-code-unit table and converts runs rather than whole
// lines where that is cheaper. These laws tie each shortcut to the plain computation it stands for.

const phrases = (name: Parameters<typeof dictionaryPairs>[0], every: number) => dictionaryPairs(name).filter((_, k) => k % every === 0).map(([key]) => key)
const pieces = [
  ...'发發髮后後干乾幹著着里裡裏为為爲头頭么麼麽群羣才纔覆复坏坯沈沉於于书書们們这這个個并並复複雜杂范範区區',
  ...'，。、 ()a1U盘B·-\u3042\u30fc\u30fb',
  '𠮷', '𦈡', '繻', '\ud840', '\udc00',
  ...phrases('TSPhrases', 3),
  ...phrases('STPhrases', 400),
  ...phrases('TWVariantsRevPhrases', 20),
]
const line = fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((parts) => parts.join(''))

describe('the scan of a line', () => {
  it('counts what countScripts counts, and finds kana where the rules look for it', () => {
    fc.assert(
      fc.property(line, (text) => {
        const scan = scanLine(text, { simplified: 0, traditional: 0, bits: 0 })
        const counts = countScripts(text)
        expect([scan.simplified, scan.traditional]).toEqual([counts.simplified, counts.traditional])
        if (counts.kana > 0) expect(scan.bits & Scan.Kana).not.toBe(0)
      }),
      { numRuns: 3000 },
    )
  })

  it('marks every line t2s or tw-hk2s would change with a character that converter may change', () => {
    const t2s = converter('t2s')
    const twhk = converter('tw-hk2s')
    fc.assert(
      fc.property(line, (text) => {
        const { bits } = scanLine(text, { simplified: 0, traditional: 0, bits: 0 })
        if (t2s(text) !== text) expect(bits & (Scan.T2s | Scan.RunT2s)).not.toBe(0)
        if (twhk(text) !== text) expect(bits & (Scan.ToSimplified | Scan.RunToSimplified)).not.toBe(0)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('the changes of a line bound for zh-Hans', () => {
  const apply = (text: string, changes: ReturnType<typeof lineChanges>) => {
    let out = ''
    let cursor = 0
    for (const change of changes) {
      expect(change.actual).toBe(text.slice(change.start, change.end))
      out += text.slice(cursor, change.start) + change.expected
      cursor = change.end
    }
    return out + text.slice(cursor)
  }

  /**
   * On a simplified line, a character written in both scripts that t2s changes stays where the line's round trip
   * through s2t and t2s keeps it (`作用於单元`, `乾安县`: what t2s made of `作用於單元` and `乾安縣`).
   */
  const keepingRoundTrip = (text: string, out: string): string => {
    if (out.length !== text.length) return out
    const back = converter('t2s')(converter('s2t')(text))
    if (back.length !== text.length) return out
    let kept = ''
    for (let k = 0; k < text.length; k++) kept += out[k] !== text[k] && converters().classOf(text.charCodeAt(k)) === CharClass.Shared && back[k] === text[k] ? text[k] : out[k]
    return kept
  }

  it('rebuild the conversion of the whole line, by runs or whole, for simplified and traditional lines', () => {
    // Without description characters, whose skipping may reach across a run (the step then converts whole).
    fc.assert(
      fc.property(line, fc.boolean(), (text, traditionalDocument) => {
        const counts = countScripts(text)
        // A line with Japanese kana is left as it is. Kana right after a lone high surrogate is not counted by
        // countScripts but still marks the line (found by this property: `核能發電\ud840あ`).
        if (counts.kana > 0 || (scanLine(text, { simplified: 0, traditional: 0, bits: 0 }).bits & Scan.KanaUncounted) !== 0) return
        const traditionalText = counts.traditional === counts.simplified ? traditionalDocument : counts.traditional > counts.simplified
        const convert = converter(traditionalText ? 'tw-hk2s' : 't2s')
        expect(apply(text, lineChanges(text, 'zh-Hans', undefined, { traditionalDocument }))).toBe(traditionalText ? convert(text) : keepingRoundTrip(text, convert(text)))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('the converter over code units', () => {
  it("gives opencc-js's output on random mixes of phrase keys and characters, for every configuration", () => {
    const reference = OPENCC_JS_LOCALES
    const mixed = fc.array(fc.constantFrom(...pieces, '⿰', '⿱', '⿲', ...phrases('STPhrases_GeneratedFromRegionalPhrases', 10), ...phrases('TWPhrases', 10), ...phrases('HKVariantsPhrases', 5)), { maxLength: 30 }).map((parts) => parts.join(''))
    for (const [config, locale] of Object.entries(reference) as [keyof typeof reference, { from: string; to: string }][]) {
      const theirs = OpenCC.Converter(locale as never) as (text: string) => string
      const ours = converter(config)
      fc.assert(fc.property(mixed, (text) => ours(text) === theirs(text)), { numRuns: 500 })
    }
  })
})

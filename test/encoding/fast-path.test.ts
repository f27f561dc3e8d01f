// The encoding step's quick look (mayHoldMojibake) lets a line skip the repair only when the repair could not
// change it: for every line it turns away, the full rule finds nothing, with or without readings established
// elsewhere in the document. Random lines mix the characters each condition of the look is about.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { encodingRule } from '../../src/steps/encoding/index.js'
import { mayHoldMojibake, READINGS } from '../../src/steps/encoding/repair.js'
import { COMMON_HAN, LESS_COMMON_HAN } from '../../src/data/char-weights.js'

const rule = encodingRule(READINGS)
const ALL = new Set(READINGS.map((r) => r.rule))

function unchanged(line: string): boolean {
  return rule(line, undefined).length === 0 && rule(line, ALL).length === 0
}

const pick = (pool: string) => fc.integer({ min: 0, max: pool.length - 1 }).map((i) => pool[i]!)
const piece = fc.oneof(
  { weight: 6, arbitrary: pick(COMMON_HAN) },
  { weight: 2, arbitrary: pick(LESS_COMMON_HAN) },
  { weight: 1, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: pick('，。、“”‘’？！：；（）《》—…·- abcXYZ019?') },
  { weight: 1, arbitrary: pick('éÃÂ¤¸\u0085\u0092\u00a0ÖÐ¹ú€™ŒĀПж╨┐ⅰⅱ□\uFFFD锟斤拷') },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0x2e7f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xac00, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: pick('\ud840\udc00\ud83d\ude00\ud840') },
)

describe('mayHoldMojibake', () => {
  it('turns away only lines the rule leaves alone (random lines)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((a) => a.join('')), (line) => {
        if (!mayHoldMojibake(line)) expect(unchanged(line)).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  it('turns away only lines the rule leaves alone (Han text: wordless lines, lines of middling weight, their GBK/Big5 misreadings)', () => {
    // The look reads the mean weight, the known words and (on wordless lines) the other double-byte reading
    // itself: lines of Han characters and CJK punctuation only, clean or misread between GBK and Big5.
    const han = fc.oneof(
      { weight: 5, arbitrary: pick(COMMON_HAN) },
      { weight: 3, arbitrary: pick(LESS_COMMON_HAN) },
      { weight: 1, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)) },
      { weight: 1, arbitrary: pick('，。、“”：；') },
    )
    const line = fc.array(han, { minLength: 4, maxLength: 30 }).map((a) => a.join(''))
    const misread = fc.tuple(line, fc.constantFrom(['gbk', 'big5'], ['big5', 'gbk'])).map(([text, [from, to]]) => iconv.decode(iconv.encode(text, from!), to!))
    fc.assert(
      fc.property(fc.oneof(line, misread), (text) => {
        if (!mayHoldMojibake(text)) expect(unchanged(text), text).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('turns away only lines the rule leaves alone (corpus samples and the lines of mojibake made from them)', () => {
    const dir = path.resolve(__dirname, '../../corpus-samples')
    let skipped = 0
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n')) {
        if (line.length === 0 || mayHoldMojibake(line)) continue
        skipped++
        expect(unchanged(line), line).toBe(true)
      }
    }
    expect(skipped).toBeGreaterThan(100)
  })

  it('sends lines with something to repair to the full look', () => {
    for (const line of ['涓枃鐨勬枃瀛', 'Ã¤Â¸Â­', 'ÖÐ¹ú', '中文\uFFFD', '锟斤拷', '举行銆?', 'parlé\u0085', "jusqu'Ã nos", 'é¤']) {
      expect(mayHoldMojibake(line), line).toBe(true)
    }
    expect(mayHoldMojibake('中华人民共和国成立于一九四九年。')).toBe(false)
    expect(mayHoldMojibake('他说：“好。”')).toBe(false)
  })
})

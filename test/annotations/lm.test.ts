// The character model of the byte-slip repair (src/steps/annotations/lm.ts) reads its ASCII table where it lies:
// a binary search over a row's pairs, levels looked up as they are stored. Held here to the slow way of reading
// the same table (every row and pair into a Map, each probability worked out with the model's formula), on every
// pair of the table, their neighbours, and random pairs; and it is read only when a line needs it.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as LM from '../../src/data/char-lm.js'

const { LM_STEP } = LM
const [LM_UNIGRAMS, LM_ROWS, LM_PAIRS, LM_LEVELS] = [LM.LM_UNIGRAMS(), LM.LM_ROWS(), LM.LM_PAIRS(), LM.LM_LEVELS()]
import { tidy } from '../../src/index.js'
import { lmBuilt, lmChar, lmNext, lmScore, lmUnigramsBuilt } from '../../src/steps/annotations/lm.js'

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const number = (text: string): number => [...text].reduce((n, ch) => n * 64 + DIGITS.indexOf(ch), 0)

function referenceModel() {
  const unigram = new Map<number, number>()
  for (let i = 0; i < LM_UNIGRAMS.length; i += 4) unigram.set(number(LM_UNIGRAMS.slice(i, i + 3)), number(LM_UNIGRAMS[i + 3]!))
  const pairs = new Map<number, number>()
  const rows: [first: number, start: number][] = []
  for (let i = 0; i < LM_ROWS.length; i += 7) rows.push([number(LM_ROWS.slice(i, i + 3)), number(LM_ROWS.slice(i + 3, i + 7))])
  for (let r = 0; r + 1 < rows.length; r++) {
    const [first, start] = rows[r]!
    for (let k = start; k < rows[r + 1]![1]; k++) pairs.set(first * 0x10000 + number(LM_PAIRS.slice(3 * k, 3 * k + 3)), number(LM_LEVELS[k]!))
  }
  const char = (code: number): number => (code < 0x80 ? -9 : unigram.has(code) ? -unigram.get(code)! * LM_STEP : -28)
  const next = (previous: number, code: number): number => {
    const q = previous >= 0 && code >= 0x80 ? pairs.get(previous * 0x10000 + code) : undefined
    if (q === undefined) return char(code)
    const u = unigram.has(code) ? 2 ** (-unigram.get(code)! * LM_STEP) : 2 ** -28
    return Math.fround(Math.log2(0.8 * 2 ** (-q * LM_STEP) + 0.2 * u))
  }
  return { unigram, pairs, rows, char, next }
}

describe('the character model read where it lies', () => {
  it('is read only when a line needs it', () => {
    tidy('中文。這是一段沒有問號的文字，只有全角標點。\n第二行。', { only: ['annotations'] })
    expect(lmUnigramsBuilt()).toBe(false)
    expect(lmBuilt()).toBe(false)
    tidy('市委書(shū)記在災后示范區說,這是“中文”。', { only: ['annotations'] })
    expect(lmBuilt()).toBe(true)
  })

  const ref = referenceModel()

  it('the table is ASCII, its rows in order, each row sorted, and as large as the generator says', () => {
    for (const table of [LM_UNIGRAMS, LM_ROWS, LM_PAIRS, LM_LEVELS]) expect(/^[A-Za-z0-9+/]*$/.test(table)).toBe(true)
    expect(ref.unigram.size).toBeGreaterThan(12_000)
    expect(ref.pairs.size).toBeGreaterThan(200_000)
    expect(ref.rows.at(-1)![0]).toBe(0xffff)
    for (let r = 1; r < ref.rows.length; r++) expect(ref.rows[r]![0] > ref.rows[r - 1]![0] && ref.rows[r]![1] >= ref.rows[r - 1]![1]).toBe(true)
    for (let r = 0; r + 1 < ref.rows.length; r++) {
      for (let k = ref.rows[r]![1] + 1; k < ref.rows[r + 1]![1]; k++) if (number(LM_PAIRS.slice(3 * k, 3 * k + 3)) <= number(LM_PAIRS.slice(3 * k - 3, 3 * k))) expect.fail(`row ${r} unsorted`)
    }
  })

  it('every pair of the table, and the codes either side of it, as the slow reading gives', () => {
    let checked = 0
    for (const key of ref.pairs.keys()) {
      const first = Math.floor(key / 0x10000)
      const second = key % 0x10000
      for (const code of [second, second - 1, second + 1]) {
        if (!Object.is(lmNext(first, code), ref.next(first, code))) expect.fail(`U+${first.toString(16)} U+${code.toString(16)}`)
        checked++
      }
    }
    for (let code = 0; code < 0x10000; code++) if (!Object.is(lmChar(code), ref.char(code))) expect.fail(`U+${code.toString(16)}`)
    expect(lmChar(0x20000)).toBe(-28)
    expect(checked).toBeGreaterThan(600_000)
  })

  it('random pairs and texts as the slow reading gives', () => {
    const han = fc.integer({ min: 0x3000, max: 0x9fff })
    const any = fc.oneof(han, fc.integer({ min: -1, max: 0x1ffff }))
    fc.assert(fc.property(any, any, (previous, code) => Object.is(lmNext(previous, code), previous >= 0x10000 || code >= 0x10000 ? (code >= 0x10000 ? -28 : ref.char(code)) : ref.next(previous, code))), { numRuns: 50_000 })
    fc.assert(
      fc.property(fc.array(han, { maxLength: 20 }), (codes) => {
        let total = 0
        let previous = -1
        for (const code of codes) (total += ref.next(previous, code)), (previous = code)
        return lmScore(String.fromCharCode(...codes)) === total
      }),
      { numRuns: 5_000 },
    )
  })
})

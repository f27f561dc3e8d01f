import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { endsSolid, isSolidSentence, SOLID_END_PATTERN } from '../../src/tree/sentences.js'

// The expression as isSolidSentence tried it, on the last 60 units of the line.
const reference = (line: string): boolean => SOLID_END_PATTERN.test(line.length > 60 ? line.slice(-60) : line)

describe('endsSolid (the char-code reading of SOLID_END)', () => {
  it('agrees with the expression on random lines of marks, closers, spaces and Han', () => {
    const units = ['。', '”', '’', '」', '』', '）', ')', ' ', '\t', '\u3000', '\u00a0', '\ufeff', '\u2028', '\u200b', '中', '文', 'a', '.', '！', '\n', '\r']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...units), { maxLength: 90 }), (parts) => {
        const line = parts.join('')
        expect(endsSolid(line)).toBe(reference(line))
      }),
      { numRuns: 3000 },
    )
  })

  it('agrees with it for every code unit after 。 and at the line end, and around the 60-unit window', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c)
      for (const line of ['中文。' + ch, '中文' + ch, '中文。”' + ch + ' ', ch + '。']) expect(endsSolid(line), `U+${c.toString(16)}`).toBe(reference(line))
    }
    for (let pad = 50; pad <= 70; pad++) {
      for (const line of ['中'.repeat(20) + '。' + ' '.repeat(pad), '中'.repeat(20) + '。' + '”'.repeat(pad), '中'.repeat(20) + '。' + '）'.repeat(pad - 30) + ' '.repeat(30)]) {
        expect(endsSolid(line)).toBe(reference(line))
      }
    }
  })

  it('keeps what isSolidSentence says', () => {
    expect(isSolidSentence('这是一个足够长的中文句子，它以句号结束。')).toBe(true)
    expect(isSolidSentence('这是一个足够长的中文句子，它以句号结束。” ')).toBe(true)
    expect(isSolidSentence('这是一个足够长的中文句子，它以问号结束？')).toBe(false)
    expect(isSolidSentence('2021-01-01 这是一个足够长的中文句子，它以句号结束。')).toBe(false)
    expect(isSolidSentence('短句。')).toBe(false)
  })
})

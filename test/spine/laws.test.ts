import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'

const isWellFormed = (text: string) => (text as unknown as { isWellFormed(): boolean }).isWellFormed()

describe('lone surrogates', () => {
  it('become U+FFFD before any step runs, each with a warning at its place', () => {
    const result = tidy('第一行\n中\ud800文和\udc00。')
    expect(result.text).toBe('第一行\n中\ufffd文和\ufffd。')
    const warnings = result.messages.filter((m) => m.ruleId === 'decode/lone-surrogate')
    expect(warnings.map((m) => [m.severity, m.line, m.column, m.actual])).toEqual([
      ['warning', 2, 2, '\ud800'],
      ['warning', 2, 5, '\udc00'],
    ])
  })

  it('a well-formed pair is no lone surrogate', () => {
    const result = tidy('𠮷野家')
    expect(result.text).toBe('𠮷野家')
    expect(result.messages.filter((m) => m.ruleId === 'decode/lone-surrogate')).toEqual([])
  })
})

describe('laws of the whole pipeline over random text', () => {
  // Text that reaches each step: Han of both scripts, marks, pinyin, mojibake pieces, spaces, line breaks,
  // surrogates, controls.
  const pieces = ['中', '國', '书', '書(shū)', '后', ',', '。', '“', '?', '(', ')', ' ', '\u3000', '\n', '\r\n', 'Ã©', 'ä¸­', 'ÖÐ', '锟斤拷', '\ud800', '\udc00', '𠮷', 'a', '1', '\u200b', '\u0085', '版权声明', '2021-01-01']
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''))

  it('never throws, and its output is always well-formed', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 40 })), (input) => {
        const out = tidy(input, { messages: false }).text
        return isWellFormed(out)
      }),
      { numRuns: 400 },
    )
  })

  it('bytes of any kind never make it throw, and come out well-formed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => isWellFormed(tidy(bytes, { messages: false }).text)),
      { numRuns: 400 },
    )
  })
})

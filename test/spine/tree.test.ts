import fc from 'fast-check'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { applyEdits, originalOffset, removeLine } from '../../src/tree/edit.js'
import { parseText } from '../../src/tree/parse.js'
import { stringifyRoot } from '../../src/tree/stringify.js'
import type { Edit } from '../../src/types.js'

const edit = (start: number, end: number, replacement: string, confident = true): Edit => ({
  start,
  end,
  replacement,
  ruleId: 'test/edit',
  reason: 'Unexpected test, expected test',
  confident,
})

describe('parse and stringify', () => {
  it('give any text back unchanged, whatever its line breaks', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '中', '\n', '\r', '\r\n', ' ', '\u2028') }), (text) => {
        expect(stringifyRoot(parseText(text))).toBe(text)
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps each line with its break and its place in the input', () => {
    const root = parseText('一\r\n二\n\n三')
    expect(root.children.map((n) => [n.value, n.eol])).toEqual([
      ['一', '\r\n'],
      ['二', '\n'],
      ['', '\n'],
      ['三', ''],
    ])
    expect(root.children[3]!.position.start).toEqual({ line: 4, column: 1, offset: 6 })
  })
})

describe('applyEdits', () => {
  it('applies confident edits, reports each with its place, before and after', () => {
    const file = new VFile()
    const root = parseText('第一行\n市委書(shū)記,主持')
    const line = root.children[1]!
    applyEdits(file, line, [edit(3, 8, ''), edit(9, 10, '，')])
    expect(line.value).toBe('市委書記，主持')
    expect(file.messages.map((m) => [m.line, m.column, m.actual, m.expected])).toEqual([
      [2, 4, '(shū)', ['']],
      [2, 10, ',', ['，']],
    ])
    expect(file.messages[0]!.place).toMatchObject({ start: { offset: 7 }, end: { offset: 12 } })
  })

  it('maps places through several batches back to the input', () => {
    const file = new VFile()
    const line = parseText('ab(x)cd,ef').children[0]!
    applyEdits(file, line, [edit(2, 5, '')]) // "abcd,ef"
    applyEdits(file, line, [edit(4, 5, '，')]) // "abcd，ef"
    expect(line.value).toBe('abcd，ef')
    expect(file.messages[1]!.column).toBe(8) // the comma was at column 8 of the input
    expect(originalOffset(line, 5)).toBe(8) // "e" after the comma
    expect(originalOffset(line, 2)).toBe(5) // "c" after the removed "(x)"
  })

  it('leaves the text alone for an unconfident edit and warns', () => {
    const file = new VFile()
    const line = parseText('學?!包c').children[0]!
    applyEdits(file, line, [edit(1, 3, '校“', false)])
    expect(line.value).toBe('學?!包c')
    expect(file.messages[0]!.fatal).toBe(false)
    expect(file.messages[0]!.expected).toEqual(['校“'])
  })

  it('drops an edit that overlaps an earlier one', () => {
    const file = new VFile()
    const line = parseText('abcdef').children[0]!
    applyEdits(file, line, [edit(1, 4, 'X'), edit(2, 5, 'Y')])
    expect(line.value).toBe('aXef')
    expect(file.messages).toHaveLength(1)
  })

  it('refuses an edit outside the line', () => {
    const line = parseText('abc').children[0]!
    expect(() => applyEdits(new VFile(), line, [edit(2, 9, '')])).toThrow(RangeError)
  })
})

describe('removeLine', () => {
  it('drops the line with its break and reports the removed text', () => {
    const file = new VFile()
    const root = parseText('正文\n版权声明：略\n尾')
    removeLine(file, root.children[1]!, 'boilerplate/disclaimer', 'Unexpected a disclaimer, expected nothing')
    expect(stringifyRoot(root)).toBe('正文\n尾')
    expect(file.messages[0]).toMatchObject({ line: 2, column: 1, actual: '版权声明：略', ruleId: 'boilerplate/disclaimer' })
  })
})

describe('messages made by the parser', () => {
  it('keep their places and leave Error.stackTraceLimit as it was (it is 0 while they are made)', async () => {
    const { createProcessor } = await import('../../src/processor.js')
    const processor = createProcessor({ only: [] })
    const file = new VFile({ value: 'a\ud800b\n' + '\udc00'.repeat(3) })
    const limit = Error.stackTraceLimit
    processor.runSync(processor.parse(file), file)
    expect(Error.stackTraceLimit).toBe(limit)
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['decode/lone-surrogate', 1, 2],
      ['decode/lone-surrogate', 2, 1],
      ['decode/lone-surrogate', 2, 2],
      ['decode/lone-surrogate', 2, 3],
    ])
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { processorFor, tidy, type TidyOptions } from '../../src/index.js'
import { appliedStats, changeRecords, logChanges } from '../../src/tree/edit.js'

// tidy() calls the preset's parse, steps and stringify directly; the frozen processor runs the same steps through
// unified (parse → runSync → stringify). Both must give the same text, encoding, counts and changes.
function throughUnified(input: string | Uint8Array, options: TidyOptions) {
  const { messages = true, ...preset } = options
  const processor = processorFor(preset)
  const file = new VFile({ value: input })
  logChanges(file, messages ? 'records' : 'counts')
  const tree = processor.parse(file)
  const done = processor.runSync(tree, file)
  const text = processor.stringify(done, file)
  return { text, encoding: tree.data?.encoding, stats: appliedStats(file), changes: changeRecords(file), parsed: file.messages.map((m) => [m.ruleId, m.line, m.column, m.actual]) }
}

function direct(input: string | Uint8Array, options: TidyOptions) {
  const result = tidy(input, options)
  return { text: result.text, encoding: result.encoding, stats: result.stats, messages: result.messages }
}

const optionSets: TidyOptions[] = [{}, { messages: false }, { script: 'zh-Hant' }, { script: 'keep' }, { only: ['punctuation'] }, { skip: ['boilerplate'] }, { only: [] }]

describe('tidy() runs what the frozen processor runs', () => {
  const seeds = path.resolve(__dirname, '../../corpus-samples')
  const pages = readdirSync(seeds).filter((n) => n.endsWith('.txt') && !n.endsWith('.expected.txt')).slice(0, 8)

  it('on seed pages, as strings and as bytes, with several options', () => {
    for (const name of pages) {
      const bytes = new Uint8Array(readFileSync(path.join(seeds, name)))
      for (const input of [bytes, new TextDecoder().decode(bytes)]) {
        for (const options of optionSets) {
          const a = throughUnified(input, options)
          const b = direct(input, options)
          expect(b.text, name).toBe(a.text)
          expect(b.encoding, name).toBe(a.encoding)
          expect(b.stats, name).toEqual(a.stats)
          expect(b.messages.length, name).toBe(a.changes.length + a.parsed.length)
        }
      }
    }
  })

  it('on random text', () => {
    const pieces = ['中', '國', '书', '書(shū)', '后', ',', '。', '“', '"', '?', '(', ')', ' ', '\u3000', '\n', '\r\n', '\r', 'Ã©', 'ä¸­', 'ÖÐ', '锟斤拷', '\ud800', '𠮷', 'a', '1', '\u200b', '\u0085', '版权声明', '首页 | 新闻']
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, fc.constantFrom(...optionSets), (input, options) => {
        const a = throughUnified(input, options)
        const b = direct(input, options)
        expect(b.text).toBe(a.text)
        expect(b.stats).toEqual(a.stats)
        expect(b.messages.map((m) => [m.ruleId, m.line, m.column, m.actual]).sort()).toEqual(
          [...a.changes.map((c) => [c.ruleId, c.line, c.column, c.actual]), ...a.parsed].sort(),
        )
      }),
      { numRuns: 300 },
    )
  })
})

import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { containsHan, isChineseContextUnit, isCjkPunctuationUnit, isHan } from '../../src/chars.js'
import { punctuationRules } from '../../src/steps/punctuation/rules.js'
import { guarded, protectedSpans, touchesSpan } from '../../src/steps/protect.js'
import type { LineRule } from '../../src/tree/edit.js'
import { parseText } from '../../src/tree/parse.js'
import type { Edit } from '../../src/types.js'
import { runRules } from '../helpers/line-rules.js'

/*
 * asciiMarks and asciiParentheses find their matches by char codes. Here they are held to rules written another way,
 * with `matchAll` over ` ?([,;:?!]+) ?`, and innermost pairs `[(（][^()（）]*[)）]` matched again and again: the same
 * edits, reasons and notes on any text. Both sit behind the same guard of protected spans.
 */

const FULLWIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' }
const MARK_RULE: Record<string, string> = {
  ',': 'punctuation/ascii-comma',
  ';': 'punctuation/ascii-semicolon',
  ':': 'punctuation/ascii-colon',
  '?': 'punctuation/ascii-question',
  '!': 'punctuation/ascii-exclamation',
}
const edit = (start: number, end: number, actual: string, replacement: string, ruleId: string, why: string): Edit => ({
  start,
  end,
  replacement,
  ruleId,
  reason: `Unexpected \`${actual}\` ${why}, expected \`${replacement}\``,
  confident: true,
})

const referenceMarks: LineRule = (line) => {
  const edits: Edit[] = []
  // A space after a mark made here and left is looked at again, as the space before the next mark: that mark
  // follows a full-width one (`国, ,1` → `国，，1`, as a second run would make it).
  let madeEnd = -1
  const marks = / ?([,;:?!]+) ?/g
  for (let m = marks.exec(line); m !== null; m = marks.exec(line)) {
    const run = m[1]!
    const spaceBefore = m[0].startsWith(' ')
    const markStart = m.index + (spaceBefore ? 1 : 0)
    const markEnd = markStart + run.length
    const before = line[m.index - 1]
    const after = line[m.index + m[0].length]
    const next = line[markEnd]
    const chineseBefore = isHan(before) || (isCjkPunctuationUnit(before) && before !== '…') || (m.index === madeEnd && m.index > 0)
    const chineseAfter = run === ',' && isHan(next)
    const labelColon = run === ':' && !spaceBefore && /^[\u3400-\u4dbf\u4e00-\u9fff]$/.test(next ?? '') && /[\u3400-\u4dbf\u4e00-\u9fff]\d{1,3}$/.test(line.slice(0, markStart))
    if (!chineseBefore && !chineseAfter && !labelColon) continue
    if (run.includes(':') && line.startsWith('//', markStart + 1)) continue
    if ((run.includes('?') || run.includes('!')) && !(next === undefined || /[\s"'”’」』)）]/.test(next) || isChineseContextUnit(next))) continue
    if (run.length > 1 && !/^[?!]+$/.test(run)) continue
    if (run.startsWith('?!') && !(next === undefined || /[ \u3000”’」』）)"']/.test(next))) continue
    const spaceAfter = m[0].endsWith(' ') && m[0].length > run.length + (spaceBefore ? 1 : 0) && (after === undefined || isChineseContextUnit(after))
    const start = spaceBefore && chineseBefore ? m.index : markStart
    const end = markEnd + (spaceAfter ? 1 : 0)
    if (m[0].length > run.length + (spaceBefore ? 1 : 0) && !spaceAfter) marks.lastIndex = madeEnd = markEnd
    const replacement = [...run].map((c) => FULLWIDTH[c]!).join('')
    edits.push(edit(start, end, line.slice(start, end), replacement, MARK_RULE[run[0]!]!, 'in Chinese text'))
  }
  return edits
}

const referenceParentheses: LineRule = (line) => {
  const edits: Edit[] = []
  const spans = protectedSpans(line)
  // Brackets of code are masked first; each round finds the innermost pairs and masks them for the next.
  let work = line
    .split('')
    .map((c, k) => (/[()（）]/.test(c) && spans.length > 0 && touchesSpan(line, spans, k, k + 1) ? '\u0003' : c))
    .join('')
  for (;;) {
    const pairs = [...work.matchAll(/[(（][^()（）]*[)）]/g)]
    if (pairs.length === 0) break
    for (const m of pairs) {
      const open = m.index
      const close = open + m[0].length - 1
      const asciiOpen = line[open] === '('
      const asciiClose = line[close] === ')'
      const chinese = !(asciiOpen && asciiClose) || containsHan(line.slice(open + 1, close))
      if (chinese && asciiOpen) edits.push({ ...edit(open, open + 1, '(', '（', 'punctuation/ascii-parenthesis', 'around Chinese text'), note: `pair ends at column ${close + 1}` })
      if (chinese && asciiClose) {
        // The whole run of spaces, then Chinese: U+3000 is a space here, not the Chinese mark after one (`（) \u3000`).
        const spaces = /[A-Za-z0-9]/.test(line[close - 1] ?? '') ? '' : (/^[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+(?![ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])(?=[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u2018\u2019\u201c\u201d\u00b7])/.exec(line.slice(close + 1))?.[0] ?? '')
        edits.push(edit(close, close + 1 + spaces.length, line.slice(close, close + 1 + spaces.length), '）', 'punctuation/ascii-parenthesis', 'around Chinese text'))
      }
      work = work.slice(0, open) + '\u0001' + work.slice(open + 1, close) + '\u0002' + work.slice(close + 1)
    }
  }
  return edits.sort((a, b) => a.start - b.start)
}

const options = { script: 'zh-Hans' as const, convention: 'cn' as const, conventionGiven: false, quotes: true, spacing: false }
const fast = punctuationRules(options)
// The order is asciiMarks, asciiParentheses, …, spaceBeforeMark: the reference swaps in the two written with matchAll.
const reference = fast.map((rule, k) => (k === 0 ? guarded(referenceMarks) : k === 1 ? guarded(referenceParentheses) : rule))

const run = runRules

const UNITS = [' ', '  ', ',', ';', ':', '?', '!', '?!', ',,', '(', ')', '（', '）', '//', '"', '中', '文', 'f("', '1', '2:', '`', '{"', '@a.com', '/usr/b', '\u{20000}', '\ud840', '\udc00', '。', '，', '…', '」', '）', 'a', '1', '\t', '\u3000', '\n']

describe('the punctuation rules that scan by char codes', () => {
  it('have the rule at the places this test expects', () => {
    expect(fast[0]!('中,文', { index: 0, root: parseText(''), file: new VFile() })[0]!.ruleId).toBe('punctuation/ascii-comma')
    expect(fast[1]!('(中)', { index: 0, root: parseText(''), file: new VFile() })[0]!.ruleId).toBe('punctuation/ascii-parenthesis')
  })
  it('give what the matchAll rules give on strings of the characters they look at', () => {
    const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 50 }).map((parts) => parts.join(''))
    fc.assert(fc.property(text, (t) => {
      expect(run(t, fast)).toEqual(run(t, reference))
    }), { numRuns: 5000 })
  })
  it('and on the strings random runs once found them to disagree on', () => {
    for (const t of ['（) \u3000', '中（) \u3000文', '(中)  \u3000']) expect(run(t, fast)).toEqual(run(t, reference))
  })
  it('and on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (t) => {
      expect(run(t, fast)).toEqual(run(t, reference))
    }), { numRuns: 2000 })
  })
  it('and on the corpus samples', () => {
    const dir = new URL('../../corpus-samples/', import.meta.url)
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      const text = readFileSync(new URL(name, dir), 'utf8')
      expect(run(text, fast)).toEqual(run(text, reference))
    }
  })
})

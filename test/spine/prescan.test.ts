import fc from 'fast-check'
import { containsHan, isChineseContext, isChineseContextUnit, isCjkPunctuation, isCjkPunctuationUnit, isHan } from '../../src/chars.js'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { CONVENTIONS } from '../../src/steps/punctuation/options.js'
import { punctuationGate, PUNCTUATION_GATE, punctuationRules, punctuationScannedRules, scanPunctuation } from '../../src/steps/punctuation/rules.js'
import { scanUnicode, unicodeRules, unicodeScannedRules } from '../../src/steps/unicode/rules.js'
import { changeRecords, logChanges, runLineRules, runScannedRules, type LineRule, type ScannedRule } from '../../src/tree/edit.js'
import { parseText } from '../../src/tree/parse.js'
import { stringifyRoot } from '../../src/tree/stringify.js'
import { SCRIPTS, type Script } from '../../src/types.js'

/** Text and every change record after running `rules` on every line, or behind a pre-scan the way the steps do. */
function run(text: string, rules: LineRule[] | { scan: (line: string) => number; rules: ScannedRule[]; gate?: { test(line: string): boolean } }) {
  const tree = parseText(text)
  const file = new VFile({ value: text })
  logChanges(file, 'records')
  if (Array.isArray(rules)) runLineRules(tree, file, rules)
  else runScannedRules(tree, file, rules.scan, rules.rules, rules.gate)
  return { text: stringifyRoot(tree), records: changeRecords(file), counts: file.data.zhtidy!.counts }
}

// What the rules look for, the characters just outside their ranges (a table off by one shows there), Han and ASCII.
const UNICODE_UNITS = [
  '\u0000', '\u0008', '\t', '\u000b', '\u000c', '\u000e', '\u001f', '\u007f', '\u009f', '\u00a0', '\u00ad', '\u00ac', '\u00ae',
  '\u1680', '\u2000', '\u200a', '\u200b', '\u200d', '\u200f', '\u2010', '\u202f', '\u205f', '\u2060', '\u2064', '\u2065',
  '\u2069', '\u206a', '\u206f', '\u2070', '\ufeff', '\ufefe', '\uf8ff', '\uf900', '\ufa0e', '\ufaff', '\ufb00', '\u2e7f',
  '\u2e80', '\u2e9f', '\u2eff', '\u2f00', '\u2fdf', '\u2fe0', '\u{2f800}', '\u{2fa1f}', '\u{2fa20}', '\ud87e', '\uff0f',
  '\uff10', '\uff19', '\uff1a', '\uff20', '\uff21', '\uff3a', '\uff3b', '\uff40', '\uff41', '\uff5a', '\uff5b', '\u3000',
  '👨', '👩', '\ufe0f', 'e\u0301', '\u0304', '\u2126', '\u212b', '&amp;', '&#12290;', '#xff1a;', '&nbsp;', ';', '&', '#', '`', '<a href="x">', '习 近 平', '\u00a0', ' ', '  ', '中', '文', '\u{20000}', '。', '，', '：', '」', '…', 'a', 'Z', '1', ',', '.', '\n', '\r\n', '\r',
]
const PUNCTUATION_UNITS = [
  ' ', '\u3000', '\t', ',', ';', ':', '?', '!', '?!', '(', ')', '"', "'", '.', '..', '...', '…', '……', '。', '。。', '-', '--',
  '，', '、', '；', '：', '？', '！', '」', '』', '”', '’', '）', '》', '〉', '】', '〕', '「', '“', '—', '·', '\uff65', '\uff66',
  '//', 'http', '中', '文', '“', '‘', '「', '『', '（', '`', '{"', '1', '0:', '@', '/', '=', 'x(', '«', '\u3400', '\u4dbf', '\u9fff', '\u{20000}', '\u{323af}', '\ud840', '\ud888', 'a', 'Z', '1', '0',
  '\n', '\r\n',
]

const textOf = (units: string[]) => fc.array(fc.constantFrom(...units), { maxLength: 40 }).map((parts) => parts.join(''))

/** Asserts the pre-scanned rules give exactly what the same rules give run on every line. */
function same(text: string, prescanned: { scan: (line: string) => number; rules: ScannedRule[]; gate?: { test(line: string): boolean } }, unfiltered: LineRule[]): void {
  expect(run(text, prescanned)).toEqual(run(text, unfiltered))
}
const unicodeScanned = (o: Parameters<typeof unicodeRules>[0]) => ({ scan: scanUnicode, rules: unicodeScannedRules(o) })
const punctuationScanned = (o: Parameters<typeof punctuationRules>[0]) => ({ scan: scanPunctuation, rules: punctuationScannedRules(o), gate: punctuationGate(o) })

describe('the unicode pre-scan never skips a line a rule would change', () => {
  const options = fc.record({ ideographs: fc.boolean(), fullwidthAlphanumerics: fc.boolean(), invisibles: fc.boolean(), spaces: fc.boolean(), nfc: fc.boolean(), entities: fc.boolean() })
  it('on strings of the characters the rules look for', () => {
    fc.assert(fc.property(textOf(UNICODE_UNITS), options, (text, o) => same(text, unicodeScanned(o), unicodeRules(o))), { numRuns: 3000 })
  })
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => same(text, unicodeScanned(all), unicodeRules(all))), { numRuns: 1000 })
  })
})

describe('the punctuation pre-scan never skips a line a rule would change', () => {
  const options = fc.record({ script: fc.constantFrom(...SCRIPTS), convention: fc.constantFrom(...CONVENTIONS), conventionGiven: fc.boolean(), quotes: fc.boolean(), spacing: fc.boolean() })
  it('on strings of the characters the rules look for', () => {
    fc.assert(fc.property(textOf(PUNCTUATION_UNITS), options, (text, o) => same(text, punctuationScanned(o), punctuationRules(o))), { numRuns: 3000 })
  })
  it('on arbitrary strings', () => {
    const o = { script: 'zh-Hans' as Script, convention: 'cn' as const, conventionGiven: false, quotes: true, spacing: false }
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => same(text, punctuationScanned(o), punctuationRules(o))), { numRuns: 1000 })
  })
})

const all = { ideographs: true, fullwidthAlphanumerics: true, invisibles: true, spaces: true, nfc: true, entities: true }

describe('the table versions of the character classes', () => {
  it('agree with the regular expressions on every code unit, nothing and two units', () => {
    for (let code = 0; code < 65536; code++) {
      const char = String.fromCharCode(code)
      expect(isCjkPunctuationUnit(char)).toBe(isCjkPunctuation(char))
      expect(isChineseContextUnit(char)).toBe(isChineseContext(char))
    }
    for (const char of [undefined, '', '，，', '\u{20000}', 'a，']) {
      expect(isCjkPunctuationUnit(char)).toBe(isCjkPunctuation(char))
      expect(isChineseContextUnit(char)).toBe(isChineseContext(char))
    }
  })
  it('containsHan is [...text].some(isHan)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), textOf(PUNCTUATION_UNITS), (a, b) => {
      for (const text of [a, b, a + b]) expect(containsHan(text)).toBe([...text].some((c) => isHan(c)))
    }), { numRuns: 2000 })
  })
})

import {
  CHINESE_UNIT,
  containsHan,
  isChineseContextUnit as isChineseContext,
  isCjkPunctuationUnit as isCjkPunctuation,
  isHan,
  markChineseUnits,
  markUnits,
  lineScanner,
} from '../../chars.js'
import type { LineRule } from '../../tree/edit.js'
import type { Edit } from '../../types.js'
import type { ResolvedPunctuationOptions } from './options.js'


const FULLWIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' }
const MARK_RULE: Record<string, string> = {
  ',': 'punctuation/ascii-comma',
  ';': 'punctuation/ascii-semicolon',
  ':': 'punctuation/ascii-colon',
  '?': 'punctuation/ascii-question',
  '!': 'punctuation/ascii-exclamation',
}

function edit(start: number, end: number, actual: string, replacement: string, ruleId: string, why: string): Edit {
  return { start, end, replacement, ruleId, reason: `Unexpected \`${actual}\` ${why}, expected \`${replacement}\``, confident: true }
}

/** ` ，` → `，`: the space a mirror site's punctuation pass inserts before full-width marks. */
const spaceBeforeMark: LineRule = (line) => {
  const edits: Edit[] = []
  for (const m of line.matchAll(/(?<=\S)[ \u3000]+(?=[，、。；：？！」』”’）》〉】〕])/g)) {
    edits.push(edit(m.index, m.index + m[0].length, m[0], '', 'punctuation/space-before-mark', `before \`${line[m.index + m[0].length]}\``))
  }
  return edits
}

/**
 * ASCII `, ; : ? !` right after a Han character (or a Chinese mark) become full-width; a space after them goes too.
 * A colon or comma between digits (`10:30`, `1,000`) or starting a URL (`http://`) never follows Han directly.
 */
const asciiMarks: LineRule = (line) => {
  const edits: Edit[] = []
  for (const m of line.matchAll(/ ?([,;:?!]+) ?/g)) {
    const run = m[1]!
    const spaceBefore = m[0].startsWith(' ')
    const markStart = m.index + (spaceBefore ? 1 : 0)
    const markEnd = markStart + run.length
    const before = line[m.index - 1]
    const after = line[m.index + m[0].length]
    const next = line[markEnd]
    const chineseBefore = isHan(before) || (isCjkPunctuation(before) && before !== '…')
    // A comma may also follow a number or a Latin word when Chinese follows it directly (`10:30,共`).
    const chineseAfter = run === ',' && isHan(next)
    if (!chineseBefore && !chineseAfter) continue
    if (run.includes(':') && line.startsWith('//', markStart + 1)) continue
    // `?` and `!` end a sentence: what follows is the end of the line, a space, Chinese, or a closing quote.
    if ((run.includes('?') || run.includes('!')) && !(next === undefined || /[\s"'”’」』)）]/.test(next) || isChineseContext(next))) continue
    if (run.length > 1 && !/^[?!]+$/.test(run)) continue
    // `?!` glued to Han is the trace of a byte slip (a lost lead byte shown as `?`), not a question: leave it to be seen.
    if (run.startsWith('?!')) continue
    const spaceAfter = m[0].endsWith(' ') && m[0].length > run.length + (spaceBefore ? 1 : 0) && (after === undefined || isChineseContext(after))
    const start = spaceBefore && chineseBefore ? m.index : markStart
    const end = markEnd + (spaceAfter ? 1 : 0)
    const replacement = run.length === 1 ? FULLWIDTH[run]! : [...run].map((c) => FULLWIDTH[c]!).join('')
    edits.push(edit(start, end, line.slice(start, end), replacement, MARK_RULE[run[0]!]!, 'in Chinese text'))
  }
  return edits
}

/** `(…)` holding Han text, after or before Chinese, becomes `（…）`. */
const asciiParentheses: LineRule = (line) => {
  const edits: Edit[] = []
  for (const m of line.matchAll(/\(([^()]*)\)/g)) {
    const inner = m[1]!
    if (!containsHan(inner)) continue
    const start = m.index
    const end = start + m[0].length
    edits.push({ ...edit(start, start + 1, '(', '（', 'punctuation/ascii-parenthesis', 'around Chinese text'), note: `pair ends at column ${end}` })
    edits.push(edit(end - 1, end, ')', '）', 'punctuation/ascii-parenthesis', 'around Chinese text'))
  }
  return edits
}

/** `"…"` around Chinese becomes `“…”` (mainland) or `「…」` (Taiwan, Hong Kong). */
function straightQuotes(open: string, close: string): LineRule {
  return (line) => {
    const edits: Edit[] = []
    for (const m of line.matchAll(/"([^"]*)"/g)) {
      const inner = m[1]!
      if (!isChineseContext(inner[0]) && !isChineseContext(inner[inner.length - 1])) continue
      const start = m.index
      const end = start + m[0].length
      edits.push(edit(start, start + 1, '"', open, 'punctuation/straight-quote', 'around Chinese text'))
      edits.push(edit(end - 1, end, '"', close, 'punctuation/straight-quote', 'around Chinese text'))
    }
    return edits
  }
}

/** A period ending a Chinese sentence becomes `。`; not in numbers, names of files or domains. */
const asciiPeriod: LineRule = (line) => {
  const edits: Edit[] = []
  for (const m of line.matchAll(/(?<!\.)\.(?!\.)/g)) {
    const start = m.index
    const before = line[start - 1]
    const after = line[start + 1]
    if (!isHan(before)) continue
    if (!(after === undefined || after === ' ' || isChineseContext(after) || after === '"')) continue
    const end = after === ' ' && (line[start + 2] === undefined || isHan(line[start + 2])) ? start + 2 : start + 1
    edits.push(edit(start, end, line.slice(start, end), '。', 'punctuation/ascii-period', 'ending a Chinese sentence'))
  }
  return edits
}

/** `...`, `。。。`, a lone `…` after Chinese become `……`. */
const ellipsis: LineRule = (line) => {
  const edits: Edit[] = []
  for (const m of line.matchAll(/\.{3,}|。{3,}|…+/g)) {
    const start = m.index
    const before = line[start - 1]
    if (m[0] === '……' || !isChineseContext(before)) continue
    edits.push(edit(start, start + m[0].length, m[0], '……', 'punctuation/ellipsis', 'after Chinese text'))
  }
  return edits
}

/** `--` between Chinese text becomes `——`. */
const dash: LineRule = (line) => {
  const edits: Edit[] = []
  for (const m of line.matchAll(/(?<=[^-])--(?=[^-])|^--(?=[^-])/g)) {
    const start = m.index
    if (!isChineseContext(line[start - 1]) || !isChineseContext(line[start + 2])) continue
    edits.push(edit(start, start + 2, '--', '——', 'punctuation/dash', 'between Chinese text'))
  }
  return edits
}

const SPACE_BEFORE = 1
const MARKS = 2
const PARENTHESES = 4
const QUOTES = 8
const PERIOD = 16
const ELLIPSIS = 32
const DASH = 64
/** `。`: most Chinese lines hold one, so it only says that `。。。` may be there. */
const STOP = 0x100

/**
 * Per code unit, the rules that could match it, plus `CHINESE_UNIT`: every rule but the space one needs a Han
 * character or a Chinese mark next to (or inside) what it matches, so a line without one is left alone.
 */
const UNITS = new Uint16Array(65536)
markChineseUnits(UNITS)
markUnits(UNITS, SPACE_BEFORE, 0x20)
markUnits(UNITS, SPACE_BEFORE, 0x3000)
for (const mark of ',;:?!') markUnits(UNITS, MARKS, mark.charCodeAt(0))
markUnits(UNITS, PARENTHESES, 0x28)
markUnits(UNITS, QUOTES, 0x22)
markUnits(UNITS, PERIOD | ELLIPSIS, 0x2e)
markUnits(UNITS, ELLIPSIS, 0x2026)
markUnits(UNITS, STOP, 0x3002)
markUnits(UNITS, DASH, 0x2d)

const NO_EDITS: Edit[] = Object.freeze([]) as unknown as Edit[]

// The rules of a step run one after another on the same line; it is scanned once unless a rule changed it.
const scanner = lineScanner(UNITS)
const lineMask = scanner.mask
/** Drops the last line scanned (see LineScanner.forget). */
export const forgetScannedLine = scanner.forget

/** The rule, run only on lines holding all of `bits` and for which `also` (given the line's mask) holds. */
function prescanned(rule: LineRule, bits: number, also?: (line: string, mask: number) => boolean): LineRule {
  return (line, context) => {
    const mask = lineMask(line)
    return (mask & bits) !== bits || (also !== undefined && !also(line, mask)) ? NO_EDITS : rule(line, context)
  }
}

// Each of these looks for the whole token a rule starts from, once the mask says its characters are there.
const hasEllipsis = (line: string, mask: number): boolean =>
  ((mask & ELLIPSIS) !== 0 && (line.includes('…') || line.includes('...'))) || ((mask & STOP) !== 0 && line.includes('。。。'))
const hasDash = (line: string): boolean => line.includes('--')
const hasClosing = (line: string): boolean => line.includes(')')

/**
 * The step's rules in order. `prescan: false` gives them without the code-unit pre-scan, for tests that check the
 * pre-scan never skips a line a rule would change.
 */
export function punctuationRules(options: ResolvedPunctuationOptions, prescan = true): LineRule[] {
  const taiwanStyle = options.script === 'zh-TW' || options.script === 'zh-HK'
  const rules: LineRule[] = []
  const add = (rule: LineRule, bits: number, also?: (line: string, mask: number) => boolean) => rules.push(prescan ? prescanned(rule, bits, also) : rule)
  add(spaceBeforeMark, SPACE_BEFORE | CHINESE_UNIT)
  add(asciiMarks, MARKS | CHINESE_UNIT)
  add(asciiParentheses, PARENTHESES | CHINESE_UNIT, hasClosing)
  if (options.quotes) add(taiwanStyle ? straightQuotes('「', '」') : straightQuotes('“', '”'), QUOTES | CHINESE_UNIT)
  add(asciiPeriod, PERIOD | CHINESE_UNIT)
  add(ellipsis, CHINESE_UNIT, hasEllipsis)
  add(dash, DASH | CHINESE_UNIT, hasDash)
  return rules
}

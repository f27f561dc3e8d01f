import {
  CHINESE_UNIT,
  containsHanBetween,
  isChineseContextCode,
  isCjkPunctuationCode,
  isHanUnit,
  isChineseContextUnit as isChineseContext,
  isCjkPunctuationUnit as isCjkPunctuation,
  isHan,
  markChineseUnits,
  markCjkPunctuationUnits,
  markUnits,
  PAIR_SHIFT,
  unitScan,
  spacesBeforeChinese,
  isLatinOrDigitCode,
} from '../../chars.js'
import type { LineRule, ScannedRule } from '../../tree/edit.js'
import type { Edit } from '../../types.js'
import type { ResolvedPunctuationOptions } from './options.js'
import { guarded, insideSpan, protectedSpans, touchesSpan } from '../protect.js'
import { quoteConvention, toAscii } from './pairs.js'

// The rules' expressions are made once: `matchAll` would copy the expression on every call, and most calls find
// nothing. Each loop sets `lastIndex` to 0 first, so a rule that threw cannot leave one half-way for the next line.

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

/**
 * ` ，` → `，`: the space a mirror site's punctuation pass inserts before full-width marks. The matches of
 * `SPACE_BEFORE_MARK`, found by char codes: each whole run of spaces after a unit `\S` matches, when a closing mark
 * follows it.
 */
export const SPACE_BEFORE_MARK = /(?<=\S)[ \u3000]+(?=[，、。；：？！」』”’）》〉】〕])/g
const CLOSING_UNITS = new Uint8Array(65536)
for (const mark of '，、。；：？！」』”’）》〉】〕') CLOSING_UNITS[mark.charCodeAt(0)] = 1
const isBeforeMarkSpace = (c: number): boolean => c === 0x20 || c === 0x3000
/** A code unit `\s` matches. */
const isJsSpaceCode = (c: number): boolean =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
const spaceBeforeMark: LineRule = (line) => {
  const edits: Edit[] = []
  const length = line.length
  for (let k = 1; k < length; k++) {
    if (!isBeforeMarkSpace(line.charCodeAt(k)) || isJsSpaceCode(line.charCodeAt(k - 1))) continue
    let end = k + 1
    while (end < length && isBeforeMarkSpace(line.charCodeAt(end))) end++
    if (end < length && CLOSING_UNITS[line.charCodeAt(end)] === 1) {
      edits.push(edit(k, end, line.slice(k, end), '', 'punctuation/space-before-mark', `before \`${line[end]}\``))
    }
    k = end
  }
  return edits
}

/**
 * ASCII `, ; : ? !` right after a Han character (or a Chinese mark) become full-width; a space after them goes too.
 * A colon or comma between digits (`10:30`, `1,000`) or starting a URL (`http://`) never follows Han directly.
 */
const SENTENCE_FOLLOWER = /[\s"'”’」』)）]/
const ONLY_QUESTION_EXCLAMATION = /^[?!]+$/
/** The ASCII marks `asciiMarks` converts (global: `lastIndex` says where the next one is). */
const MARK_FINDER = /[,;:?!]/g
const isMarkCode = (code: number): boolean => code === 0x2c || code === 0x3a || code === 0x3b || code === 0x3f || code === 0x21

/**
 * The matches of ` ?([,;:?!]+) ?` (global, leftmost), found by char codes: each run of marks is taken whole, with the
 * space before it unless the match before took that space, and the space after it. Then each is judged.
 */
const asciiMarks: LineRule = (line) => {
  const edits: Edit[] = []
  const length = line.length
  let from = 0
  // Where the last mark this rule made ends, when the space after it was left: a mark after that space follows
  // the full-width mark the edit makes, as a second run would see it (`国, ,1` → `国，，1` in one run).
  let madeEnd = -1
  const finder = MARK_FINDER
  for (;;) {
    // The next mark by the expression (`test` makes no match array): far faster than a loop over the units between.
    finder.lastIndex = from
    if (!finder.test(line)) break
    const markStart = finder.lastIndex - 1
    let markEnd = markStart + 1
    while (markEnd < length && isMarkCode(line.charCodeAt(markEnd))) markEnd++
    const spaceBefore = markStart > from && line.charCodeAt(markStart - 1) === 0x20
    const index = spaceBefore ? markStart - 1 : markStart
    const spaceMatched = markEnd < length && line.charCodeAt(markEnd) === 0x20
    const matchEnd = spaceMatched ? markEnd + 1 : markEnd
    from = matchEnd
    const beforeCode = index > 0 ? line.charCodeAt(index - 1) : NaN
    // One code unit, as `isHan(line[i])` saw it: an astral Han character's low surrogate is not Han.
    const chineseBefore = isHanUnit(beforeCode) || (isCjkPunctuationCode(beforeCode) && beforeCode !== 0x2026) || (index === madeEnd && index > 0)
    const run = line.slice(markStart, markEnd)
    // A comma may also follow a number or a Latin word when Chinese follows it directly (`10:30,共`).
    const chineseAfter = run === ',' && isHanUnit(line.charCodeAt(markEnd))
    // A label's colon after a number that follows Chinese (`步骤1:安装`); a time has a digit after its colon.
    const labelColon = run === ':' && !spaceBefore && isHanUnit(line.charCodeAt(markEnd)) && afterChineseNumber(line, markStart)
    if (!chineseBefore && !chineseAfter && !labelColon) continue
    if (run.includes(':') && line.startsWith('//', markStart + 1)) continue
    // `?` and `!` end a sentence: what follows is the end of the line, a space, Chinese, or a closing quote.
    if (run.includes('?') || run.includes('!')) {
      const next = line[markEnd]
      if (!(next === undefined || SENTENCE_FOLLOWER.test(next) || isChineseContext(next))) continue
    }
    if (run.length > 1 && !ONLY_QUESTION_EXCLAMATION.test(run)) continue
    // `?!` glued to Han and followed by more text can be the trace of a byte slip (a lost lead byte shown as `?`),
    // not a question: left to be seen. At a sentence's end (the line's end, a space, a closing mark) it is `？！`.
    if (run.startsWith('?!') && !endsSentence(line, markEnd)) continue
    const spaceAfter = spaceMatched && (matchEnd >= length || isChineseContextCode(line.charCodeAt(matchEnd)))
    const start = spaceBefore && chineseBefore ? index : markStart
    const end = markEnd + (spaceAfter ? 1 : 0)
    if (spaceMatched && !spaceAfter) {
      from = markEnd
      madeEnd = markEnd
    }
    if (run.length === 1) {
      // One mark, with or without the spaces around it: the reason is one of four made in advance.
      const reasons = SINGLE_MARK_REASONS[run]!
      const reason = reasons[(start < markStart ? 2 : 0) + (end > markEnd ? 1 : 0)]!
      edits.push({ start, end, replacement: FULLWIDTH[run]!, ruleId: MARK_RULE[run]!, reason, confident: true })
      continue
    }
    const replacement = [...run].map((c) => FULLWIDTH[c]!).join('')
    edits.push(edit(start, end, line.slice(start, end), replacement, MARK_RULE[run[0]!]!, 'in Chinese text'))
  }
  return edits
}

/** Whether what follows `end` ends a sentence: the line's end, a space, a closing quote or bracket. */
const endsSentence = (line: string, end: number): boolean => end >= line.length || '\u0020\u3000”’」』）)"\''.includes(line[end]!)

/** Whether digits end at `end` and a Han character comes right before them (`步骤1` in `步骤1:`). */
function afterChineseNumber(line: string, end: number): boolean {
  let k = end
  while (k > 0 && line.charCodeAt(k - 1) >= 0x30 && line.charCodeAt(k - 1) <= 0x39) k--
  return k < end && end - k <= 3 && isHanUnit(line.charCodeAt(k - 1))
}

/** Per mark, the reasons of its edit as `edit()` words them: the mark alone, with a space after, before, both. */
const SINGLE_MARK_REASONS: Record<string, readonly string[]> = Object.fromEntries(
  Object.keys(FULLWIDTH).map((mark) => [
    mark,
    [mark, mark + ' ', ' ' + mark, ' ' + mark + ' '].map((actual) => edit(0, 0, actual, FULLWIDTH[mark]!, '', 'in Chinese text').reason),
  ]),
)

/**
 * `(…)` holding Han text becomes `（…）`. Parentheses are matched as pairs with a stack, nested ones too
 * (`会议(地点:北京(朝阳区))`), and a half-width half matches a full-width one (`（小声地)`): the ASCII halves of a
 * pair change together or not at all, and a parenthesis without a partner on the line stays. Parentheses inside code
 * (`print("你好")`) are not counted.
 */
const asciiParentheses: LineRule = (line) => {
  const edits: Edit[] = []
  const spans = protectedSpans(line)
  const stack: number[] = []
  for (let k = 0; k < line.length; k++) {
    const code = line.charCodeAt(k)
    if (code !== 0x28 && code !== 0x29 && code !== 0xff08 && code !== 0xff09) continue
    if (spans.length > 0 && touchesSpan(line, spans, k, k + 1)) continue
    if (code === 0x28 || code === 0xff08) {
      stack.push(k)
      continue
    }
    const open = stack.pop()
    if (open === undefined) continue
    const asciiOpen = line.charCodeAt(open) === 0x28
    const asciiClose = code === 0x29
    if (!asciiOpen && !asciiClose) continue
    // A full-width half says the pair is Chinese; two ASCII halves need Han inside.
    if (asciiOpen && asciiClose && !containsHanBetween(line, open + 1, k)) continue
    if (asciiOpen) edits.push({ ...edit(open, open + 1, '(', '（', 'punctuation/ascii-parenthesis', 'around Chinese text'), note: `pair ends at column ${k + 1}` })
    if (asciiClose) {
      // The spaces after it go too, as the unicode step would take them after a full-width mark (not after Latin text).
      const end = k + 1 + (isLatinOrDigitCode(line.charCodeAt(k - 1)) ? 0 : spacesBeforeChinese(line, k + 1))
      edits.push(edit(k, end, line.slice(k, end), '）', 'punctuation/ascii-parenthesis', 'around Chinese text'))
    }
  }
  return edits
}

/** The closing marks a Chinese sentence can end with before its period (`《论语》.`, `（完）.`, `”.`). */
const CLOSING_MARKS = '》）”」』】〉'
/** Whether a Han character comes right before `end`, maybe through more closing marks. */
function hanBefore(line: string, end: number): boolean {
  let k = end
  while (k > 0 && CLOSING_MARKS.includes(line[k - 1]!)) k--
  return k < end && isHanUnit(line.charCodeAt(k - 1))
}

/** A period ending a Chinese sentence becomes `。`; not in numbers, names of files or domains. */
const LONE_PERIOD = /(?<!\.)\.(?!\.)/g
const asciiPeriod: LineRule = (line) => {
  const edits: Edit[] = []
  const pattern = LONE_PERIOD
  pattern.lastIndex = 0
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
    const start = m.index
    const before = line[start - 1]
    const after = line[start + 1]
    if (!isHan(before) && !(CLOSING_MARKS.includes(before ?? "\u0000") && hanBefore(line, start))) continue
    if (!(after === undefined || after === ' ' || isChineseContext(after) || after === '"')) continue
    const end = after === ' ' && line[start + 2] === undefined ? start + 2 : start + 1 + spacesBeforeChinese(line, start + 1)
    edits.push(edit(start, end, line.slice(start, end), '。', 'punctuation/ascii-period', 'ending a Chinese sentence'))
  }
  return edits
}

/** `...`, `。。。`, a lone `…` after Chinese become `……`. */
const ELLIPSIS_FORMS = /\.{3,}|。{3,}|…+/g
const ellipsis: LineRule = (line) => {
  const edits: Edit[] = []
  const pattern = ELLIPSIS_FORMS
  pattern.lastIndex = 0
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
    const start = m.index
    const before = line[start - 1]
    // At the start of a line, the text after it says it is Chinese (`...他走了`).
    if (m[0] === '……' || !(isChineseContext(before) || (start === 0 && isChineseContext(line[m[0].length])))) continue
    const end = start + m[0].length + spacesBeforeChinese(line, start + m[0].length)
    edits.push(edit(start, end, line.slice(start, end), '……', 'punctuation/ellipsis', 'after Chinese text'))
  }
  return edits
}

/** `--` between Chinese text becomes `——`. */
const DOUBLE_HYPHEN = /(?<=[^-])--(?=[^-])|^--(?=[^-])/g
const dash: LineRule = (line) => {
  const edits: Edit[] = []
  const pattern = DOUBLE_HYPHEN
  pattern.lastIndex = 0
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
    const start = m.index
    // At the start of a line, an attribution (`--《论语》`) or a speaker: Chinese after it is enough.
    if (!(isChineseContext(line[start - 1]) || start === 0) || !isChineseContext(line[start + 2])) continue
    edits.push(edit(start, start + 2, '--', '——', 'punctuation/dash', 'between Chinese text'))
  }
  return edits
}

const MARKS = 2
const PARENTHESES = 4
const QUOTES = 8
const PERIOD = 16
const ELLIPSIS = 32
const DASH = 64
/** `。`: most Chinese lines hold one, so it only says that `。。。` may be there. */
const STOP = 0x100
/** A space or U+3000, and (the bit above it, for the pair scan) a closing mark `spaceBeforeMark` removes spaces before. */
const SPACE = 0x200
const CLOSER = SPACE << 1
/** A line where a space comes right before a closing mark: the pair bit of `unitScan`. */
const SPACE_THEN_CLOSER = CLOSER << PAIR_SHIFT
/** A line where a full-width mark (`STOP` marks them all) comes right before a space. */
const MARK_THEN_SPACE = SPACE << PAIR_SHIFT

/**
 * Per code unit, the rules that could match it, plus `CHINESE_UNIT`: every rule but the space one needs a Han
 * character or a Chinese mark next to (or inside) what it matches, so a line without one is left alone.
 */
const UNITS = new Uint16Array(65536)
markChineseUnits(UNITS)
markUnits(UNITS, SPACE, 0x20)
markUnits(UNITS, SPACE, 0x3000)
for (const mark of '，、。；：？！」』”’）》〉】〕') markUnits(UNITS, CLOSER, mark.charCodeAt(0))
for (const mark of ',;:?!') markUnits(UNITS, MARKS, mark.charCodeAt(0))
markUnits(UNITS, PARENTHESES, 0x28)
markUnits(UNITS, QUOTES, 0x22)
markUnits(UNITS, PERIOD | ELLIPSIS, 0x2e)
markUnits(UNITS, ELLIPSIS, 0x2026)
markUnits(UNITS, STOP, 0x3002)
// Every full-width mark, for the pair scan of `spaceAfterMark` (and `。` for the ellipsis look-up).
markCjkPunctuationUnits(UNITS, STOP)
for (const code of [0x09, 0xa0, 0x1680, 0x202f, 0x205f]) markUnits(UNITS, SPACE, code)
markUnits(UNITS, SPACE, 0x2000, 0x200a)
markUnits(UNITS, DASH, 0x2d)

/** The pre-scan of a line: one pass over its code units. */
export const scanPunctuation = (line: string, from?: number, to?: number): number => unitScan(UNITS, line, from, to)

/**
 * What some rule starts from, as one expression: a line without any of it is left alone before it is scanned (most
 * lines of clean Chinese text have none of these ASCII marks).
 */
export const PUNCTUATION_GATE = {
  test: (line: string): boolean => BASE_GATE.test(line) || line.includes('。。') || plainSpaceNextToMark(line),
  source: 'base gate, odd spaces, `。。`, a space after a full-width mark or before a closing one',
}
/**
 * The ASCII marks the rules convert and odd spaces (U+3000 among them): one class, which V8 looks for far faster
 * than an alternative of it (`。。` and a space next to a mark are looked for on their own).
 */
const BASE_GATE = /[,;:?!()".…\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000-]/
/** Whether a plain space follows a full-width mark or comes right before a closing mark somewhere: by `indexOf`. */
function plainSpaceNextToMark(line: string): boolean {
  for (let k = line.indexOf(' '); k !== -1; k = line.indexOf(' ', k + 1)) {
    if ((k > 0 && isCjkPunctuationCode(line.charCodeAt(k - 1))) || CLOSING_UNITS[line.charCodeAt(k + 1)] === 1) return true
  }
  return false
}
export type Gate = { test(line: string): boolean }

/**
 * The gate of the rules a set of options runs: none for `ascii` (its rule starts from any full-width mark) or with
 * `spacing` (from any Latin letter), and the quote marks a convention changes.
 */
export function punctuationGate(options: ResolvedPunctuationOptions): Gate | undefined {
  if (options.convention === 'ascii' || options.spacing) return undefined
  if (options.convention === 'tw' || options.convention === 'hk') return GATE_WITH_CURLY
  return options.conventionGiven ? GATE_WITH_CORNER : PUNCTUATION_GATE
}
const CURLY = /[“‘]/
const CORNER = /[「『]/
const GATE_WITH_CURLY: Gate = { test: (line) => PUNCTUATION_GATE.test(line) || CURLY.test(line) }
const GATE_WITH_CORNER: Gate = { test: (line) => PUNCTUATION_GATE.test(line) || CORNER.test(line) }

// Each of these looks for the whole token a rule starts from, once the scan says its characters are there.
const hasEllipsis = (line: string, scan: number): boolean =>
  ((scan & ELLIPSIS) !== 0 && (line.includes('…') || line.includes('...'))) || ((scan & STOP) !== 0 && line.includes('。。。'))
const hasDash = (line: string): boolean => line.includes('--')
const hasClosing = (line: string): boolean => line.includes(')')

/**
 * Spaces after a full-width mark before Chinese text go (`（ 表达式）`, `）。 他`), as the unicode step takes them,
 * so that a mark this step makes leaves nothing for a second run; not after a closing quote or bracket around
 * Latin text (`“about:config” 到`).
 */
export const SPACE_AFTER_MARK = /(?<=[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u2018\u2019\u201c\u201d\u00b7])[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+(?=[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u2018\u2019\u201c\u201d\u00b7]|[\ud840-\ud888])/g
/** A unit of the class of spaces `SPACE_AFTER_MARK` takes. */
const isOddSpaceCode = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000
/**
 * The matches of `SPACE_AFTER_MARK`, found by char codes: a run of spaces after a full-width mark but U+3000, up to
 * Han, a full-width mark or a high surrogate of astral Han; when none follows the run, up to its last U+3000 (itself
 * a full-width mark the run may end before).
 */
const spaceAfterMark: LineRule = (line) => {
  const edits: Edit[] = []
  const length = line.length
  for (let k = 1; k < length; k++) {
    if (!isOddSpaceCode(line.charCodeAt(k))) continue
    const at = k - 1
    const before = line.charCodeAt(at)
    let end = k + 1
    while (end < length && isOddSpaceCode(line.charCodeAt(end))) end++
    const from = k
    k = end
    if (before === 0x3000 || !isCjkPunctuationCode(before)) continue
    let stop = end
    const next = line.charCodeAt(end)
    if (!(isChineseContextCode(next) || (next >= 0xd840 && next <= 0xd888))) {
      stop = end - 1
      while (stop > from && line.charCodeAt(stop) !== 0x3000) stop--
      if (stop === from) continue
    }
    if (CLOSING_AFTER_LATIN.includes(line[at]!) && isLatinOrDigitCode(line.charCodeAt(at - 1))) continue
    edits.push(edit(from, stop, line.slice(from, stop), '', 'punctuation/space-after-mark', `after \`${line[at]}\``))
  }
  return edits
}
const CLOSING_AFTER_LATIN = '”’」』）》】'

/**
 * The copywriting guidelines' spacing (an option): one space between a Han character and a Latin letter or a digit,
 * either way round (`在LeanCloud上` → `在 LeanCloud 上`, `花了5000元` → `花了 5000 元`). Nothing inside code or a URL.
 */
const HAN_LATIN = /[\u3400-\u4dbf\u4e00-\u9fff](?=[A-Za-z0-9`])|[A-Za-z0-9`](?=[\u3400-\u4dbf\u4e00-\u9fff])/g
const hanLatinSpace: LineRule = (line) => {
  const edits: Edit[] = []
  const spans = protectedSpans(line)
  const pattern = HAN_LATIN
  pattern.lastIndex = 0
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
    const at = m.index + 1
    if (spans.length > 0 && insideSpan(spans, at - 1) && insideSpan(spans, at)) continue
    edits.push({ start: at, end: at, replacement: ' ', ruleId: 'punctuation/han-latin-space', reason: `Unexpected \`${line.slice(at - 1, at + 1)}\` without a space between Han and Latin text, expected \`${line[at - 1]} ${line[at]}\``, confident: true })
  }
  return edits
}
const hasLatinOrDigit = (line: string): boolean => /[A-Za-z0-9`]/.test(line)

/** The step's rules in order, each with the pre-scan bits it needs (run them with `runScannedRules`). */
export function punctuationScannedRules(options: ResolvedPunctuationOptions): ScannedRule[] {
  if (options.convention === 'ascii') return [{ rule: guarded(toAscii), bits: CHINESE_UNIT }]
  const corner = options.convention === 'tw' || options.convention === 'hk'
  const rules: ScannedRule[] = [
    { rule: guarded(asciiMarks), bits: MARKS | CHINESE_UNIT },
    { rule: guarded(asciiParentheses), bits: CHINESE_UNIT, also: hasParenthesis },
  ]
  if (corner) rules.push({ rule: quoteConvention(TO_CORNER), bits: CHINESE_UNIT, also: hasCurlyQuote })
  else if (options.conventionGiven) rules.push({ rule: quoteConvention(TO_CURLY), bits: CHINESE_UNIT, also: hasCornerQuote })
  rules.push(
    { rule: guarded(asciiPeriod), bits: PERIOD | CHINESE_UNIT },
    { rule: guarded(ellipsis), bits: CHINESE_UNIT, also: hasEllipsis },
    { rule: guarded(dash), bits: DASH | CHINESE_UNIT, also: hasDash },
  )
  if (options.spacing) rules.push({ rule: guarded(hanLatinSpace), bits: CHINESE_UNIT, also: hasLatinOrDigit })
  // Last: the marks the rules above make count too (`中　,` → `中　，` → `中，`), so a second run changes nothing.
  rules.push({ rule: guarded(spaceBeforeMark, true), bits: SPACE_THEN_CLOSER }, { rule: guarded(spaceAfterMark, true), bits: MARK_THEN_SPACE })
  return rules
}

const TO_CORNER: Record<string, string> = { '“': '「', '”': '」', '‘': '『', '’': '』' }
const TO_CURLY: Record<string, string> = { '「': '“', '」': '”', '『': '‘', '』': '’' }
const hasCurlyQuote = (line: string): boolean => line.includes('“') || line.includes('‘')
const hasCornerQuote = (line: string): boolean => line.includes('「') || line.includes('『')
const hasParenthesis = (line: string): boolean => (line.includes('(') && (line.includes(')') || line.includes('）'))) || (line.includes(')') && line.includes('（'))

/** The quote pass of the step's convention (it pairs quotes over the lines of a paragraph): open and close marks, or none. */
export function straightQuoteMarks(options: ResolvedPunctuationOptions): readonly [string, string] | undefined {
  if (!options.quotes || options.convention === 'ascii') return undefined
  return options.convention === 'tw' || options.convention === 'hk' ? ['「', '」'] : ['“', '”']
}

/** The step's rules in order, without the pre-scan: what tests hold the pre-scanned run to. */
export function punctuationRules(options: ResolvedPunctuationOptions): LineRule[] {
  return punctuationScannedRules(options).map((entry) => entry.rule)
}

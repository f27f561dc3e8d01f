import { isChineseContext, isCjkPunctuation, isHan } from '../../chars.js'
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
    if (/[?!]/.test(run) && !(next === undefined || /[\s"'”’」』)）]/.test(next) || isChineseContext(next))) continue
    if (run.length > 1 && !/^[?!]+$/.test(run)) continue
    // `?!` glued to Han is the trace of a byte slip (a lost lead byte shown as `?`), not a question: leave it to be seen.
    if (run.startsWith('?!')) continue
    const spaceAfter = m[0].endsWith(' ') && m[0].length > run.length + (spaceBefore ? 1 : 0) && (after === undefined || isChineseContext(after))
    const start = spaceBefore && chineseBefore ? m.index : markStart
    const end = markEnd + (spaceAfter ? 1 : 0)
    const replacement = [...run].map((c) => FULLWIDTH[c]!).join('')
    edits.push(edit(start, end, line.slice(start, end), replacement, MARK_RULE[run[0]!]!, 'in Chinese text'))
  }
  return edits
}

/** `(…)` holding Han text, after or before Chinese, becomes `（…）`. */
const asciiParentheses: LineRule = (line) => {
  const edits: Edit[] = []
  for (const m of line.matchAll(/\(([^()]*)\)/g)) {
    const inner = m[1]!
    if (![...inner].some((c) => isHan(c))) continue
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

export function punctuationRules(options: ResolvedPunctuationOptions): LineRule[] {
  const taiwanStyle = options.script === 'zh-TW' || options.script === 'zh-HK'
  const rules: LineRule[] = [spaceBeforeMark, asciiMarks, asciiParentheses]
  if (options.quotes) rules.push(taiwanStyle ? straightQuotes('「', '」') : straightQuotes('“', '”'))
  rules.push(asciiPeriod, ellipsis, dash)
  return rules
}


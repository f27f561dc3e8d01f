import type { VFile } from 'vfile'
import { isChineseContextUnit as isChineseContext, isLatinOrDigitCode, spacesBeforeChinese } from '../../chars.js'
import { applyEdits, type LineRule } from '../../tree/edit.js'
import type { Edit, Root } from '../../types.js'
import { fencedLines, insideSpan, protectedSpans } from '../protect.js'

/** How many lines a quotation may run on without a straight quote before its closing one. */
const MAX_QUOTE_LINES = 8

const quoteEdit = (at: number, replacement: string, spaces = 0): Edit => ({
  start: at,
  end: at + 1 + spaces,
  replacement,
  ruleId: 'punctuation/straight-quote',
  reason: `Unexpected \`"${spaces > 0 ? ' ' : ''}\` around Chinese text, expected \`${replacement}\``,
  confident: true,
})

interface Place {
  line: number
  at: number
}

const isBlank = (value: string): boolean => value.trim() === ''

/**
 * `"…"` around Chinese becomes `open…close` (`“…”`, or `「…」` in the Taiwan and Hong Kong conventions). Quotes are
 * paired within a line from the left; a quotation left open at a line's end pairs with the first quote of a later
 * line of the same paragraph (no blank line between, at most a few lines on) when that line has an odd number of
 * them, so a quotation over a line break (LF or CRLF) changes as a pair or not at all. Quotes inside code, markup or
 * data (`print("你好")`, `{"名": "值"}`) are not counted, nor are lines of fenced code.
 */
export function straightQuotePairs(tree: Root, file: VFile, open: string, close: string): number {
  const children = tree.children
  let fenced: Uint8Array | null | undefined
  let carry: Place | undefined
  let quietLines = 0
  const pending = new Map<number, Edit[]>()
  const push = (line: number, edit: Edit): void => {
    const list = pending.get(line)
    if (list) list.push(edit)
    else pending.set(line, [edit])
  }
  const decide = (from: Place, to: Place): void => {
    if (!isChineseContext(firstInside(tree, from, to)) && !isChineseContext(lastInside(tree, from, to))) return
    push(from.line, quoteEdit(from.at, open))
    // Spaces after the closing quote go as the unicode step takes them after a full-width mark (not after Latin text).
    const value = children[to.line]!.value
    push(to.line, quoteEdit(to.at, close, isLatinOrDigitCode(value.charCodeAt(to.at - 1)) ? 0 : spacesBeforeChinese(value, to.at + 1)))
  }
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!
    const value = node.value
    const first = value.indexOf('"')
    // Blank lines matter only to a quotation left open.
    if (node.data?.removed || (carry !== undefined && isBlank(value))) {
      carry = undefined
      continue
    }
    if (first === -1) {
      if (carry && ++quietLines > MAX_QUOTE_LINES) carry = undefined
      continue
    }
    fenced ??= fencedLines(tree)
    if (fenced?.[index] === 1) {
      carry = undefined
      continue
    }
    const spans = protectedSpans(value)
    const quotes: number[] = []
    for (let k = first; k !== -1; k = value.indexOf('"', k + 1)) if (spans.length === 0 || !insideSpan(spans, k)) quotes.push(k)
    if (quotes.length === 0) continue
    let q = 0
    if (carry) {
      // A quotation open since an earlier line closes here only if this line leaves one quote over.
      if (quotes.length % 2 === 1) decide(carry, { line: index, at: quotes[0]! })
      carry = undefined
      if (quotes.length % 2 === 1) q = 1
      else {
        // Even: the line's own quotes pair among themselves, and the open quotation is left as it is.
      }
    }
    for (; q + 1 < quotes.length; q += 2) decide({ line: index, at: quotes[q]! }, { line: index, at: quotes[q + 1]! })
    if (q < quotes.length) {
      carry = { line: index, at: quotes[q]! }
      quietLines = 0
    }
  }
  let applied = 0
  for (const [line, edits] of pending) applied += applyEdits(file, children[line]!, edits)
  return applied
}

/**
 * The character right after the opening quote; when the quote ends its line, the first one that is not a space on
 * the next lines (a quotation that starts with a space on the same line, `" 反向查询 "`, is not judged Chinese).
 */
function firstInside(tree: Root, from: Place, to: Place): string | undefined {
  const own = tree.children[from.line]!.value
  if (from.at + 1 < own.length || from.line === to.line) return from.at + 1 < (from.line === to.line ? to.at : own.length) ? own[from.at + 1] : undefined
  for (let line = from.line + 1; line <= to.line; line++) {
    const value = tree.children[line]!.value
    const end = line === to.line ? to.at : value.length
    for (let k = 0; k < end; k++) if (value[k] !== ' ' && value[k] !== '\t') return value[k]
  }
  return undefined
}

/** The character right before the closing quote; when the quote starts its line, the last one that is not a space before it. */
function lastInside(tree: Root, from: Place, to: Place): string | undefined {
  if (to.at > 0 || from.line === to.line) return to.at > (from.line === to.line ? from.at + 1 : 0) ? tree.children[to.line]!.value[to.at - 1] : undefined
  for (let line = to.line - 1; line >= from.line; line--) {
    const value = tree.children[line]!.value
    const start = line === from.line ? from.at + 1 : 0
    for (let k = value.length - 1; k >= start; k--) if (value[k] !== ' ' && value[k] !== '\t') return value[k]
  }
  return undefined
}

/**
 * Curly quotes to corner brackets or back, by pairs on one line: `“…”` ↔ `「…」` and `‘…’` ↔ `『…』`. A closing
 * half without its opening one (an apostrophe, `don’t`) stays, and so does a pair that is not closed on the line.
 */
export function quoteConvention(map: Record<string, string>): LineRule {
  const openers = new Map<string, string>()
  for (const [from, to] of [['“', '”'], ['‘', '’'], ['「', '」'], ['『', '』']] as const) if (map[from] !== undefined) openers.set(from, to)
  const closers = new Map([...openers].map(([o, c]) => [c, o]))
  return (line) => {
    const edits: Edit[] = []
    const spans = protectedSpans(line)
    const stack: { at: number; char: string }[] = []
    for (let k = 0; k < line.length; k++) {
      const char = line[k]!
      if (!openers.has(char) && !closers.has(char)) continue
      if (spans.length > 0 && insideSpan(spans, k)) continue
      if (openers.has(char)) {
        stack.push({ at: k, char })
        continue
      }
      const opener = closers.get(char)!
      let depth = stack.length - 1
      while (depth >= 0 && stack[depth]!.char !== opener) depth--
      if (depth < 0) continue
      const openAt = stack[depth]!.at
      stack.length = depth
      for (const [at, from] of [[openAt, opener], [k, char]] as const) {
        const to = map[from]!
        edits.push({ start: at, end: at + 1, replacement: to, ruleId: 'punctuation/quote-convention', reason: `Unexpected \`${from}\` in this convention, expected \`${to}\``, confident: true })
      }
    }
    return edits.sort((a, b) => a.start - b.start)
  }
}

/** The ascii convention: full-width marks of Chinese text to the ASCII marks used for matching. */
const TO_ASCII: Record<string, string> = {
  '，': ',', '。': '.', '；': ';', '：': ':', '？': '?', '！': '!', '（': '(', '）': ')', '“': '"', '”': '"', '‘': "'", '’': "'",
  '「': '"', '」': '"', '『': "'", '』': "'", '、': ',', '【': '[', '】': ']', '〔': '[', '〕': ']', '…': '...', '—': '-',
}
const FULL_WIDTH_MARKS = /[，。；：？！（）“”‘’「」『』、【】〔〕…—]/g
export const toAscii: LineRule = (line) => {
  const edits: Edit[] = []
  const pattern = FULL_WIDTH_MARKS
  pattern.lastIndex = 0
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
    const to = TO_ASCII[m[0]]!
    edits.push({ start: m.index, end: m.index + 1, replacement: to, ruleId: 'punctuation/ascii-convention', reason: `Unexpected \`${m[0]}\` in the ascii convention, expected \`${to}\``, confident: true })
  }
  return edits
}

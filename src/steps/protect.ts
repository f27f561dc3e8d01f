import type { LineContext, LineRule } from '../tree/edit.js'
import type { Edit, Root } from '../types.js'

/**
 * Spans of a line that are code, markup or data and must keep every character: backticked code, HTML tags and
 * comments, URLs, e-mail addresses, file paths, function calls with string or empty arguments (`print("你好")`),
 * assignments of quoted strings (`name="张三"`), JSON objects and arrays, and numbers with separators (versions
 * `1.2.3`, times `10:30`, `1,000`). Shared by the unicode and punctuation steps: an edit that touches a span, or the
 * spaces right around it, is dropped.
 */

/**
 * A line none of whose characters can start a span has none (most lines of Chinese prose): what `SPAN_GATE` finds,
 * by char codes (the expression's alternatives cost more than a pass on a line full of commas).
 */
export const SPAN_GATE = /[`<{[@/\\=]|[\w$]\(|\d[.:,]\d|www\.|"\s*:|\]\(/

/** Per ASCII unit: 1 starts a span at once, 2 is `(`, 3 is `.`, `:` or `,`. */
const GATE_UNITS = new Uint8Array(128)
for (const c of '`<{[@/\\=') GATE_UNITS[c.charCodeAt(0)] = 1
GATE_UNITS[0x28] = 2
for (const c of '.:,') GATE_UNITS[c.charCodeAt(0)] = 3
/** The units of `GATE_UNITS` (global: `lastIndex` says where the next one is). */
const GATE_FINDER = /[`<{[@/\\=(.:,]/g
const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39
const isWordCode = (c: number): boolean => isDigitCode(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f
/** A code unit `\s` matches. */
const isJsSpaceCode = (c: number): boolean =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff

/** `SPAN_GATE.test(line)`. */
export function mayHaveSpans(line: string): boolean {
  const finder = GATE_FINDER
  finder.lastIndex = 0
  // From one unit of the table to the next by the expression (`test` makes no match array; most lines have none).
  while (finder.test(line)) {
    const i = finder.lastIndex - 1
    const c = line.charCodeAt(i)
    const kind = GATE_UNITS[c]!
    if (kind === 1) return true
    const before = i > 0 ? line.charCodeAt(i - 1) : -1
    if (kind === 2) {
      if (isWordCode(before) || before === 0x24 || before === 0x5d) return true
      continue
    }
    if (isDigitCode(before) && isDigitCode(line.charCodeAt(i + 1))) return true
    if (c === 0x2e && i >= 3 && line.charCodeAt(i - 1) === 0x77 && line.charCodeAt(i - 2) === 0x77 && line.charCodeAt(i - 3) === 0x77) return true
    if (c === 0x3a) {
      let j = i - 1
      while (j >= 0 && isJsSpaceCode(line.charCodeAt(j))) j--
      if (j >= 0 && line.charCodeAt(j) === 0x22) return true
    }
  }
  return false
}

const NONE: readonly number[] = []
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/

const BACKTICKS = /`+/g
const TAG = /<!--.*?(?:-->|$)|<\/?[A-Za-z][\w:-]*(?:\s(?:"[^"]*"|'[^']*'|[^<>"'])*)?\/?>/g
const URL = /(?:\b[A-Za-z][\w+.-]*:\/\/|\bwww\.)[!#-;=?-~]+/g
const EMAIL = /[\w.%+-]+@[A-Za-z\d-]+(?:\.[A-Za-z\d-]+)+/g
const UNIX_PATH = /(?<![\w.])(?:~|\.{1,2})?(?:\/[\w.@+-]+)+\/?|(?<![\w/])[\w.-]+(?:\/[\w.@+-]+)+/g
const WINDOWS_PATH = /\b[A-Za-z]:\\[^\s"'<>|,;，。；：？！、）（]*/g
const MARKDOWN_LINK = /\]\((?:[^()\s]|\([^()\s]*\))*\)/g
const CALL = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\(/g
const ASSIGNED_STRING = /(?<![\w"'])[A-Za-z_$][\w.$-]*(?:\[[^\]]*\])?\s*=\s*(?:"[^"]{0,200}"|'[^']{0,200}')/g
const NUMBER = /\d+(?:[.:,]\d+)+/g
const JSON_KEY_LINE = /^\s*"[^"]*"\s*:/
const JSON_START = /[{[]/g
/**
 * Where a `word' quotation opened at `from` (after its backticks) ends, just after its closing quote(s); -1 if none on
 * the line. The closing quote is the first one with the parentheses inside balanced that no letter or digit follows
 * (`open(LOG,'logfile')' ends at the last quote).
 */
function tickQuoteEnd(line: string, from: number, count: number): number {
  let depth = 0
  const limit = Math.min(line.length, from + 200)
  for (let k = from; k < limit; k++) {
    const c = line.charCodeAt(k)
    if (c === 0x60) return -1
    if (c === 0x28) depth++
    else if (c === 0x29) depth--
    else if (c === 0x27 && depth <= 0 && (count === 1 || line.charCodeAt(k + 1) === 0x27)) {
      const after = line.charCodeAt(k + count)
      const word = (after >= 0x30 && after <= 0x39) || ((after | 0x20) >= 0x61 && (after | 0x20) <= 0x7a) || after === 0x5f
      if (!word) return k + count
    }
  }
  return -1
}

/** A JSON (or JavaScript object) key and its colon: `"名":`, `'名':`. */
const JSON_KEY = /^(?:"[^"]*"|'[^']*')\s*:/

let lastLine = ''
let lastSpans: readonly number[] = NONE

/** The protected spans of `line`, as flat start, end pairs, sorted and merged; an empty array when there is none. */
export function protectedSpans(line: string): readonly number[] {
  if (line === lastLine) return lastSpans
  lastLine = line
  lastSpans = mayHaveSpans(line) ? findSpans(line) : NONE
  return lastSpans
}

function findSpans(line: string): readonly number[] {
  if (JSON_KEY_LINE.test(line)) return [0, line.length]
  const found: number[] = []
  const add = (start: number, end: number): void => {
    if (end > start) found.push(start, end)
  }
  if (line.includes('`')) {
    BACKTICKS.lastIndex = 0
    for (let m = BACKTICKS.exec(line); m !== null; m = BACKTICKS.exec(line)) {
      const ticks = m[0]
      // The old quoting of manual pages, `word' and ``words'': a quotation, not code; only the quoted word is kept.
      const quoteEnd = ticks.length <= 2 ? tickQuoteEnd(line, m.index + ticks.length, ticks.length) : -1
      if (quoteEnd !== -1) {
        // With Chinese inside it is a quotation of prose (``custom（客户化）''): not kept as it is.
        if (!HAN.test(line.slice(m.index, quoteEnd))) add(m.index, quoteEnd)
        BACKTICKS.lastIndex = quoteEnd
        continue
      }
      const close = line.indexOf(ticks, m.index + ticks.length)
      if (close === -1) {
        // An opening fence at the start of a line: the rest of it (the info string) is code; a lone backtick is not.
        if (ticks.length >= 3 && line.slice(0, m.index).trim() === '') add(m.index, line.length)
        break
      }
      add(m.index, close + ticks.length)
      BACKTICKS.lastIndex = close + ticks.length
    }
  }
  if (line.includes('<')) each(TAG, line, add)
  if (line.includes('/') || line.includes('www.')) {
    URL.lastIndex = 0
    for (let m = URL.exec(line); m !== null; m = URL.exec(line)) add(m.index, m.index + trimUrl(m[0]).length)
    each(UNIX_PATH, line, add)
  }
  if (line.includes('@')) each(EMAIL, line, add)
  if (line.includes('\\')) each(WINDOWS_PATH, line, add)
  if (line.includes('](')) each(MARKDOWN_LINK, line, add)
  if (line.includes('(')) calls(line, add)
  if (line.includes('=')) each(ASSIGNED_STRING, line, add)
  if (line.includes('{') || line.includes('[')) jsonValues(line, add)
  each(NUMBER, line, add)
  return merge(found)
}

function each(pattern: RegExp, line: string, add: (start: number, end: number) => void): void {
  pattern.lastIndex = 0
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
    if (m[0].length === 0) {
      pattern.lastIndex++
      continue
    }
    add(m.index, m.index + m[0].length)
  }
}

/** A URL does not end with a sentence's mark, nor with a parenthesis it did not open. */
function trimUrl(url: string): string {
  let end = url.length
  for (;;) {
    const last = url[end - 1]
    if (last === undefined) break
    if ('.,;:!?\'"'.includes(last)) end--
    else if (last === ')' && count(url.slice(0, end), '(') < count(url.slice(0, end), ')')) end--
    else break
  }
  return url.slice(0, end)
}

const count = (text: string, char: string): number => text.split(char).length - 1

/** Where the string literal starting at `start` (a quote) ends, just after its closing quote; -1 if not on the line. */
function stringEnd(line: string, start: number): number {
  const quote = line[start]
  for (let k = start + 1; k < line.length; k++) {
    const c = line[k]
    if (c === '\\') k++
    else if (c === quote) return k + 1
  }
  return -1
}

/** Where the bracket opened at `open` closes (just after it), skipping string literals; -1 if not on the line. */
function bracketEnd(line: string, open: number): number {
  const opener = line[open]!
  const closer = opener === '(' ? ')' : opener === '[' ? ']' : '}'
  let depth = 0
  for (let k = open; k < line.length; k++) {
    const c = line[k]
    if (c === '"' || c === "'") {
      const end = stringEnd(line, k)
      if (end === -1) return -1
      k = end - 1
    } else if (c === opener) depth++
    else if (c === closer && --depth === 0) return k + 1
  }
  return -1
}

/**
 * `name(…)` is code when the name has a dot or an underscore (`console.log(`), or what is inside starts with a
 * string literal, a bracket or nothing (`print("你好")`, `f()`), or a `;` follows. `GDP(国内生产总值)` is not.
 */
function calls(line: string, add: (start: number, end: number) => void): void {
  CALL.lastIndex = 0
  for (let m = CALL.exec(line); m !== null; m = CALL.exec(line)) {
    const open = m.index + m[0].length - 1
    const end = bracketEnd(line, open)
    if (end === -1) continue
    const name = m[0].slice(0, -1)
    let first = open + 1
    while (line[first] === ' ') first++
    const startsLikeCode = '"\'`)[{'.includes(line[first] ?? '')
    // A Chinese gloss after a name (`compress_suffix(副档名)`) is prose: code does not start an argument with Han.
    const namedLikeCode = (name.includes('.') || name.includes('_')) && !HAN.test(line[first] ?? '')
    if (namedLikeCode || startsLikeCode || line[end] === ';') {
      add(m.index, end)
      CALL.lastIndex = end
    }
  }
}

/** `{"key": …}`, `{'key': …}`, `{}`, `[{…}]`, `["…", …]`: a JSON value (to the end of the line if it goes on). */
function jsonValues(line: string, add: (start: number, end: number) => void): void {
  JSON_START.lastIndex = 0
  for (let m = JSON_START.exec(line); m !== null; m = JSON_START.exec(line)) {
    const open = m.index
    let next = open + 1
    while (line[next] === ' ') next++
    const c = line[next]
    const rest = line.slice(next, next + 200)
    const jsonLike = m[0] === '{' ? c === '}' || JSON_KEY.test(rest) : c === '{' || (c === '"' && /^"[^"]*"\s*[,\]]/.test(rest))
    if (!jsonLike) continue
    const end = bracketEnd(line, open)
    add(open, end === -1 ? line.length : end)
    if (end === -1) break
    JSON_START.lastIndex = end
  }
}

function merge(found: number[]): readonly number[] {
  if (found.length === 0) return NONE
  const order: number[] = []
  for (let k = 0; k < found.length; k += 2) order.push(k)
  order.sort((a, b) => found[a]! - found[b]!)
  const out: number[] = []
  for (const k of order) {
    const start = found[k]!
    const end = found[k + 1]!
    if (out.length > 0 && start <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, end)
    else out.push(start, end)
  }
  return out
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000

/**
 * Whether `[start, end)` touches a span: overlaps it, or lies in the spaces right around it (an empty range at a
 * span's edge too). With `keepsSpace`, an edit that leaves a space there (U+3000 → space) touches only the span.
 */
export function touchesSpan(line: string, spans: readonly number[], start: number, end: number, keepsSpace = false): boolean {
  for (let k = 0; k < spans.length; k += 2) {
    let from = spans[k]!
    let to = spans[k + 1]!
    if (from > end + 1 && !isSpace(line.charCodeAt(end))) return false
    if (start < to && end > from) return true
    if (keepsSpace) continue
    while (from > 0 && isSpace(line.charCodeAt(from - 1))) from--
    while (to < line.length && isSpace(line.charCodeAt(to))) to++
    if (start === end ? start >= from && start <= to : start < to && end > from) return true
  }
  return false
}

/** Whether the one character at `index` lies inside a span (not the spaces around it). */
export function insideSpan(spans: readonly number[], index: number): boolean {
  for (let k = 0; k < spans.length; k += 2) {
    if (index < spans[k]!) return false
    if (index < spans[k + 1]!) return true
  }
  return false
}

/** Lines of a root inside fenced code blocks (``` or ~~~), fences included; undefined when there is none. */
const FENCED = new WeakMap<Root, Uint8Array | null>()
let lastRoot: Root | undefined
let lastFenced: Uint8Array | null = null
export function fencedLines(root: Root): Uint8Array | null {
  // Asked once per rule and line: the root of the last call is kept at hand.
  if (root === lastRoot) return lastFenced
  let fenced = FENCED.get(root)
  if (fenced !== undefined) {
    lastRoot = root
    lastFenced = fenced
    return fenced
  }
  fenced = null
  let inside = false
  const children = root.children
  for (let index = 0; index < children.length; index++) {
    const value = children[index]!.value
    const fence = isFence(value)
    if (fence || inside) (fenced ??= new Uint8Array(children.length))[index] = 1
    if (fence) inside = !inside
  }
  FENCED.set(root, fenced)
  lastRoot = root
  lastFenced = fenced
  return fenced
}

/**
 * Whether the line opens or closes a fence: its first ``` (or, without one, its first ~~~) comes after spaces only.
 * Looked for where the spaces end, not through the whole line.
 */
export function isFence(value: string): boolean {
  let j = 0
  while (j < value.length && isSpace(value.charCodeAt(j))) j++
  if (value.startsWith('```', j)) return true
  return value.startsWith('~~~', j) && !value.includes('```', j + 3)
}

/** Whether the line at `context.index` is inside a fenced code block. */
export const inFence = (context: LineContext): boolean => fencedLines(context.root)?.[context.index] === 1

/**
 * A rule whose edits never touch a protected span, and which does not run at all on fenced code. With `core`, an
 * edit may remove the spaces next to a span (the space a mirror site puts before a full-width mark).
 */
export function guarded(rule: LineRule, core = false): LineRule {
  return (line, context) => {
    if (inFence(context)) return []
    const edits = rule(line, context)
    if (edits.length === 0) return edits
    const spans = protectedSpans(line)
    if (spans.length === 0) return edits
    return edits.filter((edit: Edit) => !touchesSpan(line, spans, edit.start, edit.end, core || edit.replacement.includes(' ')))
  }
}

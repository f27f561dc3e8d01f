import { charConverter, converter, type ConvertedUnits } from '../../convert/index.js'
import type { Edit } from '../../types.js'
import { CharClass, converters, isJapaneseKana, Scan, scanLineUnits, unitsFor, type ConvertTarget, type LineScan, type ScriptCounts } from './convert.js'

/** What the rules read of a line's counts. */
export type LineCounts = Pick<ScriptCounts, 'simplified' | 'traditional'>

/** Every rule id the step reports. */
export const SCRIPT_RULES = ['script/convert', 'script/minority-char', 'script/ambiguous-char', 'script/misconverted'] as const
export type ScriptRuleId = (typeof SCRIPT_RULES)[number]

/** One converted run of characters in a line (UTF-16 offsets of the line as given). */
export interface ScriptChange {
  start: number
  end: number
  actual: string
  expected: string
  ruleId: ScriptRuleId
  /** Characters changed (code points). */
  chars: number
  /** The OpenCC configuration that produced the run. */
  config: string
}

/**
 * A change as both a `ScriptChange` and the `Edit` the step hands to `applyEdits`: the replacement, and where the
 * change sits in the text before (`before` from `from` to `beforeEnd`), which with the message and its note is cut
 * only when read. Counting changes (`messages: false`) reads only the replacement.
 */
class Change implements ScriptChange, Edit {
  readonly confident = true

  constructor(
    public start: number,
    public end: number,
    public ruleId: ScriptRuleId,
    public chars: number,
    public config: string,
    private readonly target: ConvertTarget,
    private readonly before: string,
    private readonly from: number,
    public beforeEnd: number,
    public replacement: string,
  ) {}

  /** A change of the strings given, whole. */
  static of(start: number, end: number, ruleId: ScriptRuleId, chars: number, config: string, target: ConvertTarget, actual: string, expected: string): Change {
    return new Change(start, end, ruleId, chars, config, target, actual, 0, actual.length, expected)
  }

  get actual(): string {
    return this.before.slice(this.from, this.beforeEnd)
  }

  get expected(): string {
    return this.replacement
  }

  get reason(): string {
    return `Unexpected \`${this.actual}\` ${REASONS[this.ruleId](this.target)}, expected \`${this.replacement}\``
  }

  get note(): string {
    return `${this.chars} character${this.chars === 1 ? '' : 's'} converted; OpenCC ${this.config}`
  }
}

export interface LineOptions {
  /**
   * Keep the characters of the line that are already traditional-only (keep mode on a traditional document):
   * only simplified and ambiguous characters convert.
   */
  keepTraditional?: boolean
  /** The document is written mostly in traditional characters (decides lines that do not tell). */
  traditionalDocument?: boolean
}


const VARIANT_CONFIGS = ['t2tw', 't2hk', 'tw2t', 'hk2t'] as const

/** 眾 and 衆, 爲 and 為: forms of one character that differ only by regional standard. */
const variantPairs = new Map<string, boolean>()
function isVariantPair(a: string, b: string): boolean {
  const key = a + '\u0000' + b
  let known = variantPairs.get(key)
  if (known === undefined) {
    known = VARIANT_CONFIGS.some((config) => charConverter(config)(a) === b || charConverter(config)(b) === a)
    // Pairs of characters or short runs: the map stays small on real text; a bound keeps it so on any.
    if (variantPairs.size < 100_000) variantPairs.set(key, known)
  }
  return known
}

/** A URL, which may hold Han characters in its path (`https://example.com/软件`): it is left as it is. */
const URL = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>"'，。、；：！？（）《》「」『』“”]+/gi

const TRADITIONAL_TARGET = new Set<ConvertTarget>(['zh-Hant', 'zh-TW', 'zh-HK', 'tw-forms', 'hk-forms'])

/** The `Scan` bits of the characters a line's converter may change: nothing else in a line needs a converter run. */
export function convertibleBits(target: ConvertTarget, traditionalText: boolean): number {
  // Simplified text bound for simplified goes through plain t2s, which changes far fewer characters than undoing
  // the regional variants first does (群 → 羣 → 群 and 么 → 麼 → 么 mark a fifth of the lines of zuozhuan).
  if (target === 'zh-Hans') return traditionalText ? Scan.ToSimplified : Scan.T2s
  return Scan.ToSimplified | Scan.FromSimplified
}

/** Whether a line of these counts is converted as traditional text (a line that does not tell takes the document's side, 看著他). */
export function isTraditionalText(simplified: number, traditional: number, traditionalDocument: boolean): boolean {
  return traditional === simplified ? traditionalDocument : traditional > simplified
}

/** The run-level `Scan` bits of `convertibleBits`: a run without one is left as it is by the line's converter. */
function runConvertibleBits(target: ConvertTarget, traditionalText: boolean): number {
  if (target === 'zh-Hans') return traditionalText ? Scan.RunToSimplified : Scan.RunT2s
  return Scan.RunToSimplified | Scan.RunFromSimplified
}

const scratch: LineScan = { simplified: 0, traditional: 0, bits: 0 }

/**
 * What converting one line to the target changes, one entry per run of changed characters.
 * Lines with kana are Japanese and stay as they are; so does everything OpenCC has no phrase for
 * (Latin text, numbers, URLs, code).
 */
export function lineChanges(line: string, target: ConvertTarget, counts?: ScriptCounts, options: LineOptions = {}): ScriptChange[] {
  const units = unitsFor(line.length)
  const scan = scanLineUnits(line, units, 0, scratch)
  if (scan.bits & (Scan.Kana | Scan.KanaUncounted)) return []
  const lineCounts = counts ?? { simplified: scan.simplified, traditional: scan.traditional }
  const traditionalText = isTraditionalText(lineCounts.simplified, lineCounts.traditional, options.traditionalDocument === true)
  // Most lines of a document already in the target have no character its converter would change.
  if ((scan.bits & convertibleBits(target, traditionalText)) === 0) return []
  return convertLine(line, units, 0, scan.bits, target, lineCounts, traditionalText, options)
}

/**
 * `lineChanges` for a line already scanned (`bits`: its `Scan` bits; its code units in `units` from `base` on) and
 * found convertible: not Japanese, with a character its converter may change.
 */
export function convertLine(line: string, units: Uint16Array, base: number, bits: number, target: ConvertTarget, lineCounts: LineCounts, traditionalText: boolean, options: LineOptions): ScriptChange[] {
  const conv = converters()
  const changes: ScriptChange[] = []
  // Surrogates and ideographic description sequences take the whole-segment path, which the run-by-run one is
  // measured against.
  const bmp = (bits & (Scan.High | Scan.Low | Scan.Ids)) === 0
  // A line in the other script converts nearly everywhere: one converter call for each segment costs less than
  // finding its runs first.
  const byRuns = bmp && traditionalText === (target === 'zh-Hans' ? false : true)
  for (const [from, to] of segments(line)) {
    if (target === 'zh-Hans' || !conv.needsNormalising(line.slice(from, to))) {
      if (byRuns && convertRuns(line, units, base, from, to, target, lineCounts, traditionalText, options, changes)) continue
      convertSegment(line, units, base, from, to, target, lineCounts, traditionalText, options, changes, bmp)
    } else convertEachRun(line.slice(from, to), from, target, lineCounts, traditionalText, options, changes)
  }
  return target === 'zh-Hans' && !traditionalText && changes.length > 0 ? keepingRoundTrip(line, changes) : changes
}

/**
 * On a line of simplified text, t2s changes a character written in both scripts wherever its phrase is missing,
 * though a phrase kept it when the line was converted from traditional: `作用於單元` becomes `作用於单元` (OpenCC's
 * phrase for the name 於單) and t2s on that writes `作用于单元`; `乾安縣` becomes `乾安县`, then `干安县`. Such a
 * character stays where the line's round trip through s2t and t2s keeps it, so that converting converted text
 * changes nothing (the law of test/spine/laws.test.ts).
 */
function keepingRoundTrip(line: string, changes: ScriptChange[]): ScriptChange[] {
  const { classOf } = converters()
  const shared = (code: number) => classOf(code) === CharClass.Shared
  const touches = (c: ScriptChange) => {
    if (c.actual.length !== c.expected.length) return false
    for (let k = 0; k < c.actual.length; k++) if (c.actual.charCodeAt(k) !== c.expected.charCodeAt(k) && shared(c.actual.charCodeAt(k))) return true
    return false
  }
  if (!changes.some(touches)) return changes
  const back = converter('t2s')(converter('s2t')(line))
  if (back.length !== line.length) return changes
  const kept: ScriptChange[] = []
  for (const c of changes) {
    if (!touches(c)) {
      kept.push(c)
      continue
    }
    const actual = c.actual
    let expected = ''
    for (let k = 0; k < actual.length; k++) {
      const code = actual.charCodeAt(k)
      expected += code !== c.expected.charCodeAt(k) && shared(code) && back.charCodeAt(c.start + k) === code ? actual[k] : c.expected[k]
    }
    if (expected === c.expected) kept.push(c)
    else if (expected !== actual) {
      const before = [...actual]
      kept.push(Change.of(c.start, c.end, c.ruleId, [...expected].filter((ch, k) => ch !== before[k]).length, c.config, 'zh-Hans', actual, expected))
    }
  }
  return kept
}

/**
 * One converter call for the whole segment, then the changed spans. OpenCC's phrases never span a character
 * outside them, so this is the same as converting run by run (`convertRuns` does that for the runs the converter
 * can change).
 */
function convertSegment(line: string, units: Uint16Array, base: number, from: number, to: number, target: ConvertTarget, lineCounts: LineCounts, traditionalText: boolean, options: LineOptions, changes: ScriptChange[], bmp: boolean): void {
  const conv = converters()
  const text = line.slice(from, to)
  const converted = conv.convertRunUnits(units, base + from, base + to, target, traditionalText)
  if (converted === undefined) return
  if (converted.length !== text.length) convertEachRun(text, from, target, lineCounts, traditionalText, options, changes)
  // Known to hold no surrogate (`bmp`): the common case compares the converter's code units as they are.
  else if (bmp && !(converted.surrogates && hasSurrogate(converted.data, converted.length))) {
    if (!options.keepTraditional && (TRADITIONAL_TARGET.has(target) ? !(lineCounts.traditional > lineCounts.simplified) : !(lineCounts.simplified > lineCounts.traditional))) {
      diffClauses(text, units, base + from, converted, from, target, conv.config(target, false), changes)
    }
    // The units are copied first: the rules may convert single characters (variant pairs), which writes over them.
    else diffUnits(text, ownUnits(converted), from, target, lineCounts, conv.config(target, false), options, changes)
  }
  else diff(text, converted.toString(), from, target, lineCounts, conv.config(target, false), options, changes)
}

function hasSurrogate(units: Uint16Array, length: number): boolean {
  for (let k = 0; k < length; k++) if ((units[k]! & 0xf800) === 0xd800) return true
  return false
}

/**
 * Mixed text bound for a traditional target (or a phrase of another length): run by run, each run normalised to
 * simplified only when it holds traditional-only characters.
 */
function convertEachRun(text: string, from: number, target: ConvertTarget, lineCounts: LineCounts, traditionalText: boolean, options: LineOptions, changes: ScriptChange[]): void {
  const conv = converters()
  forEachRun(text, conv.activeMask(target), (start, end) => {
    const run = text.slice(start, end)
    const converted = conv.convertRun(run, target, traditionalText)
    if (converted !== run) diff(run, converted, from + start, target, lineCounts, conv.config(target, target !== 'zh-Hans' && conv.needsNormalising(run)), options, changes)
  })
}

/** The runs of one segment `convertRuns` found changed: start, text before and after, by threes. */
const changedRuns: (number | string)[] = []


/**
 * `convertSegment` for a segment of code units without surrogates or description sequences, converting only the
 * runs that hold a character the converter may change: the rest is left unread (a paragraph of simplified text
 * bound for zh-Hans, with one 覆 in it, converts one clause). The same changes as `convertSegment`, but for
 * conversions that change the length of some runs and not of the segment: then it does nothing and returns false.
 */
function convertRuns(line: string, lineUnits: Uint16Array, base: number, from: number, to: number, target: ConvertTarget, lineCounts: LineCounts, traditionalText: boolean, options: LineOptions, changes: ScriptChange[]): boolean {
  const conv = converters()
  const units = conv.scanUnits
  const wanted = runConvertibleBits(target, traditionalText)
  // The runs to convert, found before any is: when they are most of the segment (a line in the other script),
  // one converter call for the whole segment costs less than one per run.
  runBounds.length = 0
  let covered = 0
  let i = from
  while (i < to) {
    let bits = units[lineUnits[base + i]!]!
    if ((bits & Scan.Run) === 0) {
      i++
      continue
    }
    const start = i
    let any = 0
    do {
      any |= bits
      i++
    } while (i < to && ((bits = units[lineUnits[base + i]!]!) & Scan.Run) !== 0)
    if ((any & wanted) === 0) continue
    runBounds.push(start, i)
    covered += i - start
  }
  if (runBounds.length === 0) return true
  if (covered * 2 > to - from) return false
  changedRuns.length = 0
  let sameLength = true
  let delta = 0
  for (let k = 0; k < runBounds.length; k += 2) {
    const start = runBounds[k]!
    const end = runBounds[k + 1]!
    const units = conv.convertRunUnits(lineUnits, base + start, base + end, target, traditionalText)
    if (units === undefined) continue
    const run = line.slice(start, end)
    const converted = units.toString()
    if (converted === run) continue
    if (converted.length !== run.length || SURROGATE.test(converted)) sameLength = false
    delta += converted.length - run.length
    changedRuns.push(start, run, converted)
  }
  if (changedRuns.length === 0) return true
  const config = conv.config(target, false)
  if (sameLength) {
    // Spans of changed characters never reach across a run (what lies between runs is no phrase's), so the spans
    // of the segment are those of its runs.
    for (let k = 0; k < changedRuns.length; k += 3) diffUnits(changedRuns[k + 1] as string, unitsOf(changedRuns[k + 2] as string), changedRuns[k] as number, target, lineCounts, config, options, changes)
    return true
  }
  if (delta !== 0) {
    // The segment changes length: convertSegment goes run by run, over the runs with a character any conversion
    // to the target changes (those without one of `wanted` convert to themselves).
    for (let k = 0; k < changedRuns.length; k += 3) diff(changedRuns[k + 1] as string, changedRuns[k + 2] as string, changedRuns[k] as number, target, lineCounts, config, options, changes)
    return true
  }
  return false
}

/** The runs `convertRuns` converts: start and end, by twos. */
const runBounds: number[] = []

/** The parts of a line outside URLs. */
function segments(line: string): [number, number][] {
  if (!line.includes('://') && !line.includes('www.')) return [[0, line.length]]
  const out: [number, number][] = []
  let cursor = 0
  for (const m of line.matchAll(URL)) {
    if (m.index > cursor) out.push([cursor, m.index])
    cursor = m.index + m[0].length
  }
  if (cursor < line.length) out.push([cursor, line.length])
  return out
}

/** Calls back with each maximal run of characters a phrase may hold that has a character some converter changes. */
function forEachRun(text: string, mask: number, each: (start: number, end: number) => void): void {
  const conv = converters()
  let i = 0
  while (i < text.length) {
    const code = text.codePointAt(i)!
    if (!conv.isRunChar(code)) {
      i += code > 0xffff ? 2 : 1
      continue
    }
    const start = i
    let active = false
    while (i < text.length) {
      const c = text.codePointAt(i)!
      if (!conv.isRunChar(c)) break
      if (!active && (conv.flagsOf(c) & mask) !== 0) active = true
      i += c > 0xffff ? 2 : 1
    }
    if (active) each(start, i)
  }
}

interface Span {
  start: number
  end: number
  /** Code points of the span before and after. */
  actual: string[]
  expected: string[]
}

/**
 * Compares a text with its conversion and reports the changed runs: spans of changed characters, then
 * `script/convert` spans merged within a stretch of text no mark or space interrupts (one message per
 * clause of a document in the other script, not one per character).
 */
function diff(text: string, converted: string, offset: number, target: ConvertTarget, counts: LineCounts, config: string, options: LineOptions, out: ScriptChange[]): void {
  if (text.length === converted.length && !SURROGATE.test(text) && !SURROGATE.test(converted)) {
    diffUnits(text, unitsOf(converted), offset, target, counts, config, options, out)
    return
  }
  const spans: Span[] = text.length === converted.length ? sameLengthSpans(text, converted, offset, options) ?? codePointSpans(text, converted, offset, options) : codePointSpans(text, converted, offset, options)
  let last: { start: number; end: number; actual: string; expected: string; ruleId: ScriptRuleId; chars: number } | undefined
  const made: (typeof last & object)[] = []
  for (const span of spans) {
    const ruleId = classify(span.actual, span.expected, target, counts)
    const actual = span.actual.join('')
    const expected = span.expected.join('')
    if (last && ruleId === 'script/convert' && last.ruleId === 'script/convert' && onlyRunChars(text, last.end - offset, span.start - offset)) {
      const gap = text.slice(last.end - offset, span.start - offset)
      last.actual += gap + actual
      last.expected += gap + expected
      last.end = span.end
      last.chars += span.actual.length
      continue
    }
    last = { start: span.start, end: span.end, actual, expected, ruleId, chars: span.actual.length }
    made.push(last)
  }
  for (const m of made) out.push(Change.of(m.start, m.end, m.ruleId, m.chars, config, target, m.actual, m.expected))
}

const SURROGATE = /[\ud800-\udfff]/

/**
 * `diff` for the common case, a conversion of the same length without surrogates (`converted`: its code units):
 * spans compared code unit by code unit, with no array per span (mirror pages change a character in every few).
 */
function diffUnits(text: string, converted: Uint16Array, offset: number, target: ConvertTarget, counts: LineCounts, config: string, options: LineOptions, out: ScriptChange[]): void {
  const keep = options.keepTraditional === true
  const units = converters().scanUnits
  const changedAt = (k: number) => text.charCodeAt(k) !== converted[k] && !(keep && kept(text[k]!, String.fromCharCode(converted[k]!), options, text, k))
  let last: Change | undefined
  let lastFrom = 0
  let lastEnd = 0
  let i = 0
  while (i < text.length) {
    if (text.charCodeAt(i) === converted[i] || !changedAt(i)) {
      i++
      continue
    }
    let j = i + 1
    while (j < text.length && changedAt(j)) j++
    const ruleId = classifyUnits(text, converted, i, j, target, counts)
    if (last && ruleId === 'script/convert' && last.ruleId === 'script/convert' && onlyRunUnits(text, lastEnd, i, units)) {
      // The gap between the two spans is unchanged, so it reads the same on both sides.
      last.end = offset + j
      last.beforeEnd = j
      last.chars += j - i
    } else {
      if (last) last.replacement = unitString(converted, lastFrom, lastEnd)
      last = new Change(offset + i, offset + j, ruleId, j - i, config, target, text, i, j, '')
      lastFrom = i
      out.push(last)
    }
    lastEnd = j
    i = j
  }
  if (last) last.replacement = unitString(converted, lastFrom, lastEnd)
}

/** The string of `units[from, to)` (a span: a clause at most, most often a character or two). */
function unitString(units: Uint16Array, from: number, to: number): string {
  switch (to - from) {
    case 1:
      return String.fromCharCode(units[from]!)
    case 2:
      return String.fromCharCode(units[from]!, units[from + 1]!)
    case 3:
      return String.fromCharCode(units[from]!, units[from + 1]!, units[from + 2]!)
  }
  // In slices: an argument list of a whole long line overflows the stack (a 128 K line of Big5 read as GBK did).
  if (to - from > 8192) {
    let out = ''
    for (let start = from; start < to; start += 8192) out += String.fromCharCode.apply(null, units.subarray(start, Math.min(to, start + 8192)) as unknown as number[])
    return out
  }
  if (to - from > 16) return String.fromCharCode.apply(null, units.subarray(from, to) as unknown as number[])
  let out = ''
  for (let k = from; k < to; k++) out += String.fromCharCode(units[k]!)
  return out
}

/** Code units for `diffUnits`: scratch, grown as needed (a conversion finishes its diff before the next starts). */
let unitScratch = new Uint16Array(256)
function scratchUnits(length: number): Uint16Array {
  if (length > unitScratch.length) unitScratch = new Uint16Array(Math.max(length, unitScratch.length * 2))
  return unitScratch
}

function unitsOf(text: string): Uint16Array {
  const units = scratchUnits(text.length)
  for (let k = 0; k < text.length; k++) units[k] = text.charCodeAt(k)
  return units
}

function ownUnits(converted: ConvertedUnits): Uint16Array {
  const units = scratchUnits(converted.length)
  units.set(converted.data.subarray(0, converted.length))
  return units
}

/**
 * `diffUnits` for a line in the other script, without keep mode: every span is a `script/convert`, so each change
 * reaches from a clause's first changed code unit to its last (the spans between merge over unchanged characters
 * a phrase may hold). One pass, and the replacements cut from the conversion as a string.
 */
function diffClauses(text: string, textUnits: Uint16Array, textFrom: number, converted: ConvertedUnits, offset: number, target: ConvertTarget, config: string, out: ScriptChange[]): void {
  const units = converters().scanUnits
  const data = converted.data
  const n = text.length
  let i = 0
  while (i < n) {
    if (textUnits[textFrom + i] === data[i]) {
      i++
      continue
    }
    let chars = 1
    let last = i
    let j = i + 1
    while (j < n) {
      const code = textUnits[textFrom + j]!
      if (code !== data[j]) {
        chars++
        last = j
      } else if ((units[code]! & (Scan.Run | Scan.Kana)) !== Scan.Run) break
      j++
    }
    out.push(new Change(offset + i, offset + last + 1, 'script/convert', chars, config, target, text, i, last + 1, unitString(data, i, last + 1)))
    i = j
  }
}

/** `onlyRunChars` for code units without surrogates, from the scan table. */
function onlyRunUnits(text: string, from: number, to: number, units: Uint16Array): boolean {
  for (let i = from; i < to; i++) if ((units[text.charCodeAt(i)]! & (Scan.Run | Scan.Kana)) !== Scan.Run) return false
  return true
}

/** `classify` over the code units [i, j) of a span without surrogates. */
function classifyUnits(text: string, converted: Uint16Array, i: number, j: number, target: ConvertTarget, counts: LineCounts): ScriptRuleId {
  const { classOf } = converters()
  if (TRADITIONAL_TARGET.has(target)) {
    if (!(counts.traditional > counts.simplified)) return 'script/convert'
    for (let k = i; k < j; k++) if (classOf(text.charCodeAt(k)) === CharClass.Simplified) return 'script/minority-char'
    return classify([...text.slice(i, j)], [...unitString(converted, i, j)], target, counts)
  }
  if (!(counts.simplified > counts.traditional)) return 'script/convert'
  for (let k = i; k < j; k++) if (classOf(text.charCodeAt(k)) === CharClass.Traditional) return 'script/minority-char'
  return 'script/ambiguous-char'
}

/**
 * Keep mode on a traditional document: its traditional characters stay, and so do its regional forms (群, not 羣).
 * A character both scripts write (后, 岳, 恒, 制, 托, 挨) stays too, unless a simplified-only character stands within
 * two places of it in the same run of Han text: then it belongs to a phrase in simplified script that is being
 * converted (`后来` → `後來`), and converts with it. `包山后`, `林建岳`, `陳恒`, `制裁` stay as written.
 * `text` and `at` locate `before` (a code unit offset) in the text being compared.
 */
function kept(before: string, after: string, options: LineOptions, text?: string, at?: number): boolean {
  if (options.keepTraditional !== true) return false
  const conv = converters()
  const code = before.codePointAt(0)!
  if (conv.classOf(code) === CharClass.Traditional || isVariantPair(before, after)) return true
  if (text === undefined || at === undefined || conv.classOf(code) === CharClass.Simplified) return false
  return !simplifiedNearby(text, at, before.length)
}

/** Whether a simplified-only character stands within two characters of `text[at, at + length)`, Han text between. */
function simplifiedNearby(text: string, at: number, length: number): boolean {
  const conv = converters()
  const look = (from: number, step: -1 | 1): boolean => {
    let i = from
    for (let n = 0; n < 2; n++) {
      if (i < 0 || i >= text.length) return false
      let code = text.charCodeAt(i)
      if (step < 0 && code >= 0xdc00 && code < 0xe000 && i > 0) code = text.codePointAt(--i)!
      else if (code >= 0xd800 && code < 0xdc00) code = text.codePointAt(i)!
      if (!conv.isRunChar(code) || isJapaneseKana(code)) return false
      if (conv.classOf(code) === CharClass.Simplified) return true
      i += step > 0 ? (code > 0xffff ? 2 : 1) : -1
    }
    return false
  }
  return look(at - 1, -1) || look(at + length, 1)
}

/** Spans of changed characters compared unit by unit; undefined when a surrogate pair is involved. */
function sameLengthSpans(text: string, converted: string, offset: number, options: LineOptions): Span[] | undefined {
  const spans: Span[] = []
  let spanStart = -1
  for (let i = 0; i <= text.length; i++) {
    const a = text.charCodeAt(i)
    const b = converted.charCodeAt(i)
    if ((a >= 0xd800 && a < 0xe000) || (b >= 0xd800 && b < 0xe000)) return undefined
    const changed = i < text.length && a !== b && !kept(text[i]!, converted[i]!, options, text, i)
    if (changed && spanStart < 0) spanStart = i
    else if (!changed && spanStart >= 0) {
      spans.push({ start: offset + spanStart, end: offset + i, actual: [...text.slice(spanStart, i)], expected: [...converted.slice(spanStart, i)] })
      spanStart = -1
    }
  }
  return spans
}

function codePointSpans(text: string, converted: string, offset: number, options: LineOptions): Span[] {
  const before = [...text]
  const after = [...converted]
  const spans: Span[] = []
  if (before.length !== after.length) {
    // A phrase of another length (`U盘` → `隨身碟`): one change from the first to the last differing place.
    let head = 0
    while (head < before.length && head < after.length && before[head] === after[head]) head++
    let tail = 0
    while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++
    const start = offset + before.slice(0, head).join('').length
    const actual = before.slice(head, before.length - tail)
    spans.push({ start, end: start + actual.join('').length, actual, expected: after.slice(head, after.length - tail) })
  } else {
    let unit = offset
    let spanStart = -1
    let spanUnit = 0
    for (let k = 0; k <= before.length; k++) {
      const b = before[k]
      const a = after[k]
      const changed = k < before.length && b !== a && !kept(b!, a!, options, text, unit - offset)
      if (changed && spanStart < 0) {
        spanStart = k
        spanUnit = unit
      } else if (!changed && spanStart >= 0) {
        spans.push({ start: spanUnit, end: unit, actual: before.slice(spanStart, k), expected: after.slice(spanStart, k) })
        spanStart = -1
      }
      if (k < before.length) unit += b!.length
    }
  }
  return spans
}

function onlyRunChars(text: string, from: number, to: number): boolean {
  const conv = converters()
  for (let i = from; i < to; i++) {
    const code = text.codePointAt(i)!
    if (!conv.isRunChar(code) || isJapaneseKana(code)) return false
    if (code > 0xffff) i++
  }
  return true
}

function classify(actual: string[], expected: string[], target: ConvertTarget, counts: LineCounts): ScriptRuleId {
  const { classOf } = converters()
  const kinds = actual.map((ch) => classOf(ch.codePointAt(0)!))
  if (TRADITIONAL_TARGET.has(target)) {
    const lineIsTraditional = counts.traditional > counts.simplified
    if (!lineIsTraditional) return 'script/convert'
    if (kinds.includes(CharClass.Simplified)) return 'script/minority-char'
    // 群 → 羣, 為 → 爲: the same character in another regional standard.
    if (actual.every((ch, k) => isVariantPair(ch, expected[k]!))) return 'script/convert'
    // 后, 于, 范, 松: written in both scripts, converted by their phrase (災后 → 災後, 放松 → 放鬆).
    if (actual.every((ch) => converters().isAmbiguous(ch.codePointAt(0)!))) return 'script/ambiguous-char'
    // Traditional characters replaced by other traditional ones: a regional variant (眾/衆) is a plain
    // conversion; anything else is a choice a phrase-blind converter got wrong (復雜 → 複雜).
    if (kinds.every((kind) => kind === CharClass.Traditional)) return 'script/misconverted'
    return 'script/convert'
  }
  const lineIsSimplified = counts.simplified > counts.traditional
  if (!lineIsSimplified) return 'script/convert'
  if (kinds.includes(CharClass.Traditional)) return 'script/minority-char'
  return 'script/ambiguous-char'
}

const TARGET_NAME: Record<ConvertTarget, string> = {
  'zh-Hans': 'zh-Hans',
  'zh-Hant': 'zh-Hant',
  'zh-TW': 'zh-TW',
  'zh-HK': 'zh-HK',
  'tw-forms': 'zh-Hant (Taiwan forms)',
  'hk-forms': 'zh-Hant (Hong Kong forms)',
}

const REASONS: Record<ScriptRuleId, (target: ConvertTarget) => string> = {
  'script/convert': (target) => `in ${TARGET_NAME[target]} output`,
  'script/minority-char': (target) => `(${TRADITIONAL_TARGET.has(target) ? 'simplified' : 'traditional'}-only) left in ${TRADITIONAL_TARGET.has(target) ? 'traditional' : 'simplified'} text`,
  'script/ambiguous-char': (target) => `in ${TRADITIONAL_TARGET.has(target) ? 'traditional' : 'simplified'} text (written in both scripts, here in the ${TRADITIONAL_TARGET.has(target) ? 'simplified' : 'traditional'} sense)`,
  'script/misconverted': () => 'in traditional text (a character-by-character conversion chose the wrong form)',
}

/** The edits for one line: one per converted run, in the message template. */
export function lineEdits(line: string, target: ConvertTarget, counts?: ScriptCounts, options?: LineOptions): Edit[] {
  return toEdits(lineChanges(line, target, counts, options))
}

/** The edits for a line's changes: the changes themselves, which make their message when it is read. */
export function toEdits(changes: readonly ScriptChange[]): Edit[] {
  return changes as Change[]
}

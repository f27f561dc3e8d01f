/** Character classes shared by the steps. Kept as plain functions on code points: they sit on hot paths. */

/** CJK unified ideographs (basic block and extensions A–H), compatibility ideographs excluded. */
export function isHanCode(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x20000 && code <= 0x323af)
  )
}

export function isHan(char: string | undefined): boolean {
  if (!char) return false
  const code = char.codePointAt(0)
  return code !== undefined && isHanCode(code)
}

/** Full-width punctuation of Chinese text (CJK symbols block and the full-width forms of ASCII marks). */
export function isCjkPunctuation(char: string | undefined): boolean {
  if (!char) return false
  return /^[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u2018\u2019\u201c\u201d\u00b7]$/.test(char)
}

/** Han or Chinese punctuation: what counts as "Chinese context" next to an ASCII mark. */
export function isChineseContext(char: string | undefined): boolean {
  return isHan(char) || isCjkPunctuation(char)
}

export function isKana(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x31f0 && code <= 0x31ff) || (code >= 0xff66 && code <= 0xff9d)
}

/** Matches one Han character (with extensions). */
export const HAN = '[\\u3400-\\u4dbf\\u4e00-\\u9fff\\u{20000}-\\u{323af}]'

/**
 * Sets `bit` in `table` for the code units `from`..`to`. Steps build a `Uint16Array(65536)` (one element type for all, so the scan stays monomorphic) of "some rule may care
 * about this code unit" so one pass over a line tells which rules can find anything in it.
 */
export function markUnits(table: Uint16Array, bit: number, from: number, to: number = from): void {
  for (let code = from; code <= to; code++) table[code]! |= bit
}

/** The OR of `table` over the code units of `text`: a branch-free pass, far cheaper than one regular expression per rule. */
export function unitMask(table: Uint16Array, text: string): number {
  let mask = 0
  for (let i = 0; i < text.length; i++) mask |= table[text.charCodeAt(i)]!
  return mask
}

/** A line's `unitMask`, kept while the same line is asked for again: the rules of a step run one after another on it. */
export interface LineScanner {
  mask(line: string): number
  /** Drops the last line scanned: it is a slice of the whole input, which would stay in memory after the step. */
  forget(): void
}

export function lineScanner(table: Uint16Array): LineScanner {
  let scanned: string | undefined
  let mask = 0
  return {
    mask(line) {
      if (line !== scanned) {
        mask = unitMask(table, line)
        scanned = line
      }
      return mask
    },
    forget() {
      scanned = undefined
    },
  }
}

/** Bit for the code units that may start or be part of Han or Chinese punctuation (astral Han by its high surrogate). */
export const CHINESE_UNIT = 0x80

/** Marks with `CHINESE_UNIT` every code unit `isChineseContext` or a Han code point could start with; a superset on purpose. */
export function markChineseUnits(table: Uint16Array): void {
  markUnits(table, CHINESE_UNIT, 0x3400, 0x4dbf)
  markUnits(table, CHINESE_UNIT, 0x4e00, 0x9fff)
  // High surrogates of U+20000..U+323AF.
  markUnits(table, CHINESE_UNIT, 0xd840, 0xd888)
  for (const [from, to] of CJK_PUNCTUATION_RANGES) markUnits(table, CHINESE_UNIT, from, to)
}

/** The ranges of `isCjkPunctuation`'s class; a test holds the two equal. */
const CJK_PUNCTUATION_RANGES: readonly (readonly [number, number])[] = [
  [0x3000, 0x303f], [0xff01, 0xff0f], [0xff1a, 0xff20], [0xff3b, 0xff40], [0xff5b, 0xff65],
  [0x2014, 0x2014], [0x2026, 0x2026], [0x2018, 0x2019], [0x201c, 0x201d], [0x00b7, 0x00b7],
]
const CJK_PUNCTUATION_UNITS = new Uint16Array(65536)
for (const [from, to] of CJK_PUNCTUATION_RANGES) markUnits(CJK_PUNCTUATION_UNITS, 1, from, to)

/** `isCjkPunctuation` by table, for rules that ask it once per match: a regular expression call costs more than the rule. */
export function isCjkPunctuationUnit(char: string | undefined): boolean {
  return char !== undefined && char.length === 1 && CJK_PUNCTUATION_UNITS[char.charCodeAt(0)] === 1
}

/** `isChineseContext` with the table above. */
export function isChineseContextUnit(char: string | undefined): boolean {
  return isHan(char) || isCjkPunctuationUnit(char)
}

/** Whether any code point of `text` is Han: `[...text].some(isHan)` without the array. */
export function containsHan(text: string): boolean {
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!
    if (isHanCode(code)) return true
    i += code > 0xffff ? 2 : 1
  }
  return false
}

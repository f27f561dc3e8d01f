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

/** Where `unitScan` puts the bits of adjacent pairs: above the table's own 16. */
export const PAIR_SHIFT = 16

/**
 * `unitMask` and, above it (shifted by `PAIR_SHIFT`), the pairs: bit k + 1 of the pairs is set where a unit with
 * bit k is followed at once by a unit with bit k + 1. A table that gives a class bit k and its follower bit k + 1
 * asks "does a space come right before a closing mark" in the same branch-free pass. Only pair bits a caller
 * laid out that way mean anything; the others are noise. Bit 15 is not used as a pair bit (it would be the sign).
 * With `from` and `to`, only the units of that range (and the pairs inside it).
 */
export function unitScan(table: Uint16Array, text: string, from = 0, to = text.length): number {
  let mask = 0
  let pairs = 0
  let previous = 0
  for (let i = from; i < to; i++) {
    const bits = table[text.charCodeAt(i)]!
    mask |= bits
    pairs |= (previous << 1) & bits
    previous = bits
  }
  return mask | ((pairs & 0x7fff) << PAIR_SHIFT)
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
/** Sets `bit` in `table` for every code unit of `isCjkPunctuation`'s class. */
export function markCjkPunctuationUnits(table: Uint16Array, bit: number): void {
  for (const [from, to] of CJK_PUNCTUATION_RANGES) markUnits(table, bit, from, to)
}

const CJK_PUNCTUATION_UNITS = new Uint16Array(65536)
for (const [from, to] of CJK_PUNCTUATION_RANGES) markUnits(CJK_PUNCTUATION_UNITS, 1, from, to)

/** `isCjkPunctuation` by table, for rules that ask it once per match: a regular expression call costs more than the rule. */
export function isCjkPunctuationUnit(char: string | undefined): boolean {
  return char !== undefined && char.length === 1 && CJK_PUNCTUATION_UNITS[char.charCodeAt(0)] === 1
}

/** `isCjkPunctuationUnit` of one code unit (NaN, past the end of a string, is none). */
export function isCjkPunctuationCode(code: number): boolean {
  return CJK_PUNCTUATION_UNITS[code] === 1
}

/** `isHan` of one code unit, as `isHan(text[i])` sees it: only the BMP blocks (a lone surrogate is not Han). */
export function isHanUnit(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)
}

/** `isChineseContextUnit(text[i])` of the code unit `text.charCodeAt(i)`. */
export function isChineseContextCode(code: number): boolean {
  return isHanUnit(code) || CJK_PUNCTUATION_UNITS[code] === 1
}

/** `isChineseContext` with the table above. */
export function isChineseContextUnit(char: string | undefined): boolean {
  return isHan(char) || isCjkPunctuationUnit(char)
}

/** `containsHan(text.slice(start, end))` without the slice. */
export function containsHanBetween(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; ) {
    let code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000
    }
    if (isHanCode(code)) return true
    i += code > 0xffff ? 2 : 1
  }
  return false
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

/**
 * How many spaces start at `at` when Chinese text follows them: the spaces the unicode step removes after a
 * full-width mark, so a mark made here takes them with it and a second run of the pipeline finds nothing to do.
 */
export function spacesBeforeChinese(line: string, at: number): number {
  let k = at
  while (k < line.length && isSpaceCode(line.charCodeAt(k))) k++
  return k > at && isChineseContextCode(line.charCodeAt(k)) ? k - at : 0
}
const isSpaceCode = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f
/** An ASCII letter or digit. */
export const isLatinOrDigitCode = (c: number): boolean => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)


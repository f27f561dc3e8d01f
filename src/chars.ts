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

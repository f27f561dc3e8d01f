/**
 * What makes two lines "the same line" for corpus counting, and their 64-bit fingerprint. Counting and cleaning
 * both go through here, so a table counted by one version is read by the same rules; the rules' id is written into
 * every table's header and a table counted under other rules is refused.
 */

/**
 * The normalisation, as written in a table's header: NFKC (full-width letters, digits and marks to their plain
 * forms), invisible characters removed, lower case, every decimal digit to 0 (so dates, counters and page numbers
 * do not make furniture lines distinct: `发布时间:2022-10-01` and `发布时间:2022-10-02` are one line), white space
 * runs to one space, trimmed. As CCNet hashes paragraphs after lower-casing and replacing digits.
 */
export const NORMALISATION = 'nfkc,invisibles,lower,digits-0,spaces-1,trim'
/** The fingerprint function, as written in a table's header. */
export const FINGERPRINT = 'murmur3-x2-utf16'

const INVISIBLES = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g
const SPACES = /\s+/g
const DIGITS = /\d/g
/** A line of only printable ASCII that is already trimmed, single-spaced and without capitals or digits needs nothing. */
const NEEDS_WORK = /[^\x20-\x2f\x3a-\x40\x5b-\x7e]|\s\s|^\s|\s$/

/** The normalised form of one line: what is counted, and what `corpus top` shows. */
export function normaliseLine(line: string): string {
  if (!NEEDS_WORK.test(line)) return line
  return line
    .normalize('NFKC')
    .replace(INVISIBLES, '').toLowerCase().replace(DIGITS, '0').replace(SPACES, ' ').trim()
}

/** The length of a normalised line in code points, its spaces left out: what the minimum length is measured on. */
export function visibleLength(normalised: string): number {
  let n = 0
  for (let i = 0; i < normalised.length; i++) {
    const c = normalised.charCodeAt(i)
    if (c === 0x20) continue
    // The second half of a surrogate pair is not a character of its own.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) continue
    n++
  }
  return n
}

/**
 * Two 32-bit MurmurHash3 lanes over the UTF-16 code units with different seeds: a 64-bit fingerprint as [high, low].
 * With n distinct lines, the chance that any two share a fingerprint is about n²/2⁶⁵ (1% at 600 million lines).
 */
export function fingerprint(normalised: string): [number, number] {
  let a = 0x9747b28c
  let b = 0x2f3c4d1b
  for (let i = 0; i < normalised.length; i++) {
    let k = Math.imul(normalised.charCodeAt(i), 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    a ^= k
    a = (a << 13) | (a >>> 19)
    a = (Math.imul(a, 5) + 0xe6546b64) | 0
    b ^= Math.imul(k, 0x85ebca6b) ^ i
    b = (b << 17) | (b >>> 15)
    b = (Math.imul(b, 9) + 0x38b34ae5) | 0
  }
  return [fmix(a ^ normalised.length), fmix(b ^ (normalised.length * 0x27d4eb2d))]
}

/** MurmurHash3's finaliser: every input bit reaches every output bit. */
export function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** The lines of a text as the parser splits them (LF, CRLF, a lone CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/)
}

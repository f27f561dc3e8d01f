import { LM_LEVELS, LM_PAIRS, LM_ROWS, LM_STEP, LM_UNIGRAMS } from '../../data/char-lm.js'

/**
 * The character bigram model of src/data/char-lm.ts (jieba's word frequencies, OpenCC's phrases and manpages-zh
 * running text), read where it lies: the table is ASCII (base64 digits in fixed-width groups), so a pair is found
 * by a binary search over the string of its row, and nothing is parsed into a table but a row index and the
 * unigram levels (a few hundred microseconds, on the first look-up: a page without one never pays it).
 *
 * P(c | p) = λ·P_pair(c | p) + (1 − λ)·P(c) where the table holds the pair, and P(c) where it does not (the
 * generator leaves out the pairs no likelier than their second character alone).
 */

const LAMBDA = 0.8
/** Quantised levels of the table: 0 to 93. */
const LEVELS = 94
/** A character the model does not know: rarer than any it knows. */
const UNKNOWN = -28
/** An ASCII character (a digit, a letter, an ASCII mark) in Chinese text: common enough, never in a pair. */
const ASCII = -9

/** The value of each base64 digit by its code. */
const DIGIT = new Uint8Array(0x80)
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((ch, k) => (DIGIT[ch.charCodeAt(0)] = k))

/** The three-digit code at `at` of `text`. */
const code3 = (text: string, at: number): number => (DIGIT[text.charCodeAt(at)]! << 12) | (DIGIT[text.charCodeAt(at + 1)]! << 6) | DIGIT[text.charCodeAt(at + 2)]!

/** Unigram level by code unit, LEVELS for a character the model does not know. */
let uniLevel: Uint8Array | undefined
/** Where the pairs of the row of a first character start in LM_PAIRS (in pairs), and end; both 0 for no row. */
let rowStart: Int32Array | undefined
let rowEnd: Int32Array | undefined
/**
 * log2(λ·P_pair + (1 − λ)·P(c)) by the two levels (the last column: a character the model does not know), as
 * float32 (the values the model has always scored with), worked out the first time each is needed.
 */
const mixed = new Float32Array(LEVELS * (LEVELS + 1)).fill(Number.NaN)

function unigrams(): Uint8Array {
  const levels = new Uint8Array(0x10000).fill(LEVELS)
  const text = LM_UNIGRAMS()
  for (let i = 0; i + 3 < text.length; i += 4) levels[code3(text, i)] = DIGIT[text.charCodeAt(i + 3)]!
  return (uniLevel = levels)
}

/** The pairs and their levels (LM_PAIRS, LM_LEVELS), read with the row index. */
let pairs = ''
let pairLevels = ''

function rows(): Int32Array {
  const starts = new Int32Array(0x10000)
  const ends = new Int32Array(0x10000)
  let first = -1
  const text = LM_ROWS()
  for (let i = 0; i + 6 < text.length; i += 7) {
    const code = code3(text, i)
    const at = (DIGIT[text.charCodeAt(i + 3)]! << 18) | (DIGIT[text.charCodeAt(i + 4)]! << 12) | (DIGIT[text.charCodeAt(i + 5)]! << 6) | DIGIT[text.charCodeAt(i + 6)]!
    if (first >= 0) ends[first] = at
    if (code !== 0xffff) starts[code] = at
    first = code
  }
  rowEnd = ends
  pairs = LM_PAIRS()
  pairLevels = LM_LEVELS()
  return (rowStart = starts)
}

function mix(q: number, u: number): number {
  const at = q * (LEVELS + 1) + u
  let value = mixed[at]!
  if (Number.isNaN(value)) {
    mixed[at] = Math.log2(LAMBDA * 2 ** (-q * LM_STEP) + (1 - LAMBDA) * 2 ** (u === LEVELS ? UNKNOWN : -u * LM_STEP))
    value = mixed[at]!
  }
  return value
}

/** log2 P(code), a character alone. */
export function lmChar(code: number): number {
  if (code < 0x80) return ASCII
  if (code >= 0x10000) return UNKNOWN
  const level = (uniLevel ?? unigrams())[code]!
  return level === LEVELS ? UNKNOWN : -level * LM_STEP
}

/** log2 P(code | previous); `previous` < 0 for none. */
export function lmNext(previous: number, code: number): number {
  if (previous >= 0 && previous < 0x10000 && code >= 0x80 && code < 0x10000) {
    const starts = rowStart ?? rows()
    let lo = starts[previous]!
    let hi = rowEnd![previous]! - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const second = code3(pairs, mid * 3)
      if (second < code) lo = mid + 1
      else if (second > code) hi = mid - 1
      else return mix(DIGIT[pairLevels.charCodeAt(mid)]!, (uniLevel ?? unigrams())[code]!)
    }
  }
  return lmChar(code)
}

/** log2 probability of a text under the model, from `previous` on (the character before it, or -1). */
export function lmScore(text: string, previous = -1): number {
  let total = 0
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) (code = text.codePointAt(i)!), i++
    total += lmNext(previous, code)
    previous = code
  }
  return total
}

/** Whether the model's pair index has been read in this process (for tests of what a run loads). */
export function lmBuilt(): boolean {
  return rowStart !== undefined
}

/** Whether the model's unigram levels have been read in this process (for tests of what a run loads). */
export function lmUnigramsBuilt(): boolean {
  return uniLevel !== undefined
}

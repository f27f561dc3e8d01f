import { LM_BIGRAMS, LM_STEP, LM_UNIGRAMS } from '../../data/char-lm.js'

/**
 * The character bigram model of src/data/char-lm.ts (jieba's word frequencies, OpenCC's phrases and manpages-zh
 * running text), parsed on first use: only a line with a byte-slip candidate to score ever builds it (about 30
 * ms; a page without one never does).
 *
 * P(c | p) = λ·P_pair(c | p) + (1 − λ)·P(c) where the table holds the pair, and P(c) where it does not (the
 * generator leaves out the pairs no likelier than their second character alone).
 */

interface Model {
  /** log2 P(c) by code unit; NaN for a character the model does not know. */
  unigram: Float32Array
  /** The pairs of the table in open addressing: `(p << 16 | c) + 1` (0 for an empty slot), and log2 P(c | p). */
  keys: Int32Array
  values: Float32Array
}

const LAMBDA = 0.8
/** Quantised levels of the table: '!' (0) to '~' (93). */
const LEVELS = 94
/** A character the model does not know: rarer than any it knows. */
const UNKNOWN = -28
/** An ASCII character (a digit, a letter, an ASCII mark) in Chinese text: common enough, never in a pair. */
const ASCII = -9

let model: Model | undefined

function build(): Model {
  const unigram = new Float32Array(0x10000).fill(Number.NaN)
  const level = (code: number): number => -(code - 0x21) * LM_STEP
  for (let i = 0; i + 1 < LM_UNIGRAMS.length; i += 2) unigram[LM_UNIGRAMS.charCodeAt(i)] = level(LM_UNIGRAMS.charCodeAt(i + 1))
  // log2(λ·P_pair + (1 − λ)·P(c)) by the two quantised levels (the last column: a character the model does not
  // know): 95 × 95 values worked out once instead of a power and a logarithm per pair.
  const mixed = new Float32Array(LEVELS * (LEVELS + 1))
  for (let q = 0; q < LEVELS; q++) {
    for (let u = 0; u <= LEVELS; u++) mixed[q * (LEVELS + 1) + u] = Math.log2(LAMBDA * 2 ** (-q * LM_STEP) + (1 - LAMBDA) * 2 ** (u === LEVELS ? UNKNOWN : -u * LM_STEP))
  }
  const uniLevel = new Uint8Array(0x10000).fill(LEVELS)
  for (let i = 0; i + 1 < LM_UNIGRAMS.length; i += 2) uniLevel[LM_UNIGRAMS.charCodeAt(i)] = LM_UNIGRAMS.charCodeAt(i + 1) - 0x21
  const keys = new Int32Array(1 << 19)
  const values = new Float32Array(1 << 19)
  const mask = keys.length - 1
  let first = -1
  for (let i = 0; i < LM_BIGRAMS.length; ) {
    const code = LM_BIGRAMS.charCodeAt(i)
    if (code === 0x20) {
      first = -1
      i++
      continue
    }
    if (first < 0) {
      first = code
      i++
      continue
    }
    const key = (((first << 16) | code) + 1) | 0
    let at = Math.imul(key, 0x9e3779b1) >>> 13
    while (keys[at] !== 0) at = (at + 1) & mask
    keys[at] = key
    values[at] = mixed[(LM_BIGRAMS.charCodeAt(i + 1) - 0x21) * (LEVELS + 1) + uniLevel[code]!]!
    i += 2
  }
  return { unigram, keys, values }
}

/** log2 P(code), a character alone. */
export function lmChar(code: number): number {
  if (code < 0x80) return ASCII
  const m = (model ??= build())
  const value = code < 0x10000 ? m.unigram[code]! : Number.NaN
  return Number.isNaN(value) ? UNKNOWN : value
}

/** log2 P(code | previous); `previous` < 0 for none. */
export function lmNext(previous: number, code: number): number {
  if (previous >= 0 && previous < 0x10000 && code >= 0x80 && code < 0x10000) {
    const { keys, values } = (model ??= build())
    const key = (((previous << 16) | code) + 1) | 0
    for (let at = Math.imul(key, 0x9e3779b1) >>> 13; ; at = (at + 1) & (keys.length - 1)) {
      const k = keys[at]!
      if (k === key) return values[at]!
      if (k === 0) break
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

/** Whether the model has been built in this process (for tests of what a run loads). */
export function lmBuilt(): boolean {
  return model !== undefined
}

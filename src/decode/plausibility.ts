import { COMMON_HAN, FREQUENT_HAN, LESS_COMMON_HAN } from '../data/char-weights.js'
import { WORD_PAIRS } from '../data/word-pairs.js'
/**
 * How plausible a string is as real text, mostly Chinese: the sum of a weight per character and per pair of
 * neighbours. Decoders and the encoding step compare candidate readings of the same bytes with it: the higher,
 * the more plausible.
 *
 * Character weights come from tables that every GB and Big5 codec carries: GB2312 level 1 (the 3,755 most common
 * simplified characters) and Big5's common set (5,401 traditional characters) score high, GB2312 level 2 and
 * Big5's less common set a little, the characters only GBK has (where UTF-8 read as GBK lands, `鍙戝竷`) score
 * below zero. The frequency ranks of src/data/char-freq.ts add a bonus. Both sets and the word pairs below are
 * generated tables (src/data/char-weights.ts, src/data/word-pairs.ts), read on first use. Pairs catch what single characters
 * cannot: a Latin-1 letter followed by a windows-1252 symbol (`ä¸`), runs of accented letters (`ÖÐ¹ú`), and
 * pairs of Han characters that occur inside a word of OpenCC's phrase tables (about 98,000 pairs, simplified and
 * traditional): a third of the Han pairs of real prose, none of GBK read as Big5 (`笢恅楷票`), which is made of
 * common characters in an order no text has.
 */

let weights: Float32Array | undefined

/** Weight of one BMP code unit, built once. */
function table(): Float32Array {
  if (weights) return weights
  const w = new Float32Array(0x10000).fill(-1)
  // ASCII: printable and the usual white space are neutral, other controls very unlikely.
  for (let c = 0; c < 0x20; c++) w[c] = -6
  for (let c = 0x20; c < 0x7f; c++) w[c] = 0
  w[0x09] = w[0x0a] = w[0x0d] = w[0x0c] = 0
  w[0x7f] = -6
  for (let c = 0x80; c < 0xa0; c++) w[c] = -8 // C1 controls
  for (let c = 0xa0; c < 0xc0; c++) w[c] = -1.5 // Latin-1 symbols
  for (const ch of '£°±·×÷©®§¥') w[ch.charCodeAt(0)] = -0.5
  w[0xa0] = -0.5 // no-break space: scraped pages are full of them
  for (let c = 0xc0; c <= 0xff; c++) w[c] = -0.5 // accented letters
  w[0xd7] = w[0xf7] = -0.5
  for (let c = 0x100; c < 0x250; c++) w[c] = -1 // Latin extended
  for (let c = 0x370; c < 0x530; c++) w[c] = -1 // Greek, Cyrillic
  for (let c = 0x2000; c < 0x2070; c++) w[c] = -1 // general punctuation
  for (const ch of '\u2018\u2019\u201c\u201d\u2026\u2014\u2013\u2022\u00b7\u2002\u2003\u2009\u200b\u2030\u2032\u2033')
    w[ch.charCodeAt(0)] = 0
  for (let c = 0x1d00; c < 0x1e00; c++) w[c] = -4 // phonetic extensions: what `á´´` decodes to, not text
  for (let c = 0x2100; c < 0x2200; c++) w[c] = -0.5 // letterlike, number forms, arrows
  for (let c = 0x2460; c < 0x24a0; c++) w[c] = 0 // circled numbers
  for (let c = 0x2500; c < 0x2600; c++) w[c] = -1.5 // box drawing, blocks, shapes
  for (const ch of '■□▲△◆◇○●★☆※→←↑↓') w[ch.charCodeAt(0)] = 0
  for (let c = 0x3000; c < 0x3040; c++) w[c] = 0.5 // CJK punctuation
  w[0x3013] = -2 // 〓, what GBK decoders print for holes
  for (let c = 0x3040; c < 0x3100; c++) w[c] = 0.3 // kana
  for (let c = 0x3100; c < 0x3130; c++) w[c] = 0 // bopomofo
  for (let c = 0x3400; c < 0x4dc0; c++) w[c] = -2.5 // extension A
  for (let c = 0x4e00; c < 0xa000; c++) w[c] = -1.2 // unified ideographs outside the common sets (GBK-only)
  for (let c = 0xac00; c < 0xd7a4; c++) w[c] = 1 // Hangul syllables
  for (let c = 0xe000; c < 0xf900; c++) w[c] = -6 // private use
  for (let c = 0xf900; c < 0xfb00; c++) w[c] = -2.5 // compatibility ideographs
  for (let c = 0xfe30; c < 0xfe50; c++) w[c] = -0.5 // vertical forms
  for (let c = 0xff01; c < 0xff5f; c++) w[c] = 0 // full-width forms
  for (const ch of '，。！？：；（）【】〔〕《》、') w[ch.charCodeAt(0)] = 0.5
  for (let c = 0xff61; c < 0xffa0; c++) w[c] = -3 // half-width katakana: Shift_JIS misreadings
  w[0xfffd] = -5
  w[0x2800] = 0 // braille blank: a spacer of social-media posts
  w[0xfeff] = -3
  // Han characters of the common sets, read from the codecs' own tables at build time.
  for (let i = 0; i < LESS_COMMON_HAN.length; i++) w[LESS_COMMON_HAN.charCodeAt(i)] = 0.2
  for (let i = 0; i < COMMON_HAN.length; i++) w[COMMON_HAN.charCodeAt(i)] = 1
  // The most frequent characters, and their traditional forms (the frequency table is simplified): both scripts alike.
  for (let i = 0; i < FREQUENT_HAN.length; i++) {
    const c = FREQUENT_HAN.charCodeAt(i)
    w[c] = (w[c]! > 0 ? w[c]! : 0.5) + 0.5
  }
  weights = w
  return w
}

/**
 * Key of a pair of characters, one per pair of code points. Pairs within U+3400–U+9FFF (nearly all) get a
 * small-integer key, which V8 hashes far faster than the large doubles `first * 0x110000 + second` would be; the
 * rest get a negative key.
 */
export function pairKey(first: number, second: number): number {
  if (first >= 0x3400 && first < 0xa000 && second >= 0x3400 && second < 0xa000) return (first - 0x3400) * 0x6c00 + (second - 0x3400)
  return -(first * 0x110000 + second)
}

/**
 * The word pairs as an open-addressing hash set of their `pairKey`s: pairs within U+3400–U+9FFF (nearly all)
 * are non-negative keys in `keys` (-1: an empty slot), probed linearly from a multiplicative hash; one or two
 * probes per look-up, where a binary search over a row of common characters takes eight or nine unpredictable
 * branches. Pairs outside that block (extension B, compatibility ideographs) are few and sit in a set by `pairKey`.
 */
interface WordPairTable {
  keys: Int32Array
  /** keys.length - 1 (a power of two minus one). */
  mask: number
  /** 32 minus log2(keys.length): the shift that takes a hash's top bits. */
  shift: number
  outside: Set<number>
  /**
   * One bit per slot of a 2^20-bit filter, set for every key: a clear bit proves a pair is no word pair with one
   * read of 128 KB, which stays in cache where the 1 MB of keys does not (most pairs of real text are no word).
   */
  filter: Int32Array
}

/** The bit of the filter a key sets: the top 20 bits of a second multiplicative hash. */
function filterBit(key: number): number {
  return Math.imul(key ^ (key >>> 15), 0x85ebca6b) >>> 12
}

let pairTable: WordPairTable | undefined

/** The slot a key's probe starts at: the top bits of a multiplicative (Fibonacci) hash. */
function pairSlot(key: number, shift: number): number {
  return Math.imul(key, 0x9e3779b1) >>> shift
}

function wordPairTable(): WordPairTable {
  if (pairTable) return pairTable
  const text = WORD_PAIRS
  // At most one pair per code unit of the table: a load under one half at twice that (rounded up to a power of two).
  let bits = 1
  while (1 << bits < 2 * text.length) bits++
  const keys = new Int32Array(1 << bits).fill(-1)
  const mask = keys.length - 1
  const shift = 32 - bits
  const outside = new Set<number>()
  const filter = new Int32Array(1 << 15)
  let first = -1
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!
    i += code > 0xffff ? 2 : 1
    if (code === 0x20) {
      first = -1
      continue
    }
    if (first < 0) {
      first = code
      continue
    }
    const key = pairKey(first, code)
    if (key < 0) {
      outside.add(key)
      continue
    }
    let at = pairSlot(key, shift)
    while (keys[at] !== -1 && keys[at] !== key) at = (at + 1) & mask
    keys[at] = key
    const bit = filterBit(key)
    filter[bit >>> 5] = filter[bit >>> 5]! | (1 << (bit & 31))
  }
  pairTable = { keys, mask, shift, outside, filter }
  return pairTable
}

/**
 * Before the hash set is built, look-ups read the rows of the table in place: a binary search over the rows'
 * first characters, then a scan of that row (19 code units on average, 543 at most). Building the set costs about
 * 60 M instructions (most of a one-line run's word-pair cost); a short input makes a few dozen look-ups. After
 * ROW_LOOKUPS look-ups the set is built, since by then the text is long enough to repay it.
 */
const ROW_LOOKUPS = 1 << 14
let rowLookups = 0
let rowFirst: Int32Array | undefined
/** rowStart[i]: the offset of row i in WORD_PAIRS; rowStart[rows] is one past the last row's end (plus its space). */
let rowStart: Int32Array | undefined

function rowIndex(): void {
  const text = WORD_PAIRS
  let rows = 1
  for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1)) rows++
  const first = new Int32Array(rows)
  const start = new Int32Array(rows + 1)
  let row = 0
  for (let at = 0; row < rows; row++) {
    start[row] = at
    first[row] = text.codePointAt(at)!
    const end = text.indexOf(' ', at)
    at = end < 0 ? text.length + 1 : end + 1
  }
  start[rows] = text.length + 1
  rowFirst = first
  rowStart = start
}

/** The row look-up alone (exported for its test). */
export function inRows(first: number, second: number): boolean {
  if (rowFirst === undefined) rowIndex()
  const firsts = rowFirst!
  let lo = 0
  let hi = firsts.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const code = firsts[mid]!
    if (code < first) lo = mid + 1
    else if (code > first) hi = mid - 1
    else {
      const text = WORD_PAIRS
      const end = rowStart![mid + 1]! - 1
      for (let at = rowStart![mid]! + (first > 0xffff ? 2 : 1); at < end; ) {
        const code = text.codePointAt(at)!
        if (code === second) return true
        at += code > 0xffff ? 2 : 1
      }
      return false
    }
  }
  return false
}

/** Whether two Han characters in a row occur inside a word of OpenCC's phrases. */
export function isWordPair(first: number, second: number): boolean {
  let table = pairTable
  if (table === undefined) {
    if (rowLookups < ROW_LOOKUPS) {
      rowLookups++
      return inRows(first, second)
    }
    table = wordPairTable()
  }
  if (first >= 0x3400 && first < 0xa000 && second >= 0x3400 && second < 0xa000) {
    const key = (first - 0x3400) * 0x6c00 + (second - 0x3400)
    const bit = filterBit(key)
    if ((table.filter[bit >>> 5]! & (1 << (bit & 31))) === 0) return false
    const { keys, mask } = table
    for (let at = pairSlot(key, table.shift); ; at = (at + 1) & mask) {
      const k = keys[at]!
      if (k === key) return true
      if (k === -1) return false
    }
  }
  return table.outside.has(pairKey(first, second))
}

/** The weight of every BMP code unit (as charWeight gives it), for loops that look up one per character. */
export function weightTable(): Float32Array {
  return weights ?? table()
}

/** Which of this module's tables have been built in this process (for tests of what a run loads). */
export function plausibilityTablesLoaded(): { weights: boolean; wordPairs: boolean } {
  return { weights: weights !== undefined, wordPairs: pairTable !== undefined }
}

/** Bonus for a Han pair that is part of a known word. */
const WORD_PAIR = 0.6

/** 1252's bytes 0x80–0xBF as characters: what follows a UTF-8 lead byte read as windows-1252. */
function isContinuationSymbol(c: number): boolean {
  return (c >= 0x80 && c < 0xc0) || (c >= 0x152 && c <= 0x17e) || c === 0x192 || c === 0x2c6 || c === 0x2dc ||
    (c >= 0x2013 && c <= 0x203a) || c === 0x20ac || c === 0x2122
}

function isLatinHigh(c: number): boolean {
  return (c >= 0xa1 && c <= 0xff) || (c >= 0x152 && c <= 0x17e) || c === 0x192
}

/** Han characters and Hangul syllables: glued to a Latin letter, both are more often a misreading. */
function isHanish(c: number): boolean {
  return (c >= 0x3400 && c < 0xa000) || (c >= 0xac00 && c < 0xd7a4) || (c >= 0x20000 && c < 0x323b0)
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
}

/** Classes of BMP code units for the pair penalties of stepScore, one typed lookup instead of four range tests. */
const CONTINUATION = 1
const LATIN_HIGH = 2
const HANISH = 4
const LETTER = 8
let classes: Uint8Array | undefined

function classTable(): Uint8Array {
  if (classes) return classes
  const k = new Uint8Array(0x10000)
  for (let c = 0; c < 0x10000; c++) {
    k[c] = (isContinuationSymbol(c) ? CONTINUATION : 0) | (isLatinHigh(c) ? LATIN_HIGH : 0) | (isHanish(c) ? HANISH : 0) | (isLetter(c) ? LETTER : 0)
  }
  classes = k
  return k
}

function classOf(code: number): number {
  if (code < 0x10000) return (classes ?? classTable())[code]!
  return isHanish(code) ? HANISH : 0
}

/** Weight of one character (a code point). */
export function charWeight(code: number): number {
  if (code < 0x10000) return (weights ?? table())[code]!
  if (code >= 0x1f000 && code < 0x1fb00) return 0 // emoji and pictographs
  if (code >= 0x20000 && code < 0x323b0) return -2.5 // CJK extensions B and later
  if (code >= 0xf0000) return -6 // supplementary private use
  return -1.5
}

/** Score of `code` after `previous`: its own weight and the pair penalties. */
export function stepScore(previous: number, code: number): number {
  let score = charWeight(code)
  const before = classOf(previous)
  const after = classOf(code)
  // A UTF-8 lead byte read as windows-1252 followed by a continuation byte read so.
  // U+FFFD after one stands for a continuation byte that was lost (`SlovenÄ�ina`).
  if (previous >= 0xc2 && previous <= 0xf4 && ((after & CONTINUATION) !== 0 || code === 0xfffd)) score -= 3
  // `Â` and a space: the no-break space of UTF-8 (C2 A0) read as windows-1252, then flattened.
  if (previous === 0xc2 && code === 0x20) score -= 2
  // Runs of accented letters and Latin-1 symbols: GBK or Big5 bytes read as Latin-1.
  if ((before & after & LATIN_HIGH) !== 0) score -= 1.5
  if (code >= 0x3400 && previous >= 0x3400 && isWordPair(previous, code)) score += WORD_PAIR
  // A Han character glued to a Latin letter (`Divis茫o`): what GBK read as Latin-1 makes of European words.
  if (((after & HANISH) !== 0 && (before & LETTER) !== 0) || ((before & HANISH) !== 0 && (after & LETTER) !== 0)) score -= 1.5
  return score
}

/** Plausibility of `text`: higher is more plausible. Comparable between strings only for readings of the same bytes. */
export function plausibility(text: string, previous = 0x20): number {
  return plausibilityOf(text, 0, text.length, previous)
}

/** Plausibility of `text.slice(start, end)`, without making the slice. */
export function plausibilityOf(text: string, start: number, end: number, previous = 0x20): number {
  const w = table()
  let score = 0
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i)
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < end) {
      code = text.codePointAt(i)!
      i++
    }
    score += code < 0x80 && previous < 0x80 ? w[code]! : stepScore(previous, code)
    previous = code
  }
  return score
}

/** What a quick look at a line shows: enough to skip readings that cannot apply to clean text. */
export interface Profile {
  /** Characters in CJK blocks (U+2E80 and up). */
  cjk: number
  /** Their mean weight: clean Chinese about 1.1–1.5, mojibake made of CJK characters below 0.9. */
  meanCjk: number
  /**
   * Whether three characters outside the most common sets (GB2312 level 1, Big5's common set) come within eight
   * CJK characters: mojibake clusters so, the odd rare word of clean text does not.
   */
  rareCluster: boolean
  /** The longest run of Han characters in which no neighbours form a known word (mojibake: the whole run). */
  pairless: number
  /** Han pairs inside a known word, and all Han pairs. */
  wordPairs: number
  hanPairs: number
  /** Pairs of neighbouring Latin-1 or windows-1252 characters (what UTF-8 or GBK read as windows-1252 shows). */
  latin: number
  /** Pairs of neighbouring non-ASCII characters outside CJK blocks that are not both Latin-1 (Cyrillic, Greek…). */
  otherNonAscii: number
}

/**
 * The part of `profile` that needs no word pairs: CJK characters, their mean weight and whether uncommon ones
 * cluster. Several times faster, for a first look at every line of a file.
 */
export function cjkWeights(text: string): Pick<Profile, 'cjk' | 'meanCjk' | 'rareCluster'> {
  const tally = new CjkTally()
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code < 0x2e80) continue
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) (code = text.codePointAt(i)!), i++
    tally.add(code)
  }
  return { cjk: tally.cjk, meanCjk: tally.mean(), rareCluster: tally.cluster }
}

/** CJK characters seen so far, their total weight, and whether uncommon ones cluster: three within eight. */
class CjkTally {
  cjk = 0
  sum = 0
  cluster = false
  private low = 0
  private readonly recent = [0, 0, 0]
  private readonly weights = table()

  /** Counts one CJK character (U+2E80 and up) and returns its weight. */
  add(code: number): number {
    this.cjk++
    const weight = code < 0x10000 ? this.weights[code]! : charWeight(code)
    this.sum += weight
    if (weight <= 0.2) {
      this.low++
      this.recent[this.low % 3] = this.cjk
      if (this.low >= 3 && this.cjk - this.recent[(this.low + 1) % 3]! < 8) this.cluster = true
    }
    return weight
  }

  mean(): number {
    return this.cjk === 0 ? 0 : this.sum / this.cjk
  }
}

export function profile(text: string): Profile {
  const tally = new CjkTally()
  let pairless = 1
  let longest = 0
  let word = 0
  let han = 0
  let latin = 0
  let other = 0
  let previous = 0
  let previousHigh = false
  let lowInRun = 0
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code < 0x80) {
      previous = code
      previousHigh = false
      pairless = 1
      lowInRun = 0
      continue
    }
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      code = text.codePointAt(i)!
      i++
    }
    if (code >= 0x2e80) {
      const weight = tally.add(code)
      if (code >= 0x3400 && previous >= 0x3400 && code < 0xac00 && previous < 0xac00) {
        han++
        if (isWordPair(previous, code)) {
          word++
          pairless = 1
          lowInRun = 0
        } else {
          if (weight <= 0.2) lowInRun++
          // A run without known words counts when it holds uncommon characters too.
          if (++pairless > longest && lowInRun >= 2) longest = pairless
        }
      } else {
        pairless = 1
        lowInRun = weight <= 0.2 ? 1 : 0
      }
    } else {
      pairless = 1
      lowInRun = 0
      // Pairs of non-ASCII letters and symbols: what a misreading makes. Single ones are text (`qiáng`, `café`).
      const high = code < 0x100 || isContinuationSymbol(code)
      if (previousHigh) high ? latin++ : other++
      else if (previous >= 0x80 && previous < 0x2e80) other++
    }
    previousHigh = code < 0x2e80 && (code < 0x100 || isContinuationSymbol(code))
    previous = code
  }
  return { cjk: tally.cjk, rareCluster: tally.cluster, pairless: longest, meanCjk: tally.mean(), wordPairs: word, hanPairs: han, latin, otherNonAscii: other }
}

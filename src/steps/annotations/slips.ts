import { cjkWeights } from '../../decode/plausibility.js'
import type { LineRule } from '../../tree/edit.js'
import type { Edit } from '../../types.js'
import { decodeStrict, gbkBytes, gbkKey, gbkPair } from './gbk.js'
import { byteSteps, decodeBytes, encodeText, type PlanStep } from '../../plan.js'
import { lmChar, lmNext, lmScore } from './lm.js'
import { readings, readsAs } from './readings.js'

/**
 * Byte slips of mirror sites, undone on GBK bytes (see shared/notes/mirror-damage.md for the mechanism).
 *
 * A mirror site inserts pinyin and rewrites punctuation by search-and-replace on GBK bytes. A match across two
 * characters (trail byte of one + lead byte of the next) splits a character: its lone byte shows as `?` (or
 * U+FFFD), and the bytes after it decode one byte out of step until an ASCII byte. The repair rebuilds the byte
 * sequence with the lost byte put back, drops the stray pinyin or undoes the punctuation pass, and decodes it again.
 */

const SYLLABLE_TONED = '[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*'
const SYLLABLE = `${SYLLABLE_TONED}|[a-zü]{1,6}`
const GLUED_PINYIN = new RegExp(`\\((?:${SYLLABLE_TONED}) ?\\)`, 'g')
/** Glued pinyin that ends right before a lost byte (matched on the ten characters before it). */
const GLUED_BEFORE = new RegExp(`(${SYLLABLE_TONED})\\)$`)
/** At a lost byte (sticky): the stray pinyin of a broken insertion. */
const INSERTION = new RegExp(`[?\\ufffd]\\(?(${SYLLABLE}) ?\\)`, 'y')
/** At a lost byte (sticky): the mark of a punctuation slip, maybe after the pass's space. */
const SLIP = /[?\ufffd]( ?)([!,:;?]|[！，：；？])/y
const MARKS: Record<string, number[]> = {
  '!': [0xa3, 0xa1],
  ',': [0xa3, 0xac],
  ':': [0xa3, 0xba],
  ';': [0xa3, 0xbb],
  '?': [0xa3, 0xbf],
}
const QUESTION = 0x3f
const FFFD = 0xfffd

/**
 * What may follow the mark of a lost byte in a slip: the glued pinyin of a broken insertion (`?(`, `?yin)`) or
 * the space and mark of a punctuation slip (`? ！`, `?,`).
 */
const AFTER_LOST = new Uint8Array(0x10000)
for (const ch of '(abcdefghijklmnopqrstuvwxyzüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ !,:;?！，：；？') AFTER_LOST[ch.charCodeAt(0)] = 1

/** A lost byte at `bytes[at]`: with a reading, the character it completes with the byte before it must read so. */
interface Lost {
  at: number
  reading?: string
  /**
   * After the space pass, whether the character the lost byte began was itself a mark the pass spaced: a space
   * before the lost byte says it was (`有關 ? ！` ← `有關。”`), none says it was not (`環? ？` ← `環保`).
   */
  spacedMark?: boolean
}

/** The marks the space pass puts a space before. */
const SPACED_MARKS = new Set([0xff0c, 0x3001, 0x3002, 0xff1b, 0xff1a, 0xff1f, 0xff01])
/** A line where the space pass ran: a full-width mark after a space that follows a character. */
const SPACE_PASS = /[^ ] [，。、；：？！]/

/** A damaged span: its bytes as they were before the damage, with a placeholder (0) at each lost byte. */
interface Plan {
  start: number
  end: number
  /** The character after the run as a repair reads it (an ASCII mark full-width, a space skipped), -1 at the end. */
  after: number
  bytes: number[]
  lost: Lost[]
  rule: 'annotations/broken-insertion' | 'annotations/punctuation-slip'
  description: string[]
}

/**
 * Finds the damaged spans of a line: a lone-byte mark after a Han character, then what decodes out of step. One at a
 * time, as they are repaired: a long line dense in `?!` holds a run every few characters, and a list of them all
 * would hold a kilobyte of plan per run.
 */
function* plans(line: string, through = Infinity): Generator<Plan> {
  // The next `?` and the next U+FFFD from `i` on (-1: none left), found by indexOf: lines are long, marks few.
  let question = line.indexOf('?', 1)
  let replacement = line.indexOf('\ufffd', 1)
  let lastEnd = 0
  for (let i = 1; i < line.length; i++) {
    if (question >= 0 && question < i) question = line.indexOf('?', i)
    if (replacement >= 0 && replacement < i) replacement = line.indexOf('\ufffd', i)
    if (question < 0 && replacement < 0) break
    i = question < 0 ? replacement : replacement < 0 ? question : Math.min(question, replacement)
    // A plan starts at most 13 code units before its lost byte (a space, ten letters of glued pinyin and their
    // parentheses, the character): past `through` + 13 none can start at or before `through`.
    if (i - 13 > through) break
    // A slip starts with a lost byte and what a slip leaves after it (as maySlip checks); anything else is no
    // plan, and most marks of a lossy page are that.
    if (AFTER_LOST[line.charCodeAt(i + 1)] !== 1) continue
    // The character before the lost byte, maybe with its own glued pinyin (`學(xué)?!`): ASCII resyncs the
    // decoder, so the pinyin only separates the two and is dropped with the repair.
    // A space before the lost byte is the punctuation pass's own (`有關 ? ！鄙`: a space was put before 。 too),
    // maybe after glued pinyin (`申報(bào) ? ！?`).
    const spaced = line[i - 1] === ' ' && line[i - 2] !== ' ' ? 1 : 0
    const k = i - spaced
    const glued = line.charCodeAt(k - 1) === 0x29 ? GLUED_BEFORE.exec(line.slice(Math.max(0, k - 10), k)) : null
    const gluedStart = glued ? k - glued[0].length - 1 : k
    const start = glued && line[gluedStart] === '(' ? gluedStart - 1 : k - 1
    // A run starts after the one before it ends (its character before the lost byte may be that run's last).
    if (start < 0 || start < lastEnd) continue
    const prefix = gbkKey(line.charCodeAt(start))
    if (prefix < 0x100) continue
    const bytes: number[] = [prefix >> 8, prefix & 0xff]
    const lost: Lost[] = []
    const description: string[] = [...(glued ? [`glued \`${line.slice(start + 1, k)}\` dropped`] : []), ...(spaced ? ['inserted space removed'] : [])]
    let rule: Plan['rule'] | undefined
    let j = i
    let expectOutOfStep = false
    while (j < line.length) {
      const code = line.charCodeAt(j)
      if (code === QUESTION || code === FFFD) {
        INSERTION.lastIndex = j
        const insertion = INSERTION.exec(line)
        if (insertion) {
          lost.push({ at: bytes.length, reading: insertion[1]! })
          bytes.push(0)
          description.push(`lost byte completed by reading ${insertion[1]}, stray \`${insertion[0].slice(1)}\` dropped`)
          rule ??= 'annotations/broken-insertion'
          j += insertion[0].length
          expectOutOfStep = true
          continue
        }
        if (j !== i) {
          // A lone byte that ends the out-of-step run (`申報 ? ！?` at the end of a line, `?/title>`): the
          // byte the decoder could not pair is the trail byte of the run's last character, its value lost.
          // Followed by a mark (`? ，`), it is still the run's last byte: the pass's space or ASCII mark after it
          // is what brought the decoder back in step.
          if (expectOutOfStep) {
            lost.push({ at: bytes.length })
            bytes.push(0)
            description.push('lone byte at the end of the run completed')
            j++
          }
          break
        }
        SLIP.lastIndex = j
        const slip = SLIP.exec(line)
        if (!slip) break
        const mark = slip[2]!
        const markBytes = MARKS[mark] ?? gbkBytes(mark.charCodeAt(0))
        if (!markBytes) break
        // The space pass's own slip: a space after the lost byte, or spaced marks elsewhere on the line.
        const spacePass = MARKS[mark] === undefined && (slip[1] === ' ' || SPACE_PASS.test(line))
        lost.push(spacePass ? { at: bytes.length, spacedMark: spaced === 1 } : { at: bytes.length })
        bytes.push(0, ...markBytes)
        description.push(`${slip[1] ? 'inserted space removed, ' : ''}\`${mark}\` put back as GBK ${hex(markBytes)} spanning two characters`)
        rule = 'annotations/punctuation-slip'
        j += slip[0].length
        expectOutOfStep = true
        continue
      }
      if (code < 0x80) {
        // An ASCII character ends the run; it may itself be the trail byte of the last character (`包c` ← `“點`).
        bytes.push(code)
        j++
        break
      }
      const key = gbkKey(code)
      if (key < 0) break
      if (key < 0x100) bytes.push(key)
      else bytes.push(key >> 8, key & 0xff)
      j++
    }
    if (!rule || !expectOutOfStep) continue
    yield { start, end: j, after: following(line, j), bytes, lost, rule, description }
    lastEnd = j
    // The next search starts where this run ended (the loop adds one).
    i = j - 1
  }
}

const FULL_MARK_CODE = new Uint8Array(0x10000)
for (const c of [0xff01, 0xff0c, 0xff1a, 0xff1b, 0xff1f, 0x3001, 0x3002]) FULL_MARK_CODE[c] = 1
const FOLDED_MARK: (number | undefined)[] = []
for (const [ascii, full] of [['!', '！'], [',', '，'], [':', '：'], [';', '；'], ['?', '？']] as const) FOLDED_MARK[ascii.charCodeAt(0)] = full.charCodeAt(0)

/** The character at `at` as a repair reads it: an ASCII mark full-width, the pass's space skipped; -1 at the end. */
function following(line: string, at: number): number {
  if (at >= line.length) return -1
  let code = line.charCodeAt(at)
  if (code === 0x20 && at + 1 < line.length && FULL_MARK_CODE[line.charCodeAt(at + 1)] === 1) code = line.charCodeAt(at + 1)
  return (code < 0x80 && FOLDED_MARK[code]) || code
}

function hex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')
}

/**
 * Counts by pair of BMP code points (a character alone pairs with 0), in open addressing over two Int32Arrays: a
 * long document makes millions of increments, several times faster so than in a Map, and a short one allocates a
 * few kilobytes (a table by code point would clear 256 KB per document). Pairs with a code point from U+FFFF up
 * are rare and sit in a Map.
 */
/**
 * Tables handed back by documents done with their counts, for the next one: allocating typed arrays for every page
 * (and the collections that external memory brings) cost about as much as counting it. Sizes are powers of two.
 */
const spareTables: Int32Array[] = []
const MAX_SPARE = 1 << 18

function zeroedTable(size: number): Int32Array {
  const k = spareTables.findIndex((t) => t.length === size)
  if (k < 0) return new Int32Array(size)
  const table = spareTables.splice(k, 1)[0]!
  table.fill(0)
  return table
}

class Counts {
  /** `(first << 16 | second) + 1`, 0 for an empty slot. */
  private keys: Int32Array
  private counts: Int32Array
  private shift: number
  private size = 0
  private readonly other = new Map<number, number>()

  constructor(expected: number) {
    let bits = 8
    while (1 << bits < expected * 2) bits++
    this.keys = zeroedTable(1 << bits)
    this.counts = zeroedTable(1 << bits)
    this.shift = 32 - bits
  }

  /** Hands the tables to the next document; this one counts nothing after. */
  release(): void {
    if (this.keys.length <= MAX_SPARE && spareTables.length < 8) spareTables.push(this.keys, this.counts)
    this.keys = new Int32Array(1)
    this.counts = new Int32Array(1)
    this.shift = 31
    this.size = 0
  }

  /** The slot of `key`: where it is, or the empty slot where it goes. */
  private slot(key: number): number {
    const mask = this.keys.length - 1
    let at = Math.imul(key, 0x9e3779b1) >>> this.shift
    for (;;) {
      const k = this.keys[at]!
      if (k === key || k === 0) return at
      at = (at + 1) & mask
    }
  }

  add(first: number, second: number): void {
    if (first >= 0xffff || second >= 0xffff) {
      const key = first * 0x110000 + second
      this.other.set(key, (this.other.get(key) ?? 0) + 1)
      return
    }
    const key = (((first << 16) | second) + 1) | 0
    const at = this.slot(key)
    if (this.keys[at] === 0) {
      this.keys[at] = key
      if (++this.size * 2 > this.keys.length) {
        this.counts[at] = 1
        this.grow()
        return
      }
    }
    this.counts[at]!++
  }

  get(first: number, second: number): number {
    if (first >= 0xffff || second >= 0xffff) return this.other.get(first * 0x110000 + second) ?? 0
    const key = (((first << 16) | second) + 1) | 0
    const at = this.slot(key)
    return this.keys[at] === key ? this.counts[at]! : 0
  }

  private grow(): void {
    const { keys, counts } = this
    this.keys = zeroedTable(keys.length * 2)
    this.counts = zeroedTable(keys.length * 2)
    this.shift--
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!
      if (key === 0) continue
      const at = this.slot(key)
      this.keys[at] = key
      this.counts[at] = counts[k]!
    }
  }
}

/**
 * Document statistics that score candidate repairs: how often a character and a pair of characters occur,
 * counted once for the document, the first time a candidate repair needs them.
 */
export interface DocumentStats {
  /** How often each code point occurs. */
  char(code: number): number
  /** How often `second` follows `first`. */
  pair(first: number, second: number): number
  /** Called when the document is done: its tables serve the next one. */
  release(): void
}

export function documentStats(lines: readonly string[]): DocumentStats {
  let length = 0
  for (const line of lines) length += line.length
  const chars = new Counts(Math.min(length, 2048))
  const pairs = new Counts(Math.min(length, 1 << 17))
  for (const line of lines) {
    let previous = -1
    // Counted without glued pinyin (as if GLUED_PINYIN were replaced away), so that 學(xué)校 counts as the pair 學校.
    let glued = line.indexOf('(')
    for (let i = 0; i < line.length; ) {
      if (i === glued) {
        const end = tonedGlueEnd(line, i)
        glued = line.indexOf('(', i + 1)
        if (end > 0) {
          i = end
          if (glued >= 0 && glued < i) glued = line.indexOf('(', i)
          continue
        }
      }
      let code = line.charCodeAt(i++)
      if (code >= 0xd800 && code < 0xdc00 && i < line.length) (code = line.codePointAt(i - 1)!), i++
      // As the repairs read: the space the punctuation pass put before a mark skipped, its ASCII marks full-width.
      if (code === 0x20 && FULL_MARK_CODE[line.charCodeAt(i)] === 1) continue
      if (code < 0x80 && FOLDED_MARK[code]) code = FOLDED_MARK[code]!
      chars.add(0, code)
      if (previous >= 0) pairs.add(previous, code)
      previous = code
    }
  }
  return {
    char: (code) => chars.get(0, code),
    pair: (first, second) => pairs.get(first, second),
    release: () => {
      chars.release()
      pairs.release()
    },
  }
}

/** Letters of a syllable: 1 for a–z and ü, 2 for a vowel with a tone mark. */
const SYLLABLE_LETTER = new Uint8Array(0x10000)
for (const ch of 'abcdefghijklmnopqrstuvwxyzü') SYLLABLE_LETTER[ch.charCodeAt(0)] = 1
for (const ch of 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ') SYLLABLE_LETTER[ch.charCodeAt(0)] = 2

/** Where GLUED_PINYIN's match at `line[at]` (a `(`) ends, or -1: letters with exactly one toned vowel, ` ?)`. */
function tonedGlueEnd(line: string, at: number): number {
  let j = at + 1
  let tones = 0
  for (let kind; (kind = SYLLABLE_LETTER[line.charCodeAt(j)]) !== undefined && kind !== 0; j++) if (kind === 2) tones++
  if (tones !== 1) return -1
  if (line.charCodeAt(j) === 0x20) j++
  return line.charCodeAt(j) === 0x29 ? j + 1 : -1
}

/** How much the language model counts against the page's own statistics (log-count units per bit). */
const LM_WEIGHT = 1

/** What a character adds to a score on its own: the page's count, and its probability in the language model. */
function charTerm(code: number, stats: DocumentStats): number {
  if (code >= 0xffff) return Math.log1p(stats.char(code)) + LM_WEIGHT * lmChar(code)
  const memo = termMemo(stats)
  const key = code + 1
  const at = memo.slot(key)
  if (memo.keys[at] === key) return memo.values[at]!
  const value = Math.log1p(stats.char(code)) + LM_WEIGHT * lmChar(code)
  memo.put(at, key, value)
  return value
}

/**
 * What charTerm and pairTerm worked out for the document being scored, by `code + 1` and `(first << 16 | second)
 * + 1 | 0` (never colliding: a code alone is below U+FFFF, a pair's first above 0): the
 * candidates of a run share most of their characters, and a term is a few look-ups in three tables. The values
 * are the very numbers the terms give, so sums of them are the same.
 */
class TermMemo {
  readonly keys = new Int32Array(1 << 12)
  readonly values = new Float64Array(1 << 12)
  private size = 0
  stats: DocumentStats | undefined

  slot(key: number): number {
    const mask = (1 << 12) - 1
    let at = Math.imul(key, 0x9e3779b1) >>> 20
    for (;;) {
      const k = this.keys[at]!
      if (k === key || k === 0) return at
      at = (at + 1) & mask
    }
  }

  put(at: number, key: number, value: number): void {
    this.keys[at] = key
    this.values[at] = value
    // Kept at most half full; past a few thousand terms it starts again (a memo, not a record).
    if (++this.size * 2 > this.keys.length) this.reset()
  }

  reset(): void {
    this.keys.fill(0)
    this.size = 0
  }
}

const memo = new TermMemo()

/** The memo of the document `stats` counts, emptied when another document's come. */
function termMemo(stats: DocumentStats): TermMemo {
  if (memo.stats !== stats) {
    memo.reset()
    memo.stats = stats
  }
  return memo
}

const ENDS = new Set([0x3002, 0xff01, 0xff1f])
const CLOSING = new Set([0x201d, 0x2019, 0x300d, 0x300f])
const PAUSES = new Set([0x3001, 0x3002, 0xff0c, 0xff1b, 0xff1a])
const OPENING_QUOTES = new Set([0x201c, 0x2018, 0x300c, 0x300e])

/**
 * Pairs of marks the model cannot know (its running text, manual pages, quotes little): a closing quote after a
 * sentence end (`。”`, in news and dialogue after every quoted sentence), an opening one after `：` or `，`; never a
 * pause after a sentence end (`。。`, `。、`). A rule of Chinese punctuation (GB/T 15834), set by hand; 0 for
 * other pairs.
 */
function markPair(first: number, second: number): number {
  if (ENDS.has(first)) {
    if (CLOSING.has(second)) return 6
    if (PAUSES.has(second)) return -20
  }
  if ((first === 0xff1a || first === 0xff0c) && OPENING_QUOTES.has(second)) return 3
  return 0
}

/** What a pair of characters adds to a score: the page's count, and what the model's pair adds over the second alone. */
function pairTerm(first: number, second: number, stats: DocumentStats): number {
  // A pair (0, c) would share its key with a code alone, (U+FFFF, U+FFFF) have the empty slot's: never memoised.
  if (first <= 0 || first >= 0xffff || second < 0 || second >= 0xffff) return pairTermOf(first, second, stats)
  const memo = termMemo(stats)
  const key = (((first << 16) | second) + 1) | 0
  const at = memo.slot(key)
  if (memo.keys[at] === key) return memo.values[at]!
  const value = pairTermOf(first, second, stats)
  memo.put(at, key, value)
  return value
}

function pairTermOf(first: number, second: number, stats: DocumentStats): number {
  const marks = markPair(first, second)
  if (marks !== 0) return marks
  return 2 * Math.log1p(stats.pair(first, second)) + LM_WEIGHT * (lmNext(first, second) - lmChar(second))
}

/** Characters a repair may produce: Han characters and Chinese marks, never pinyin letters or symbols. */
const PLAUSIBLE = new Uint8Array(0x10000)
for (const [from, to] of [[0x3400, 0x9fff], [0x3001, 0x3003], [0x300a, 0x3011], [0x20, 0x7e]] as const) for (let c = from; c <= to; c++) PLAUSIBLE[c] = 1
for (const c of [0x2014, 0x2026, 0x2018, 0x2019, 0x201c, 0x201d, 0xff01, 0xff08, 0xff09, 0xff0c, 0xff1a, 0xff1b, 0xff1f]) PLAUSIBLE[c] = 1

/**
 * A text's score: what its characters and neighbouring pairs add, summed in reading order (the order is part of
 * the result: floating-point sums compared against each other).
 */
function score(text: string, stats: DocumentStats): number {
  let total = 0
  let previous = -1
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) (code = text.codePointAt(i)!), i++
    total += charTerm(code, stats)
    if (previous >= 0) total += pairTerm(previous, code, stats)
    previous = code
  }
  return total
}

/** A repair of a plan: the text its bytes decode to, its score, and the bytes (lost ones filled in) it decodes. */
interface Repair {
  text: string
  score: number
  lost: number[]
  bytes: number[]
  /** Every byte of the run, lost ones filled in: what the repair decodes (with a resyncing ASCII byte). */
  full: number[]
}

/** A reading that matches with its tone counts for more than one that matches without. */
const EXACT_TONE = 2
/** At most this many ways to fill the lost bytes are tried. */
const MAX_FILLINGS = 5000

/** The bytes that complete `previous` into a character reading `reading`, each with its bonus: asked per pair. */
const completionCache = new Map<string, readonly (readonly [number, number])[]>()

function completions(previous: number, reading: string): readonly (readonly [number, number])[] {
  const key = `${previous} ${reading}`
  let known = completionCache.get(key)
  if (known === undefined) {
    const out: [number, number][] = []
    // A lost byte is never ASCII: an ASCII byte decodes on its own and cannot be lost.
    for (let byte = 0x80; byte <= 0xfe; byte++) {
      const code = gbkPair(previous, byte)
      if (code === 0) continue
      const pair = String.fromCharCode(code)
      if (!readsAs(pair, reading)) continue
      out.push([byte, readings(pair).includes(reading) ? EXACT_TONE : 0])
    }
    known = out
    if (completionCache.size < 100_000) completionCache.set(key, known)
  }
  return known
}

/** The bytes a lost one may take, in byte order: a plain byte, or a byte with its bonus for an exact tone. */
type Choices = readonly (number | readonly [number, number])[]

/**
 * Ways to fill the lost bytes, in byte order; at most MAX_FILLINGS. Filling f is a prefix (the bytes of every lost
 * one but the last, flat: prefix p holds `prefix[p * (width - 1) …]`, with `prefixBonus[p]` for exact tones) and a
 * choice of the last lost byte from `last(p)`: fillings p × last(p), prefix by prefix, the first `count` of them.
 * The last lost byte is not written out with every prefix: a run of two lost bytes has some ten thousand fillings,
 * and most of them fail on the first byte and are passed over without being looked at.
 */
interface Fillings {
  count: number
  width: number
  prefixes: number
  prefix: Uint8Array
  prefixBonus: Float64Array
  /** The choices of the last lost byte after prefix p. */
  last: (p: number) => Choices
}

/**
 * Buffers a repair reuses from one run to the next (runs are repaired one at a time): typed arrays of a few
 * kilobytes allocated per run, and the collections their external memory brings, cost as much as the scoring.
 * What fillings() returns lives in them until its next call.
 */
const fillingBytes = [new Uint8Array(1 << 12), new Uint8Array(1 << 12)]
const fillingBonus = [new Float64Array(1 << 11), new Float64Array(1 << 11)]
let candidateScores = new Float64Array(1 << 11)
let candidatePrefix = new Int32Array(1 << 11)
let candidateChoice = new Int32Array(1 << 11)
let candidateEnd = new Int32Array(1 << 11)
/** Terms of the suffixes bestRepairs keeps, and by slot and byte where they start (see there). */
let suffixTerms = new Float64Array(1 << 12)
let suffixSlots = new Int32Array(1 << 12)

const atLeast = (n: number): number => {
  let size = 1 << 11
  while (size < n) size *= 2
  return size
}

/** unreadBytes' answers, by `next`, `before` and `spacedMark` (a few hundred of them come up). */
const unreadCache = new Map<number, Choices>()

/**
 * The bytes a lost one without a reading may take, in byte order: those that make a plausible character with the
 * known byte after it (`next` as a trail, -1 for none) or the byte before it (`before` as a lead); after the space
 * pass, only those whose character with `next` is (or is not, by `spacedMark`) a mark the pass spaced.
 */
function unreadBytes(next: number, before: number, spacedMark: boolean | undefined): Choices {
  const key = ((next + 1) * 0x100 + (before & 0xff)) * 3 + (spacedMark === undefined ? 0 : spacedMark ? 1 : 2)
  let known = unreadCache.get(key)
  if (known !== undefined) return known
  const out: number[] = []
  for (let byte = 0x81; byte <= 0xfe; byte++) {
    if (!(next >= 0 && PLAUSIBLE[gbkPair(byte, next)] === 1) && !(before >= 0x81 && PLAUSIBLE[gbkPair(before, byte)] === 1)) continue
    if (spacedMark !== undefined && next >= 0 && SPACED_MARKS.has(gbkPair(byte, next)) !== spacedMark) continue
    out.push(byte)
  }
  known = out
  unreadCache.set(key, known)
  return known
}

/** Every way to fill the lost bytes that honours the readings, in byte order; at most MAX_FILLINGS. */
function fillings(plan: Plan): Fillings {
  let partial = { count: 1, width: 0, bytes: new Uint8Array(0), bonus: new Float64Array(1) }
  const lastK = plan.lost.length - 1
  for (let k = 0; ; k++) {
    const { at, reading } = plan.lost[k]!
    const afterLost = k > 0 && plan.lost[k - 1]!.at === at - 1
    const width = k + 1
    // A byte with no reading: one that makes a plausible character with the known byte after it (as a lead)
    // or before it (as a trail); the others cannot decode and would only crowd out the fillings that do. The
    // bytes so found depend on the filling before only after a lost byte: otherwise they are found once.
    const next = reading === undefined && at + 1 < plan.bytes.length && !plan.lost.some((l) => l.at === at + 1) ? plan.bytes[at + 1]! : -1
    const spacedMark = plan.lost[k]!.spacedMark
    const unread = (before: number): Choices => unreadBytes(next, before, spacedMark)
    const fixed = reading === undefined && !afterLost ? unread(plan.bytes[at - 1]!) : undefined
    // Where the bytes of this lost one do not depend on the filling before (most runs), every prefix has the same
    // choices; after a lost byte they depend on its byte alone (found once per byte).
    const same: Choices | undefined = fixed ?? (afterLost ? undefined : completions(plan.bytes[at - 1]!, reading!))
    const byByte: (Choices | undefined)[] = []
    const prefixes = partial
    const choicesAfter = (p: number): Choices => {
      if (same !== undefined) return same
      const previous = prefixes.bytes[p * k + k - 1]!
      return (byByte[previous] ??= reading !== undefined ? completions(previous, reading) : unread(previous))
    }
    if (k === lastK) {
      let count = 0
      if (same !== undefined) count = Math.min(MAX_FILLINGS, partial.count * same.length)
      else for (let p = 0; p < partial.count && count < MAX_FILLINGS; p++) count = Math.min(MAX_FILLINGS, count + choicesAfter(p).length)
      return { count, width, prefixes: partial.count, prefix: partial.bytes, prefixBonus: partial.bonus, last: choicesAfter }
    }
    // The prefixes, written straight into typed arrays: at most MAX_FILLINGS.
    const room = Math.min(MAX_FILLINGS, partial.count * 0x80)
    const buffer = k & 1
    if (fillingBytes[buffer]!.length < room * width) fillingBytes[buffer] = new Uint8Array(atLeast(room * width))
    if (fillingBonus[buffer]!.length < room) fillingBonus[buffer] = new Float64Array(atLeast(room))
    const bytes = fillingBytes[buffer]!
    const bonus = fillingBonus[buffer]!
    let count = 0
    fill: for (let p = 0; p < partial.count; p++) {
      const from = p * k
      const was = partial.bonus[p]!
      const choices = choicesAfter(p)
      for (let q = 0; q < choices.length; q++) {
        const to = count * width
        for (let b = 0; b < k; b++) bytes[to + b] = partial.bytes[from + b]!
        const entry = choices[q]!
        if (typeof entry === 'number') (bytes[to + k] = entry), (bonus[count] = was + 0)
        else (bytes[to + k] = entry[0]), (bonus[count] = was + entry[1])
        if (++count === MAX_FILLINGS) break fill
      }
    }
    partial = { count, width, bytes: bytes.subarray(0, count * width), bonus: bonus.subarray(0, count) }
  }
}

/**
 * A decoded stretch of a run that every filling shares: before the first lost byte, or after the last one.
 * `chars[k]` is what its k-th character adds to a score, `pairs[k]` what the pair it closes adds (k ≥ 1).
 */
interface Stretch {
  codes: number[]
  text: string
  terms?: { chars: Float64Array; pairs: Float64Array }
}

/**
 * A decoding of the bytes from the first lost one's character on, for one end of the run, as far as the last filling
 * got: `starts[w]` where window w (a character's bytes) starts, `counts[w]` how many characters the windows before
 * it hold (in `codes`), `totals[w]` and `previous[w]` the score up to it and its last character (for w < valid:
 * worked out only once a filling decodes, the document statistics being needed). `filled`: that filling's bytes.
 */
interface Walk {
  starts: number[]
  counts: number[]
  totals: number[]
  previous: number[]
  depth: number
  valid: number
  codes: number[]
  filled: number[]
  /** When the last filling failed to decode: how many of its first lost bytes the failure depended on; else -1. */
  failedOn: number
}

/**
 * Tries every way to fill the lost bytes that honours the readings (at most a few thousand) and keeps those that
 * decode cleanly: the best-scoring repair, and the runner-up, the best with a different text (two fillings can
 * give the same text). Ties go to the earlier filling. Undefined when no filling decodes.
 */
function bestRepairs(plan: Plan, getStats: () => DocumentStats): { best: Repair; second: Repair | undefined } | undefined {
  const { bytes, lost } = plan
  const n = bytes.length
  const firstLost = lost[0]!.at
  const lastLost = lost[lost.length - 1]!.at
  // The bytes before the first lost one decode alike for every filling, up to the last character they hold whole.
  const leading: number[] = []
  let start = 0
  while (start < firstLost) {
    const width = bytes[start]! <= 0x80 ? 1 : 2
    if (start + width > firstLost) break
    if (decodeStrict(bytes, start, start + width, PLAUSIBLE, leading, leading.length) < 0) return undefined
    start += width
  }
  const headText = String.fromCharCode(...leading)
  // The run may end with an ASCII byte that was a trail byte, or with a real ASCII character: try both. (Lost
  // bytes are never ASCII, so that is a question of the run, not of a filling.)
  const ends = bytes[n - 1]! < 0x80 && lastLost !== n - 1 ? [n, n - 1] : [n]
  // By where the tail starts (a byte or two after the last lost one) and which end: null when it does not decode.
  const tails: (Stretch | null | undefined)[] = []
  const work = bytes.slice()
  const all = fillings(plan)
  // The candidates that decode, as parallel lists: which filling, which end, the score. Texts are decoded again
  // only for the few compared.
  const room = all.count * ends.length
  if (candidateScores.length < room) {
    candidateScores = new Float64Array(atLeast(room))
    candidatePrefix = new Int32Array(atLeast(room))
    candidateChoice = new Int32Array(atLeast(room))
    candidateEnd = new Int32Array(atLeast(room))
  }
  const scores = candidateScores
  const prefixOf = candidatePrefix
  const choiceOf = candidateChoice
  const endOf = candidateEnd
  let candidates = 0
  let stats: DocumentStats | undefined
  let headTotal = 0
  const lastLeading = leading.length > 0 ? leading[leading.length - 1]! : -1
  const useStats = (): DocumentStats => {
    if (stats) return stats
    stats = getStats()
    for (let k = 0; k < leading.length; k++) {
      headTotal += charTerm(leading[k]!, stats)
      if (k > 0) headTotal += pairTerm(leading[k - 1]!, leading[k]!, stats)
    }
    for (const w of walks) (w.totals[0] = headTotal), (w.valid = 1)
    return stats
  }
  /** The tail from `i` to `end` (bytes every filling shares), decoded once: null when it does not decode. */
  const tailAt = (i: number, end: number): Stretch | null => {
    const tailKey = (i - start) * 2 + (end === n ? 0 : 1)
    let tail = tails[tailKey]
    if (tail === undefined) {
      const codes: number[] = []
      tail = decodeStrict(bytes, i, end, PLAUSIBLE, codes) >= 0 ? { codes, text: String.fromCharCode(...codes) } : null
      while (tails.length < tailKey) tails.push(undefined)
      tails[tailKey] = tail
    }
    return tail
  }
  /** Works out the running totals of a walk's windows up to `depth` (added in reading order, as a whole text's). */
  const totalsTo = (walk: Walk, depth: number, stats: DocumentStats): number => {
    for (let v = walk.valid; v <= depth; v++) {
      let total = walk.totals[v - 1]!
      let previous = walk.previous[v - 1]!
      for (let k = walk.counts[v - 1]!; k < walk.counts[v]!; k++) {
        const code = walk.codes[k]!
        total += charTerm(code, stats)
        if (previous >= 0) total += pairTerm(previous, code, stats)
        previous = code
      }
      walk.totals[v] = total
      walk.previous[v] = previous
    }
    walk.valid = depth + 1
    return walk.totals[depth]!
  }
  /**
   * The terms a candidate's score adds from `walk.codes[from…]` (the windows decoded after the shared ones) on, in
   * the order a score of the whole text adds them: its windows' characters and pairs, the tail's, the character
   * after the run. `previous`: the character before them (-1 for none).
   */
  let termCount = 0
  const termsFrom = (walk: Walk, from: number, count: number, previous: number, tail: Stretch, end: number, stats: DocumentStats): number => {
    const codes = tail.codes
    const most = 2 * (count - from + codes.length) + 1
    if (suffixTerms.length < termCount + most) {
      const grown = new Float64Array(atLeast(termCount + most))
      grown.set(suffixTerms.subarray(0, termCount))
      suffixTerms = grown
    }
    const out = suffixTerms
    let t = termCount
    for (let k = from; k < count; k++) {
      const code = walk.codes[k]!
      out[t++] = charTerm(code, stats)
      if (previous >= 0) out[t++] = pairTerm(previous, code, stats)
      previous = code
    }
    if (codes.length > 0) {
      const terms = (tail.terms ??= stretchTerms(codes, stats))
      out[t++] = terms.chars[0]!
      if (previous >= 0) out[t++] = pairTerm(previous, codes[0]!, stats)
      for (let k = 1; k < codes.length; k++) {
        out[t++] = terms.chars[k]!
        out[t++] = terms.pairs[k]!
      }
    }
    // What follows the run: the repair's last character must fit before it (`曰` before `：`, not `在`).
    const last = codes.length > 0 ? codes[codes.length - 1]! : previous
    if (end === n && last >= 0) out[t++] = followTerm(last, plan.after, stats)
    return t
  }
  // What the windows from the one that holds the last lost byte on give, by where they start, the character
  // before them, the end, and the last lost byte. With two lost bytes, the fillings that share the first try the
  // same few hundred last bytes again and again. Each such context has a slot of 256 pairs in suffixSlots, by
  // byte: 0 0 not yet known; start + 1 and length of the terms they add, in suffixTerms; or -(failedOn + 2) and 0
  // when the filling failed (failedOn: the lost bytes its failure depended on, -1 for a tail that does not decode).
  const suffixes = new Map<number, number>()
  const lastLostIndex = lost.length - 1
  const beforeLast = lost.length >= 2 ? lost[lost.length - 2]!.at : Infinity
  // One walk per end: fillings come in byte order, so a filling shares its first lost bytes with the one before,
  // and with them the characters (and score terms) of every window before the first byte that differs.
  const walks = ends.map((): Walk => ({ starts: [start], counts: [0], totals: [0], previous: [lastLeading], depth: 0, valid: 0, codes: [], filled: lost.map(() => -1), failedOn: -1 }))
  const lostAt = lost.map((l) => l.at)
  const lostCount = lost.length
  const prefixWidth = all.width - 1
  const lastAt = lostAt[lostCount - 1]!
  // The slot of the context each walk looked up last (a run of fillings shares it).
  const lastKey = walks.map(() => -1)
  const lastSlot = walks.map(() => 0)
  // Filling f is prefix p with choice q of the last lost byte.
  let p = 0
  let q = 0
  let choices: Choices = all.count > 0 ? all.last(0) : []
  while (all.count > 0 && q >= choices.length && ++p < all.prefixes) (choices = all.last(p)), (q = 0)
  for (let f = 0; f < all.count; f++) {
    const base = p * prefixWidth
    for (let k = 0; k < prefixWidth; k++) work[lostAt[k]!] = all.prefix[base + k]!
    const entry = choices[q]!
    const bonus = typeof entry === 'number' ? all.prefixBonus[p]! + 0 : all.prefixBonus[p]! + entry[1]
    work[lastAt] = typeof entry === 'number' ? entry : entry[0]
    for (let e = 0; e < ends.length; e++) {
      const end = ends[e]!
      const walk = walks[e]!
      // Decode on to the first character boundary after the last lost byte; from there on every filling reads alike.
      // Resumed at the window that holds the first lost byte changed since the walk's last filling (windows
      // before it hold the same bytes, so decode to the same characters).
      let j = 0
      while (j < lostCount && walk.filled[j] === work[lostAt[j]!]) j++
      const changedAt = j < lostCount ? lostAt[j]! : Infinity
      for (let k = j; k < lostCount; k++) walk.filled[k] = work[lostAt[k]!]!
      let depth = walk.depth
      while (depth > 0 && walk.starts[depth]! > changedAt) depth--
      if (walk.valid > depth + 1) walk.valid = depth + 1
      let i = walk.starts[depth]!
      let count = walk.counts[depth]!
      // Only the last lost byte lies in the windows from here on: what they give is known by where they start, the
      // character before them and that byte.
      let slot = -1
      if (j < lostCount && i > beforeLast) {
        const before = count > 0 ? walk.codes[count - 1]! : lastLeading
        const key = ((i - start) * 2 + e) * 0x10001 + before + 1
        let at = lastKey[e] === key ? lastSlot[e] : suffixes.get(key)
        if (at === undefined) {
          at = suffixes.size * 512
          suffixes.set(key, at)
          if (suffixSlots.length < at + 512) {
            const grown = new Int32Array(atLeast(at + 512))
            grown.set(suffixSlots.subarray(0, at))
            suffixSlots = grown
          }
          suffixSlots.fill(0, at, at + 512)
        }
        lastKey[e] = key
        lastSlot[e] = at
        slot = at + 2 * work[lostAt[lastLostIndex]!]!
        const known = suffixSlots[slot]!
        if (known !== 0) {
          walk.depth = depth
          if (known < 0) {
            walk.failedOn = -known - 2
          } else {
            walk.failedOn = -1
            let total = walk.valid > depth ? walk.totals[depth]! : totalsTo(walk, depth, stats!)
            for (let t = known - 1, to = t + suffixSlots[slot + 1]!; t < to; t++) total += suffixTerms[t]!
            scores[candidates] = total + bonus
            prefixOf[candidates] = p
            choiceOf[candidates] = q
            endOf[candidates++] = end
          }
          continue
        }
      }
      const resumed = depth
      let ok = true
      while (i <= lastLost && i < end) {
        const width = work[i]! <= 0x80 ? 1 : 2
        const next = decodeStrict(work, i, Math.min(i + width, end), PLAUSIBLE, walk.codes, count)
        if (next < 0) {
          ok = false
          // The failure depends on the window's bytes and where it starts: the lost bytes before its end.
          let below = 0
          while (below < lost.length && lost[below]!.at < i + width) below++
          walk.failedOn = below
          break
        }
        count = next
        i += width
        depth++
        walk.starts[depth] = i
        walk.counts[depth] = count
      }
      walk.depth = depth
      if (!ok) {
        if (slot >= 0) suffixSlots[slot] = -walk.failedOn - 2
        continue
      }
      walk.failedOn = -1
      const tail = tailAt(i, end)
      if (tail === null) {
        if (slot >= 0) suffixSlots[slot] = -1
        continue
      }
      const docStats = useStats()
      const from = walk.counts[resumed]!
      const first = termCount
      const to = termsFrom(walk, from, count, from > 0 ? walk.codes[from - 1]! : lastLeading, tail, end, docStats)
      // Kept only where a slot holds them; otherwise written over by the next.
      if (slot >= 0) (suffixSlots[slot] = first + 1), (suffixSlots[slot + 1] = to - first), (termCount = to)
      let total = totalsTo(walk, resumed, docStats)
      for (let t = first; t < to; t++) total += suffixTerms[t]!
      scores[candidates] = total + bonus
      prefixOf[candidates] = p
      choiceOf[candidates] = q
      endOf[candidates++] = end
    }
    // Every walk failed on this filling's first lost bytes: the fillings after it that share them fail alike
    // and are skipped (most fillings of two lost bytes without a reading fail on the first).
    let shared = 0
    for (const walk of walks) shared = walk.failedOn < 0 || shared < 0 ? -1 : Math.max(shared, walk.failedOn)
    // Fillings sharing them are consecutive: the rest of this prefix's, then those of the prefixes after it that
    // share them (compared byte by byte; a prefix with no choices holds no filling).
    if (shared > 0 && shared < all.width) {
      f += choices.length - q - 1
      const origin = base
      for (; f + 1 < all.count && p + 1 < all.prefixes; p++) {
        const after = all.last(p + 1)
        let same = true
        for (let k = 0; same && k < shared; k++) same = all.prefix[(p + 1) * prefixWidth + k] === all.prefix[origin + k]
        if (!same && after.length > 0) break
        f += after.length
      }
      choices = all.last(p)
      q = choices.length
    } else q++
    while (q >= choices.length && ++p < all.prefixes) (choices = all.last(p)), (q = 0)
  }
  if (candidates === 0) return undefined
  const lostOf = (c: number): number[] => {
    const base = prefixOf[c]! * prefixWidth
    const entry = all.last(prefixOf[c]!)[choiceOf[c]!]!
    return [...all.prefix.subarray(base, base + prefixWidth), typeof entry === 'number' ? entry : entry[0]]
  }
  const fullOf = (c: number): number[] => {
    const full = bytes.slice()
    for (let k = 0; k < lost.length; k++) full[lost[k]!.at] = lostOf(c)[k]!
    return full
  }
  const textOf = (c: number): string => {
    const codes: number[] = []
    decodeStrict(fullOf(c), start, endOf[c]!, PLAUSIBLE, codes)
    const tailChar = endOf[c]! < n ? String.fromCharCode(bytes[n - 1]!) : ''
    return headText + String.fromCharCode(...codes) + tailChar
  }
  const repair = (c: number, text: string): Repair => {
    const full = fullOf(c)
    return { text, score: scores[c]!, lost: lostOf(c), bytes: full.slice(0, endOf[c]), full }
  }
  let best = 0
  for (let c = 1; c < candidates; c++) if (scores[c]! > scores[best]!) best = c
  const bestText = textOf(best)
  // The runner-up: the first of the best scores among the candidates with another text. Found as the first of
  // the best scores of all but the best, with those of the best's text left out as they turn up (few do).
  let excluded: Uint8Array | undefined
  let second = -1
  for (;;) {
    second = -1
    for (let c = 0; c < candidates; c++) {
      if (c === best || (excluded !== undefined && excluded[c] === 1) || (second >= 0 && scores[c]! <= scores[second]!)) continue
      second = c
    }
    if (second < 0 || textOf(second) !== bestText) break
    ;(excluded ??= new Uint8Array(candidates))[second] = 1
  }
  return { best: repair(best, bestText), second: second < 0 ? undefined : repair(second, textOf(second)) }
}

/** Opening marks: never the last character of a line. */
const OPENING = new Set([0x201c, 0x2018, 0x300a, 0x300c, 0x300e, 0xff08, 0x3010])

/** What the character after a run adds given the run's last character; `after` -1 for the end of the line. */
function followTerm(last: number, after: number, stats: DocumentStats): number {
  if (after < 0) return OPENING.has(last) ? -12 : 0
  return pairTerm(last, after, stats)
}

function stretchTerms(codes: readonly number[], stats: DocumentStats): { chars: Float64Array; pairs: Float64Array } {
  const chars = new Float64Array(codes.length)
  const pairs = new Float64Array(codes.length)
  for (let k = 0; k < codes.length; k++) {
    chars[k] = charTerm(codes[k]!, stats)
    if (k > 0) pairs[k] = pairTerm(codes[k - 1]!, codes[k]!, stats)
  }
  return { chars, pairs }
}

/**
 * Whether a run of more than LONG_RUN characters (code points) reads like prose from its fourth character on, as
 * cjkWeights weighs the LONG_RUN characters there. Counted without spreading the run (a run can be a paragraph);
 * the last answer is kept, since the marks a swallowed `?` is tried with give runs alike from there on.
 */
function readsLikeProse(actual: string): boolean {
  let from = -1
  let to = actual.length
  let n = 0
  for (let i = 0; i < actual.length; n++) {
    if (n === 3) from = i
    if (n === 3 + LONG_RUN) {
      to = i
      break
    }
    const code = actual.charCodeAt(i)
    i += code >= 0xd800 && code < 0xdc00 && i + 1 < actual.length && (actual.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1
  }
  if (n <= LONG_RUN) return false
  const head = actual.slice(from, to)
  if (head !== proseKey) (proseKey = head), (proseAnswer = cjkWeights(head).meanCjk >= 0.8)
  return proseAnswer
}

let proseKey: string | undefined
let proseAnswer = false

/** Runs of more characters than this are checked for reading like prose before their repairs are scored. */
const LONG_RUN = 16
/** How many bits per character a repair must read better than the damaged text. */
const READS_BETTER = 0.5
/** Confidence margin: the best repair must beat the runner-up by this much (in log-count units). */
const MARGIN = 1.5

/**
 * Whether a line holds the start of a slip: `?` or U+FFFD after a character that can end a GBK character (or the
 * `)` of glued pinyin, or a space) and before what a slip leaves. Most lines with a `?` are questions.
 */
export function maySlip(line: string): boolean {
  return marksSlip(line, '?') || marksSlip(line, '\ufffd')
}

function marksSlip(line: string, mark: string): boolean {
  for (let i = line.indexOf(mark, 1); i > 0 && i < line.length - 1; i = line.indexOf(mark, i + 1)) {
    const before = line.charCodeAt(i - 1)
    if ((before >= 0x80 || before === 0x29 || before === 0x20) && AFTER_LOST[line.charCodeAt(i + 1)] === 1) return true
  }
  return false
}

/**
 * How many bits per character `repaired` reads better than `original` under the language model, over the stretch
 * where they differ (with the character on either side): the stretches both share would only dilute it.
 */
function readsBetterBy(original: string, repaired: string): number {
  let p = 0
  while (p < original.length && p < repaired.length && original[p] === repaired[p]) p++
  let q = 0
  while (q < original.length - p && q < repaired.length - p && original[original.length - 1 - q] === repaired[repaired.length - 1 - q]) q++
  // Where one side of the stretch is empty (`引?(guī)?` holds nothing but the damage: `引` against `引數`), the
  // character before is taken in: a text of no characters has no bits per character to be compared with.
  if (p > 0 && (original.length - q === p || repaired.length - q === p)) p--
  const previous = p > 0 ? original.charCodeAt(p - 1) : -1
  const next = q > 0 ? original.slice(original.length - q, original.length - q + 1) : ''
  const a = original.slice(p, original.length - q) + next
  const b = repaired.slice(p, repaired.length - q) + next
  return readScore(b, previous) / Math.max(1, b.length) - readScore(a, previous) / Math.max(1, a.length)
}

/**
 * Of guessed repairs at one place, the one the line reads best with, over the stretch that all of them cover (and
 * the character after it), by the language model: their edits cover different stretches. Ties go to the first.
 */
function bestRead(line: string, guesses: readonly (Judged | undefined)[]): Judged | undefined {
  let from = line.length
  let to = 0
  for (const g of guesses) if (g) (from = Math.min(from, g.edit.start)), (to = Math.max(to, g.edit.end))
  to = Math.min(line.length, to + 1)
  const previous = from > 0 ? line.charCodeAt(from - 1) : -1
  let best: Judged | undefined
  let bestScore = -Infinity
  for (const g of guesses) {
    if (!g) continue
    const read = readScore(line.slice(from, g.edit.start) + g.edit.replacement + line.slice(g.edit.end, to), previous)
    if (!best || read > bestScore) (best = g), (bestScore = read)
  }
  return best
}

/** The language model's log2 probability of a text, with the rule on pairs of marks. */
function readScore(text: string, previous: number): number {
  let total = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    total += lmNext(previous, code) + (previous >= 0 ? markPair(previous, code) : 0)
    previous = code
  }
  return total
}

/**
 * The repair as data: the damaged text encoded as GBK (iconv-lite's, as the mirror sites' bytes were), the bytes
 * changed into those the repair decodes, decoded again. None when replaying would not give the repair (it always
 * does; the check keeps a plan from ever saying otherwise).
 */
function withPlan(actual: string, target: readonly number[], replacement: string): { plan?: PlanStep[] } {
  const plan: PlanStep[] = [{ op: 'encode', codec: 'gbk-iconv' }, ...byteSteps(encodeText(actual, 'gbk-iconv'), target), { op: 'decode', codec: 'gbk-iconv' }]
  return decodeBytes(target, 'gbk-iconv') === replacement ? { plan } : {}
}

/** How many bits per character worse a broken insertion's repair may read (its reading pins the lost bytes). */
const READS_BETTER_INSERTION = -8
/** The same where a `?` shows the lost byte but the mark after it was swallowed (the mark is guessed). */
const READS_BETTER_SWALLOWED = 1
/** How many bits per character better a repair must read where no mark shows the lost byte (a guessed one). */
const READS_BETTER_GUESSED = 3
/** The characters after a place where a byte may have been dropped read this badly (bits per character) or worse. */
const ODD = -12

interface Judged {
  edit: Edit
  /** The bytes the repair decodes, for its plan. */
  target?: number[]
  /** Bits per character the repair reads better than the damaged text. */
  gain: number
}

/**
 * Judges the best repair of a plan: an edit (confident, or a warning when the runner-up scores close), or none
 * when the repair reads no better. `guessed`: the lost bytes were put in by a guess (no `?` or U+FFFD showed
 * them), so only a confident repair that reads much better counts, and nothing is reported otherwise.
 */
function judge(plan: Plan, actual: string, getStats: () => DocumentStats, guessed: boolean, bar?: number): Judged | undefined {
  // After a punctuation slip the text reads out of step, made of rare characters, until the next ASCII byte.
  // A long run that reads like prose after the mark is no slip: `隤??、` holds question marks that stand for
  // rare characters, as classical texts do. (Checking first also spares scoring a hundred readings of a
  // whole paragraph.) Broken insertions can come back in step (two lost bytes), so they are not checked.
  if (plan.rule === 'annotations/punctuation-slip' && plan.lost.length === 1 && readsLikeProse(actual)) return undefined
  const repairs = bestRepairs(plan, getStats)
  const unrepaired = (why: string): Judged | undefined => {
    // A `?` before a mark can be real (`谁?!`); a stray `py)` or U+FFFD cannot: only those are marked.
    if (guessed || (plan.rule === 'annotations/punctuation-slip' && !actual.includes('\ufffd'))) return undefined
    return {
      gain: 0,
      edit: {
        start: plan.start,
        end: plan.end,
        replacement: actual,
        ruleId: 'annotations/unrepaired-slip',
        reason: `Unexpected \`${actual}\` (a byte slip of a mirror site), left as it is: ${why}`,
        confident: false,
        note: plan.description.join('; '),
      },
    }
  }
  if (!repairs) return unrepaired('no way to fill the lost bytes decodes cleanly')
  const { best, second } = repairs
  const confident = !second || best.score - second.score >= MARGIN
  if (best.text === actual) return undefined
  // Real text can hold `?!` too: a repair must read better, character for character, than what is there.
  // Judged by the language model alone: the page's counts favour what the page holds already.
  const original = actual.replace(GLUED_PINYIN, '').replace(/[?\ufffd ]|[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+ ?\)/g, '')
  const gain = readsBetterBy(original, best.text)
  // A broken insertion's lost bytes are pinned by the stray pinyin's reading: it need only not read much worse.
  const needed = bar ?? (guessed ? READS_BETTER_GUESSED : plan.rule === 'annotations/broken-insertion' ? READS_BETTER_INSERTION : READS_BETTER)
  if (gain <= needed) return unrepaired(`the best repair \`${best.text}\` reads no better than the damaged text`)
  if (guessed && !confident) return undefined
  const note = `${plan.description.join('; ')}; lost byte${best.lost.length > 1 ? 's' : ''} ${hex(best.lost)}; re-decoded ${best.bytes.length} bytes as GBK: ${hex(best.bytes)}${confident ? '' : `; runner-up \`${second!.text}\` scores ${second!.score.toFixed(1)} against ${best.score.toFixed(1)}`}`
  return {
    gain,
    target: best.full,
    edit: {
      ...withPlan(actual, best.full, best.text),
      start: plan.start,
      end: plan.end,
      replacement: best.text,
      ruleId: plan.rule,
      reason: `Unexpected \`${actual}\` (${plan.rule === 'annotations/punctuation-slip' ? 'a punctuation pass split a GBK character' : 'pinyin inserted inside a GBK character'}), expected \`${best.text}\`${confident ? '' : ` (candidates score close: left as it is; runner-up \`${second!.text}\`)`}`,
      confident,
      note,
    },
  }
}

const ASCII_MARK = new Uint8Array(0x80)
for (const ch of '!,:;?') ASCII_MARK[ch.charCodeAt(0)] = 1
const FULL_MARK = new Set([0xff01, 0xff0c, 0xff1a, 0xff1b, 0xff1f])
const GLUED_AT = new RegExp(`\\((${SYLLABLE_TONED}) ?\\)`, 'y')
const isHan = (code: number): boolean => code >= 0x3400 && code <= 0x9fff

/** How the characters from `from` on read, in bits per character, up to four of them and the next ASCII one. */
function oddness(line: string, from: number): number {
  let total = 0
  let n = 0
  let previous = -1
  for (let j = from; j < line.length && n < 4; j++) {
    const code = line.charCodeAt(j)
    if (code < 0x80) break
    total += lmNext(previous, code)
    previous = code
    n++
  }
  return n === 0 ? 0 : total / n
}

/** Where the run that starts at `from` comes back in step: the next ASCII character, or the end of the line. */
function runEnd(line: string, from: number): number {
  let j = from
  while (j < line.length && line.charCodeAt(j) >= 0x80) j++
  return j
}

/**
 * Places where a decoder may have dropped a lone byte without a trace, each as the line with a U+FFFD put in
 * where the byte was (and, a variant, one more where the run ends): after a character, before an ASCII mark
 * (the full-width→ASCII pass), before the space of the space pass, before glued pinyin that the character
 * before it cannot read (a broken insertion). Only where the text after it reads as an out-of-step run does.
 */
const PLACE_CHAR = /[ !(,:;?]/g

/**
 * A full-width mark whose GBK trail byte can lead a character (`，` A3 AC: AC D4 is 瑒): the mirror's pinyin after
 * such a character, split across the mark and the next, leaves the glued pinyin right after the mark (`，(chàng)t`).
 */
function markLeads(code: number): boolean {
  if (code < 0x2000 || isHan(code)) return false
  const key = gbkKey(code)
  return key >= 0x100 && (key & 0xff) >= 0x81
}

function droppedPlaces(line: string): { at: number; after: number }[] {
  const out: { at: number; after: number }[] = []
  // Only an ASCII mark, a space or `(` can be such a place: found by a regex scan, not a loop over every character
  // (most lines of Chinese text hold none of them).
  PLACE_CHAR.lastIndex = 1
  for (let m = PLACE_CHAR.exec(line); m !== null && m.index < line.length - 1; m = PLACE_CHAR.exec(line)) {
    const i = m.index
    const code = line.charCodeAt(i)
    const before = line.charCodeAt(i - 1)
    if (before < 0x80 && !(code === 0x20 && before === 0x20)) continue
    if (code < 0x80 && ASCII_MARK[code] === 1 && line.charCodeAt(i + 1) >= 0x80) out.push({ at: i, after: i + 1 })
    else if (code === 0x20 && FULL_MARK.has(line.charCodeAt(i + 1)) && line.charCodeAt(i + 2) >= 0x80) out.push({ at: i, after: i + 2 })
    // Two spaces, a mark, then the end of the line or ASCII: the space pass put one before a mark the lost byte
    // began (`。`), one before its own (`大夫  ！` ← `大夫。”`), and the decoder is back in step after the mark.
    else if (code === 0x20 && before === 0x20 && FULL_MARK.has(line.charCodeAt(i + 1)) && !(line.charCodeAt(i + 2) >= 0x80)) out.push({ at: i, after: i + 2 })
    else if (code === 0x28 && (isHan(before) || markLeads(before))) {
      GLUED_AT.lastIndex = i
      const glued = GLUED_AT.exec(line)
      if (!glued || readsAs(String.fromCharCode(before), glued[1]!)) continue
      out.push({ at: i, after: i + glued[0].length })
    }
  }
  return out
}

/** `?` that swallowed the ASCII mark after it (the full-width→ASCII pass): a `?` right between two characters. */
function swallowedPlaces(line: string): number[] {
  const out: number[] = []
  for (let i = line.indexOf('?', 1); i > 0 && i < line.length - 1; i = line.indexOf('?', i + 1)) {
    if (line.charCodeAt(i - 1) >= 0x80 && line.charCodeAt(i + 1) >= 0x80 && !FULL_MARK.has(line.charCodeAt(i + 1))) out.push(i)
  }
  return out
}

/** Repairs a line would get with `inserted` put in at `at` (and a second insertion at `at2`), mapped back. */
function guessedRepair(whole: string, getStats: () => DocumentStats, wholeInserts: { at: number; text: string }[], wholeAnchor: number, bar?: number): Judged | undefined {
  // Planned on a window around the place, not the whole line: a long line with many places to try stays linear.
  const from = Math.max(0, Math.min(wholeAnchor, wholeInserts[0]!.at) - GUESS_BEFORE)
  const to = Math.min(whole.length, wholeInserts[wholeInserts.length - 1]!.at + GUESS_AFTER)
  const line = whole.slice(from, to)
  const inserts = wholeInserts.map(({ at, text }) => ({ at: at - from, text }))
  const anchor = wholeAnchor - from
  const how = wholeInserts.some((i) => i.text === '\ufffd') ? 'the decoder dropped the lost byte' : `the \`?\` swallowed the \`${wholeInserts[0]!.text}\` after it`
  const judged = guessedInWindow(line, getStats, inserts, anchor, how, bar)
  if (!judged) return undefined
  return { ...judged, edit: { ...judged.edit, start: judged.edit.start + from, end: judged.edit.end + from } }
}

/** Characters before and after a guessed place that its window holds (a run is rarely longer). */
const GUESS_BEFORE = 16
const GUESS_AFTER = 240

function guessedInWindow(line: string, getStats: () => DocumentStats, inserts: { at: number; text: string }[], anchor: number, how: string, bar?: number): Judged | undefined {
  let virtual = ''
  let last = 0
  for (const { at, text } of inserts) (virtual += line.slice(last, at) + text), (last = at)
  virtual += line.slice(last)
  const map = (p: number): number => {
    let shift = 0
    let q = p
    for (const { at, text } of inserts) {
      if (at + shift < p) (shift += text.length), (q = p - shift)
    }
    return q
  }
  const virtualAnchor = anchor + (inserts[0]!.at <= anchor ? inserts[0]!.text.length : 0) - 1
  for (const plan of plans(virtual, virtualAnchor)) {
    if (plan.start > virtualAnchor || plan.end <= virtualAnchor) continue
    const judged = judge(plan, virtual.slice(plan.start, plan.end), getStats, true, bar)
    if (!judged || !judged.edit.confident) return undefined
    const start = map(plan.start)
    const end = map(plan.end)
    const { plan: _virtualPlan, ...edit } = judged.edit
    return { gain: judged.gain, edit: { ...edit, ...(judged.target ? withPlan(line.slice(start, end), judged.target, edit.replacement) : {}), start, end, reason: judged.edit.reason.replace(/^Unexpected `[^`]*`/, `Unexpected \`${line.slice(start, end)}\``), note: `${judged.edit.note}; ${how}` } }
  }
  return undefined
}

export function slipRule(getStats: () => DocumentStats): LineRule {
  return (line) => {
    const edits: Edit[] = []
    if (maySlip(line)) {
      for (const plan of plans(line)) {
        const judged = judge(plan, line.slice(plan.start, plan.end), getStats, false)
        if (judged) edits.push(judged.edit)
      }
    }
    // Which code units an edit already covers: a table, not a scan of the edits per place (a long line of slips
    // holds thousands of both).
    let covered: Uint8Array | undefined
    const cover = (edit: Edit): void => {
      covered ??= new Uint8Array(line.length + 1)
      for (let k = edit.start; k < edit.end; k++) covered[k] = 1
    }
    for (const edit of edits) cover(edit)
    const taken = (at: number): boolean => covered !== undefined && covered[at] === 1
    const overlaps = (edit: Edit): boolean => {
      if (!covered) return false
      for (let k = edit.start; k < edit.end; k++) if (covered[k] === 1) return true
      return false
    }
    const add = (edit: Edit): void => {
      edits.push(edit)
      cover(edit)
    }
    // Lost bytes shown by a `?` that swallowed the ASCII mark after it, then those no mark shows (dropped).
    for (const at of swallowedPlaces(line)) {
      if (taken(at) || oddness(line, at + 1) > ODD) continue
      // Compared by how the line reads with each, not by each one's gain: a gain is measured against the
      // line with the mark tried put in, a different text for each mark.
      const best = bestRead(line, [...'!,:;?'].map((mark) => guessedRepair(line, getStats, [{ at: at + 1, text: mark }], at + 1, READS_BETTER_SWALLOWED)))
      if (best && !overlaps(best.edit)) add(best.edit)
    }
    for (const place of droppedPlaces(line)) {
      if (taken(place.at)) continue
      // Glued pinyin the character before cannot read, then ASCII or the end of the line: the decoder is back in
      // step at once (the next character's trail byte is ASCII, `情(bǎn)r(kuàng)` ← 情況, or its lead byte was
      // dropped too before its own glued pinyin, `目(shàn)(biāo)` ← 目標); the reading is the evidence. So too two
      // spaces and a mark at the end of a run (`大夫  ！` ← `大夫。”`): the space pass's two spaces are the evidence.
      const inStep = (line.charCodeAt(place.at) === 0x28 || line.charCodeAt(place.at - 1) === 0x20) && (place.after >= line.length || line.charCodeAt(place.after) < 0x80)
      if (!inStep && oddness(line, place.after) > ODD) continue
      // Before glued pinyin, the reading pins the lost byte as in a broken insertion a `?` shows (`格(jiá) ` ← 格式,
      // `引(guī)(shù),` ← 引數): the repair need only not read much worse, not much better as a guess with no evidence.
      const bar = line.charCodeAt(place.at) === 0x28 ? READS_BETTER_INSERTION : undefined
      const end = runEnd(line, place.after)
      // The two guesses (the run's last byte there, or dropped too) cover different stretches: compared by
      // how the line reads over both with each applied (`超過兩` against `超邊^兩`), not by bits per character of each.
      const best = bestRead(line, [[{ at: place.at, text: '\ufffd' }], [{ at: place.at, text: '\ufffd' }, { at: end, text: '\ufffd' }]].map((inserts) => guessedRepair(line, getStats, inserts, place.at + 1, bar)))
      if (best && !overlaps(best.edit)) add(best.edit)
    }
    return edits.sort((a, b) => a.start - b.start)
  }
}

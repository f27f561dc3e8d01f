import { charWeight, isWordPair, plausibility, plausibilityOf, profile, stepScore, weightTable, type Profile } from '../../decode/plausibility.js'
import { codec, HAS_CANDIDATES, NOT_VALID, utf8, type Codec } from '../../decode/codecs.js'

/**
 * Mojibake repair: find the stretches of a line that read better as the bytes of another encoding, and read them
 * so. One reading (wrong codec → right codec) is tried at a time; a dynamic programme over character boundaries
 * chooses, for every character, to keep it or to make it part of a stretch whose bytes (under the wrong codec)
 * decode under the right codec, whichever scores more plausible. Stretches that do not gain clearly are left alone.
 * Layered damage (UTF-8 read as windows-1252 twice) is undone one layer at a time.
 */

/** A way text gets misread: bytes in `right` decoded as `wrong`. */
export interface Reading {
  wrong: string
  right: string
  /** Rule id suffix: `utf8-as-gbk`. */
  rule: string
}

export const READINGS: readonly Reading[] = [
  { wrong: 'latin', right: 'utf-8', rule: 'utf8-as-latin' },
  { wrong: 'gbk', right: 'utf-8', rule: 'utf8-as-gbk' },
  { wrong: 'big5', right: 'utf-8', rule: 'utf8-as-big5' },
  { wrong: 'latin', right: 'gbk', rule: 'gbk-as-latin' },
  { wrong: 'latin', right: 'big5', rule: 'big5-as-latin' },
  // GBK read by a decoder that takes valid UTF-8 where it finds it and Latin-1 elsewhere.
  { wrong: 'utf8-latin', right: 'gbk', rule: 'gbk-as-latin' },
  { wrong: 'gbk', right: 'big5', rule: 'big5-as-gbk' },
  { wrong: 'big5', right: 'gbk', rule: 'gbk-as-big5' },
  { wrong: 'windows-1250', right: 'utf-8', rule: 'utf8-as-latin' },
  { wrong: 'windows-1251', right: 'utf-8', rule: 'utf8-as-latin' },
  { wrong: 'windows-1257', right: 'utf-8', rule: 'utf8-as-latin' },
  { wrong: 'iso-8859-2', right: 'utf-8', rule: 'utf8-as-latin' },
  { wrong: 'macintosh', right: 'utf-8', rule: 'utf8-as-latin' },
  { wrong: 'cp437', right: 'utf-8', rule: 'utf8-as-latin' },
]

/** One repaired stretch of a line. */
export interface Repair {
  /** UTF-16 offsets in the text the repair was made on. */
  start: number
  end: number
  before: string
  after: string
  reading: Reading
  /** Score gained. */
  gain: number
  /** Characters of lost bytes that were guessed from the character before them rather than left as U+FFFD. */
  guessed: number
}

const MAX_WALK = 48

/** Bonus per character decoded from valid UTF-8 out of GBK or Big5 characters, in the DP only. */
const STRUCTURE = 1

/**
 * Bonus per multi-byte character decoded from valid UTF-8 out of the rarer single-byte codecs. windows-1252 gets
 * its evidence from the pair weights of plausibility (a lead byte's letter followed by a continuation byte's
 * symbol); the letters of windows-1250 or Mac Roman do not fall in those ranges, so valid UTF-8 counts here.
 */
const SINGLE_BYTE_STRUCTURE = 2

/** The bonus a reading earns per multi-byte UTF-8 character it decodes. */
function structureBonus(wrong: Codec, right: Codec): number {
  if (right.name !== 'utf-8') return 0
  if (!isSingleByte(wrong)) return STRUCTURE
  return wrong.name === 'latin' ? 0 : SINGLE_BYTE_STRUCTURE
}

function countHan(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 0x3400 && c < 0xa000) || (c >= 0xf900 && c < 0xfb00)) n++
    else if (c >= 0xd840 && c < 0xd8c0) (n++, i++)
  }
  return n
}

/** Han, kana and Hangul (not CJK punctuation or full-width forms, which Latin text can hold: `Ningbo，China`). */
const LETTERS_CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]/u

/** Kana spelling common Japanese endings and particles: text in Japanese, not GBK read from Big5 bytes. */
const JAPANESE = /です|ます|ました|でした|ている|ません|ない|する|した|から|こと|という|として|について/u

/** CJK characters, punctuation, kana, bopomofo, Hangul, full-width forms and private use (GBK's user areas). */
const CJK = /[\u3000-\u30ff\u3100-\u312f\u3400-\u9fff\uac00-\ud7a3\uff00-\uffef\ue000-\uf8ff]/u

/**
 * The code points of a line with the bytes the wrong codec reads them from, the bytes of every unit in one
 * stream. A run of units that all have bytes is a segment; no stretch crosses a unit without bytes, and a decoder
 * reads a segment's bytes from a copy that ends where the segment does. Plain arrays of small integers: typed
 * arrays of this size live outside the heap and cost an allocation each, per line and reading.
 */
interface Units {
  n: number
  code: number[]
  /** UTF-16 offset of each unit; offset[n] is the length of the text. */
  offset: number[]
  /** Where each unit's bytes begin in `stream`; byteStart[n] is the stream's length. A unit without bytes has none. */
  byteStart: number[]
  /** 1 for a unit with bytes. */
  encodable: number[]
  stream: number[]
  /** The unit whose bytes begin at each position of the stream (-1 inside a unit). */
  unitAt: number[]
  /** For each unit: the first unit at or after it without bytes (n when there is none). */
  segEnd: number[]
  /** For each unit with bytes: the first unit of its segment. */
  segStart: number[]
  /** The bytes of each segment, by its segEnd, made on first use. */
  segments: (number[] | undefined)[]
  /** What decodeAll makes of a segment under a right codec, by codec name and segEnd. */
  decodedSegments: Map<string, string | undefined>
  /** Non-ASCII units with bytes. */
  suspects: number
}

/** The bytes of the segment unit `k` is in, and where that segment begins in the stream. */
function segmentOf(us: Units, k: number): number[] {
  const end = us.segEnd[k]!
  let bytes = us.segments[end]
  if (!bytes) {
    bytes = us.stream.slice(us.byteStart[us.segStart[k]!]!, us.byteStart[end]!)
    us.segments[end] = bytes
  }
  return bytes
}

/** decodeAll of the segment unit `k` begins, once per codec. */
function decodeSegment(us: Units, k: number, right: Codec): string | undefined {
  const key = `${right.name} ${us.segEnd[k]!}`
  if (us.decodedSegments.has(key)) return us.decodedSegments.get(key)
  const whole = decodeAll(segmentOf(us, k), right)
  us.decodedSegments.set(key, whole)
  return whole
}

/**
 * The last line looked at: its units under each wrong codec and the scores of keeping each unit (which depend on
 * the code points only). The readings of a line share them: windows-1252 three times, GBK and Big5 twice each.
 */
let lastLine: { text: string; units: Map<Codec, Units>; kept?: Float64Array } | undefined

function lineCache(text: string): NonNullable<typeof lastLine> {
  if (!lastLine || lastLine.text !== text) lastLine = { text, units: new Map() }
  return lastLine
}

function units(text: string, wrong: Codec): Units {
  const cache = lineCache(text)
  let made = cache.units.get(wrong)
  if (!made) {
    made = buildUnits(text, wrong)
    cache.units.set(wrong, made)
  }
  return made
}

/** Prefix sums of the scores of keeping each unit of `us` (a line's units under any codec). */
function keptScores(text: string, us: Units): Float64Array {
  const cache = lineCache(text)
  if (cache.kept) return cache.kept
  const { n, code } = us
  const kept = new Float64Array(n + 1)
  for (let k = 0; k < n; k++) kept[k + 1] = kept[k]! + stepScore(k > 0 ? code[k - 1]! : 0x20, code[k]!)
  cache.kept = kept
  return kept
}

/** One character's bytes, written by encodeInto. */
const scratch = new Uint16Array(8)

/**
 * For the UTF-8-with-Latin-1-fallback reading: which characters U+0080–U+00FF stand for a two-byte UTF-8 sequence
 * (C2/C3 and a continuation byte) rather than their Latin-1 byte. GBK's `每` is C3 BF, which such a decoder shows
 * as `ÿ`; `用户` (D3 C3 BB A7) shows as `Óû§`. The choice that parses as GBK pairs with the likelier characters wins:
 * a Viterbi pass over the line, the state being the lead byte waiting for its trail.
 */
function mixedChoices(text: string): Set<number> {
  const gbk = codec('gbk')
  type State = { score: number; back: number; via: number; choice: boolean }
  // One map per position: pending lead byte (0: none) → best state.
  const steps: Map<number, State>[] = [new Map([[0, { score: 0, back: -1, via: 0, choice: false }]])]
  const offsets: number[] = []
  const pairScore = (lead: number, trail: number): number => {
    const d = gbk.decodeAt([lead, trail], 0)
    // Per pair against a baseline, so that a parse with more pairs does not win by their number.
    // Full-width punctuation counts as a common character (`。` ends most lines).
    if (!d) return -4
    return (d.code >= 0x3000 && d.code < 0x3040) || (d.code >= 0xff00 && d.code < 0xff60) ? 0.3 : charWeight(d.code) - 1
  }
  const feed = (state: number, byte: number): [number, number] => {
    if (state === 0) return byte < 0x80 ? [0, 0] : byte >= 0x81 && byte <= 0xfe ? [byte, 0] : [0, -3]
    return [0, pairScore(state, byte)]
  }
  for (let i = 0; i < text.length; ) {
    const c = text.codePointAt(i)!
    offsets.push(i)
    const options: [number[], boolean][] = [[c < 0x100 ? [c] : (utf8.encodeChar(c) ?? [0x3f]) as number[], false]]
    if (c >= 0xa0 && c < 0x100) options.push([[0xc0 | (c >> 6), 0x80 | (c & 63)], true])
    const before = steps[steps.length - 1]!
    const next = new Map<number, State>()
    for (const [state, at] of before) {
      for (const [bytes, choice] of options) {
        let st = state
        // A GBK pair that is also UTF-8 is the rarer reading of such a character.
        let score = at.score - (choice ? 1 : 0)
        for (const b of bytes) {
          const [to, gain] = feed(st, b)
          st = to
          score += gain
        }
        const old = next.get(st)
        if (!old || score > old.score) next.set(st, { score, back: state, via: 0, choice })
      }
    }
    steps.push(next)
    i += c > 0xffff ? 2 : 1
  }
  const chosen = new Set<number>()
  let bestState = 0
  let best = -Infinity
  for (const [state, at] of steps[steps.length - 1]!) {
    const score = at.score - (state === 0 ? 0 : 3)
    if (score > best) (best = score), (bestState = state)
  }
  for (let k = steps.length - 1, state = bestState; k > 0; k--) {
    const at = steps[k]!.get(state)!
    if (at.choice) chosen.add(offsets[k - 1]!)
    state = at.back
  }
  return chosen
}

function buildUnits(text: string, wrong: Codec): Units {
  const mixed = wrong.name === 'utf8-latin' ? mixedChoices(text) : undefined
  const length = text.length
  const code: number[] = []
  const offset: number[] = []
  const byteStart: number[] = []
  const encodable: number[] = []
  const stream: number[] = []
  const segStart: number[] = []
  let suspects = 0
  let start = 0
  for (let i = 0; i < length; ) {
    const c = text.codePointAt(i)!
    const n = code.length
    code.push(c)
    offset.push(i)
    byteStart.push(stream.length)
    let written: number
    if (mixed?.has(i)) {
      scratch[0] = 0xc0 | (c >> 6)
      scratch[1] = 0x80 | (c & 63)
      written = 2
    } else written = wrong.encodeInto(c, scratch, 0)
    if (written > 0) {
      if (n === 0 || encodable[n - 1] === 0) start = n
      encodable.push(1)
      segStart.push(start)
      if (c >= 0x80) suspects++
      for (let b = 0; b < written; b++) stream.push(scratch[b]!)
    } else {
      encodable.push(0)
      segStart.push(-1)
    }
    i += c > 0xffff ? 2 : 1
  }
  const n = code.length
  offset.push(length)
  byteStart.push(stream.length)
  const unitAt: number[] = new Array(stream.length + 1).fill(-1)
  for (let k = 0; k < n; k++) if (encodable[k]) unitAt[byteStart[k]!] = k
  const segEnd: number[] = new Array(n + 1).fill(n)
  for (let k = n - 1; k >= 0; k--) segEnd[k] = encodable[k] ? segEnd[k + 1]! : k
  return { n, code, offset, byteStart, encodable, stream, unitAt, segEnd, segStart, segments: [], decodedSegments: new Map(), suspects }
}

function isSingleByte(codec: Codec): boolean {
  return codec.name !== 'gbk' && codec.name !== 'big5' && codec.name !== 'utf-8'
}

/** Whether a repaired stretch is convincing for its reading. */
function accept(reading: Reading, before: string, after: string, gain: number, context: { han: number; touchesLetter: boolean; lossy: boolean }): boolean {
  // Characters of `after` (code points) at or above U+0080, and how many of them are U+FFFD.
  let nonAsciiCount = 0
  let lost = 0
  for (let i = 0; i < after.length; i++) {
    const c = after.charCodeAt(i)
    if (c < 0x80) continue
    nonAsciiCount++
    if (c === 0xfffd) lost++
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < after.length) {
      const low = after.charCodeAt(i + 1)
      if (low >= 0xdc00 && low < 0xe000) i++
    }
  }
  if (nonAsciiCount === 0) return false
  if (lost === nonAsciiCount && !before.includes('\uFFFD') && !/锟斤拷|烫烫|屯屯|ï¿½/.test(before)) return false
  // A letter and lost bytes becoming one lost character: only beside a word (`SlovenÄ�ina`). Elsewhere the letter
  // may be real (`é` before `锟斤拷`'s U+FFFD), and taking it would take the next letter on the next run.
  if (lost === nonAsciiCount && reading.rule === 'utf8-as-latin' && !context.touchesLetter) return false
  const perChar = gain / Math.max(1, nonAsciiCount)
  switch (reading.rule) {
    case 'utf8-as-latin':
      return gain >= 1.5
    case 'utf8-as-gbk':
    case 'utf8-as-big5':
      // Valid UTF-8 across three or more characters is itself strong evidence: GBK or Big5 text almost never is.
      return (gain >= 2.5 && perChar >= 1) || (nonAsciiCount >= 3 && gain >= 1)
    case 'gbk-as-latin':
    case 'big5-as-latin': {
      const han = countHan(after)
      // Glued to a Latin word on either side, a short stretch is more likely accented letters (`MÄ£ÄM`).
      return gain >= 3 && han >= (context.touchesLetter ? 4 : 2) && plausibility(after) / nonAsciiCount >= 0.5
    }
    case 'big5-as-gbk':
    case 'gbk-as-big5':
      // The input must look like Chinese already (Greek or Cyrillic encode in GBK too, `Пожар` is not Big5).
      if (!looksCjk(before)) return false
      if (nonAsciiCount < 2) return false
      if (gain >= Math.max(3, 0.5 * nonAsciiCount) && plausibility(after) / nonAsciiCount >= 0.5) return true
      // Only for a stretch that is all the Han text of its line (a title, a short phrase): inside clean text a
      // short piece that reads better otherwise is a coincidence (`伐陈`). Not beside lost bytes either: the bytes
      // around them are not known to be those of the text.
      return context.han === 0 && !context.lossy && wordlessGain(before, after, gain, nonAsciiCount)
    default:
      return false
  }
}

/**
 * A short stretch of GBK read as Big5 (or the reverse) gains little in all (`呾楊` → `算法`), but reads as real
 * text only once repaired: no two neighbours of the input make a known word, the repair makes one or is made of
 * far commoner characters. Clean text read through the other codec makes no word and no common characters.
 */
function wordlessGain(before: string, after: string, gain: number, nonAsciiCount: number): boolean {
  if (gain < 1 || plausibility(after) / nonAsciiCount < 0.8) return false
  const was = profile(before)
  if (was.wordPairs > 0) return false
  const now = profile(after)
  if (now.wordPairs >= Math.max(1, Math.floor(now.hanPairs / 4))) return true
  // Without a word, only common characters throughout (`陰坁婜怢` → `潮湿灶台`, not `皐皐訿訿` → `針針偣偣`).
  return now.meanCjk >= 1 && now.meanCjk - was.meanCjk >= 0.5 && ![...after].some((c) => c >= '\u3400' && charWeight(c.codePointAt(0)!) <= 0.2)
}

/** Whether CJK characters are at least half the non-ASCII characters of `text` (and there is one). */
function looksCjk(text: string): boolean {
  let cjk = 0
  let high = 0
  for (const c of text) {
    if (CJK.test(c)) cjk++
    if (c >= '\u0080') high++
  }
  return cjk >= Math.max(1, 0.5 * high)
}

/** The stretches of `text` that read better under `reading`, accepted ones only. */
/**
 * `established`: the readings convincing elsewhere in the document (their weak stretches count). `watch`, when
 * given, collects the readings whose being established would change what this call returns: a line none of whose
 * watched readings is established reads the same the second time.
 */
export function findRepairs(text: string, reading: Reading, depth = 0, established?: ReadonlySet<string>, watch?: Set<string>): Repair[] {
  const wrong = codec(reading.wrong)
  const right = codec(reading.right)
  // Japanese is not a misreading of Big5 or GBK bytes, though its kana and kanji are in both.
  if ((reading.rule === 'big5-as-gbk' || reading.rule === 'gbk-as-big5') && JAPANESE.test(text)) return []
  const us = units(text, wrong)
  const { n, code, offset, byteStart, encodable, unitAt, segEnd } = us
  if (n === 0) return []
  // Quick exit: the wrong codec must be able to have produced at least two non-ASCII characters.
  if (us.suspects < (isSingleByte(wrong) ? 2 : 1)) return []
  // Every repair, whole span or walked, begins with a multi-byte character decoded at the first byte of a
  // non-ASCII unit: when none decodes so, there is nothing to judge (most clean lines under a UTF-8 reading).
  if (right.name === 'utf-8' && !anyStart(us, right)) return []

  const han = countHan(text)
  const repairs: Repair[] = []
  // Stretches that gain a little: accepted only when a stretch of the same line is convincing under the same
  // reading (a misreading applies to the whole line, short stretches between spaces carry little evidence).
  const weak: Repair[] = []
  // Whole spans first: a run of encodable characters that decodes end to end under the right codec is judged
  // as one piece (single characters of GBK read as Big5 are real characters; only the run shows the damage).
  const scratch = searchScratch(depth, n)
  const blocked = scratch.blocked.fill(0, 0, n)
  for (let k = 0; k < n; ) {
    if (!encodable[k]) {
      k++
      continue
    }
    const m = segEnd[k]!
    const whole = decodeSegment(us, k, right)
    if (whole !== undefined) {
      const repair = judge(text, us, k, m, whole, reading, wrong, right, han, weak, depth)
      if (repair) {
        repairs.push(repair)
        blocked.fill(1, k, m)
      }
    }
    k = m
  }

  // Whole spans that cover every non-ASCII character leave nothing for the walk (a line misread end to end).
  let open = false
  for (let k = 0; k < n && !open; k++) if (!blocked[k] && code[k]! >= 0x80 && encodable[k]) open = true
  if (!open) return screened(text, reading, repairs, weak, established, watch)

  const best = scratch.best.fill(-Infinity, 0, n + 1)
  const from = scratch.from.fill(-1, 0, n + 1)
  /** For a repaired step: the decoded text of the stretch ending here. */
  const decoded = scratch.decoded.fill(undefined, 0, n + 1)
  best[0] = 0
  // UTF-8 hidden in GBK, Big5 or the rarer single-byte codecs: valid multi-byte sequences are evidence in themselves.
  const structure = structureBonus(wrong, right)
  /** Prefix sums of the scores of keeping each unit: the DP's estimate of a stretch's gain without judging it. */
  const kept = keptScores(text, us)
  // The bytes of the segment the walk is in (a view ends where the segment does: decoders see nothing past it).
  let view: number[] = []
  let viewBase = 0
  let viewEnd = -1
  for (let k = 0; k < n; k++) {
    if (best[k] === -Infinity) continue
    const previous = k > 0 ? code[k - 1]! : 0x20
    const keep = best[k]! + (kept[k + 1]! - kept[k]!)
    if (keep > best[k + 1]!) {
      best[k + 1] = keep
      from[k + 1] = k
      decoded[k + 1] = undefined
    }
    if (!encodable[k] || code[k]! < 0x80 || blocked[k]) continue
    if (k >= viewEnd) {
      viewEnd = segEnd[k]!
      viewBase = byteStart[us.segStart[k]!]!
      view = segmentOf(us, k)
    }
    // Walk the right codec over the bytes of units k, k+1, … until it lands on a unit boundary. `at` counts
    // from the unit's first byte; `seen` is how far a walk that gathered units as it went would have read.
    const first = byteStart[k]! - viewBase
    const available = view.length - first
    let seen = 0
    let m = k
    let at = 0
    let acc = 0
    // The walk's characters, as code points in a shared buffer: the string is made only for a step that wins.
    let count = 0
    let last = previous
    let changed = false
    while (at < MAX_WALK) {
      while (seen <= at + 5 && m < viewEnd && seen < MAX_WALK + 6) seen = byteStart[++m]! - byteStart[k]!
      if (at >= seen) break
      const packed = right.decodeCode(view, first + at)
      if (packed === NOT_VALID) break
      let c: number
      if (packed === HAS_CANDIDATES) {
        const next = right.decodeAt(view, first + at)!
        at += next.length
        // The character after a lost byte, as far as the walk has gathered bytes.
        // Only the bytes from here to what the walk has gathered: a copy of the view up to here made the walk
        // quadratic on a long line with many lost bytes (decoders read forward only).
        c = guess(last, next.candidates!, seen < available ? peek(right, bounded(view, first + at, first + seen), 0) : peek(right, view, first + at))
        changed = true
      } else {
        at += packed & 7
        c = packed >> 3
        if (c >= 0x80) changed = true
      }
      acc += stepScore(last, c) + (c >= 0x80 ? structure : 0)
      last = c
      walked[count++] = c
      const landedAt = first + at === view.length ? viewEnd : unitAt[viewBase + first + at]!
      if (landedAt >= 0) {
        const end = landedAt
        if (changed && !sameCodes(text, offset[k]!, offset[end]!, walked, count)) {
          const score = best[k]! + acc - 0.01
          if (score > best[end]!) {
            best[end] = score
            from[end] = k
            decoded[end] = String.fromCodePoint(...walked.subarray(0, count))
          }
        }
        break
      }
    }
  }
  // Walk back, gathering maximal repaired stretches.
  const pieces: { k: number; end: number; after: string }[] = []
  for (let end = n; end > 0; ) {
    const k = from[end]!
    if (k < 0) break
    const after = decoded[end]
    if (after !== undefined) pieces.push({ k, end, after })
    end = k
  }
  pieces.reverse()
  const merged: { k: number; end: number; after: string }[] = []
  for (const piece of pieces) {
    const top = merged[merged.length - 1]
    if (top && top.end === piece.k) {
      top.end = piece.end
      top.after += piece.after
    } else merged.push({ ...piece })
  }
  for (const piece of merged) {
    // best[] holds the repaired score at the stretch's end: skip stretches that barely beat keeping.
    if (best[piece.end]! - best[piece.k]! - (kept[piece.end]! - kept[piece.k]!) < 0.5) continue
    const repair = judge(text, us, piece.k, piece.end, piece.after, reading, wrong, right, han, weak, depth)
    if (repair) repairs.push(repair)
  }
  return screened(text, reading, repairs, weak, established, watch)
}


/** The arrays of one search: which units a whole span took, and the walk's best scores, steps and decoded text. */
interface SearchScratch {
  blocked: Uint8Array
  best: Float64Array
  from: Int32Array
  decoded: (string | undefined)[]
}

/**
 * The search's arrays, one set per depth (judge searches a stretch's next layer from inside the search), grown as
 * lines need and reused: four typed arrays per line and reading, each an allocation outside the heap, were a
 * good part of the collector's time on text misread end to end. Only units 0..n of a set are read, each written
 * first.
 */
const searchScratches: SearchScratch[] = []

function searchScratch(depth: number, n: number): SearchScratch {
  let scratch = searchScratches[depth]
  if (!scratch || scratch.best.length < n + 1) {
    const size = Math.max(n + 1, 2 * (scratch?.best.length ?? 128))
    scratch = { blocked: new Uint8Array(size), best: new Float64Array(size), from: new Int32Array(size), decoded: new Array<string | undefined>(size).fill(undefined) }
    searchScratches[depth] = scratch
  }
  return scratch
}

/** Whether the right codec decodes a character at the first byte of some non-ASCII unit. */
function anyStart(us: Units, right: Codec): boolean {
  for (let k = 0; k < us.n; k++) {
    if (us.code[k]! < 0x80 || !us.encodable[k]) continue
    if (right.decodeCode(segmentOf(us, k), us.byteStart[k]! - us.byteStart[us.segStart[k]!]!) !== NOT_VALID) return true
  }
  return false
}

/** The characters of a walk (at most one per byte of MAX_WALK, and the last may start before it ends). */
const walked = new Int32Array(MAX_WALK + 8)

/** Whether `text[start, end)` is the UTF-16 of the code points `codes[0, count)` (a lone surrogate is itself). */
function sameCodes(text: string, start: number, end: number, codes: Int32Array, count: number): boolean {
  let at = start
  for (let i = 0; i < count; i++) {
    const c = codes[i]!
    if (c > 0xffff) {
      if (at + 2 > end || text.charCodeAt(at) !== 0xd800 + ((c - 0x10000) >> 10) || text.charCodeAt(at + 1) !== 0xdc00 + ((c - 0x10000) & 0x3ff)) return false
      at += 2
    } else {
      if (at >= end || text.charCodeAt(at) !== c) return false
      at++
    }
  }
  return at === end
}

/**
 * `bytes[from, to)` for a decoder to read one character at 0 without seeing past `to`: a shared buffer of the
 * first eight of them (no decoder reads more than six bytes for a character), where a copy of the whole range
 * was an allocation per lost byte.
 */
function bounded(bytes: readonly number[], from: number, to: number): number[] {
  const n = Math.min(to - from, 8)
  boundedBuffer.length = n
  for (let i = 0; i < n; i++) boundedBuffer[i] = bytes[from + i]!
  return boundedBuffer
}
const boundedBuffer: number[] = []

/** What a piece of the input decodes to under `reading` ('' when its bytes are not UTF-8 end to end). */
function decodePiece(piece: string, reading: Reading): string {
  const bytes = bytesOf(piece, codec(reading.wrong))
  return (bytes && readAll(bytes, utf8)) ?? ''
}

/**
 * Line-level evidence. A lone two-character stretch that decodes to one letter (`É…` → `Ʌ`) is as likely a real
 * accented letter before a symbol: alone it only counts for the common `Ã`/`Â` leads (Latin-1 letters). Readings
 * through the rarer single-byte codecs (windows-1250, -1251, -1257, ISO-8859-2, Mac Roman, cp437) need more: two
 * or three stretches in the line, or one that decodes to punctuation, three letters, a second layer, or (Mac Roman)
 * a math sign glued to a letter; they never produce CJK. Weak stretches ride on convincing ones.
 */
function screened(text: string, reading: Reading, repairs: Repair[], weak: Repair[], established: ReadonlySet<string> | undefined, watch: Set<string> | undefined): Repair[] {
  const isEstablished = established?.has(reading.rule) ?? false
  // Established, a reading keeps its weak stretches and skips the line-level checks of utf8-as-latin.
  if (watch && !isEstablished && (weak.length > 0 || (reading.rule === 'utf8-as-latin' && repairs.length > 0))) watch.add(reading.rule)
  return screen(text, reading, repairs, weak, isEstablished)
}

/**
 * The runs of non-ASCII code units of `text`, with where each starts: `/[^\u0000-\u007f]+/gu` by hand, since a
 * regular expression's backtracking stack overflows on a run of some millions of characters (10 MB of UTF-8 read
 * as windows-1252 on one line).
 */
export function nonAsciiRuns(text: string): [number, string][] {
  const runs: [number, string][] = []
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) < 0x80) {
      i++
      continue
    }
    let end = i + 1
    while (end < text.length && text.charCodeAt(end) >= 0x80) end++
    runs.push([i, text.slice(i, end)])
    i = end
  }
  return runs
}

/** `/^[\u2500-\u259f]+$/u.test(text)` without a regular expression (see nonAsciiRuns). */
export function allBoxDrawing(text: string): boolean {
  if (text.length === 0) return false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x2500 || c > 0x259f) return false
  }
  return true
}

const LETTER = /^\p{L}$/u

/** `/^\p{L}{min,}$/u.test(text)`, one code point at a time (see nonAsciiRuns). */
export function lettersOnly(text: string, min: number): boolean {
  let n = 0
  for (const ch of text) {
    if (!LETTER.test(ch)) return false
    n++
  }
  return n >= min
}

function screen(text: string, reading: Reading, repairs: Repair[], weak: Repair[], established: boolean): Repair[] {
  // A reading convincing elsewhere in the same document: this line's weaker stretches are the same damage.
  const exotic = isRarer(reading)
  // The rarer codecs never produce CJK: Chinese mojibake comes from windows-1252, GBK and Big5.
  if (exotic) {
    repairs = repairs.filter((r) => !CJK.test(r.after))
    weak = weak.filter((r) => !CJK.test(r.after))
  }
  if (reading.rule === 'big5-as-gbk' || reading.rule === 'gbk-as-big5') {
    repairs = withinRuns(text, repairs)
    weak = withinRuns(text, weak)
  }
  if (established) return addWeak(repairs, weak)
  if (reading.rule === 'utf8-as-latin') {
    // One CJK character out of a Latin line (`Brontë…”` → `Bront녔`) is a coincidence of three bytes.
    const cjk = repairs.reduce((n, r) => n + [...r.after].filter((c) => LETTERS_CJK.test(c)).length, 0)
    if (cjk === 1) repairs = repairs.filter((r) => !LETTERS_CJK.test(r.after))
    // Pieces: the runs of non-ASCII characters of the input (ASCII bytes are themselves in UTF-8), with the
    // character that follows each.
    const pieces = repairs
      .flatMap((r) =>
        nonAsciiRuns(r.before).map(([index, piece]) => ({
          piece,
          decoded: decodePiece(piece, reading),
          previous: text.charAt(r.start + index - 1),
          next: text.charAt(r.start + index + piece.length),
        })),
      )
      // Box drawing alone is line art (`├┤a┼┐a`), not evidence, unless it spells a word (`╨┐╤Ç╨░` → `пра`).
      .filter(({ piece, decoded }) => !allBoxDrawing(piece) || lettersOnly(decoded, 2))
    // A two-character piece is thin evidence, unless its lead is the common `Ã`/`Â` or it decodes to a letter
    // inside a word (`RÄ«ga` → `Rīga`, `Ä°stanbul`): a lone accented capital before a symbol is just that.
    const thin = ({ piece, decoded, previous, next }: { piece: string; decoded: string; previous: string; next: string }): boolean => {
      if (/^[^\u00c3]\u00a0$/u.test(piece)) return true
      if ([...piece].length !== 2) return false
      // A lead byte's letter and a lost byte: nothing else prints so (`SlovenÄ�ina`).
      // Unless another Latin-1 letter stands before it (`ÖÐ�`): then the letters are GBK read as Latin-1, or the
      // lead's own sequence is broken, and taking `Ð�` for one character would take `Ö�` next time, and so on.
      // It stands inside a word, as the lost byte did (`Sloven|Ä�|ina`); a real `é` before a U+FFFD is no evidence.
      if (/^[\u00c2-\u00f4]\uFFFD$/u.test(piece) && !exotic) return /^[\u0080-\u00ff]$/u.test(previous) || !(/^[A-Za-z]$/.test(previous) || /^[A-Za-z]$/.test(next))
      // A curly apostrophe ending a word: `Ã’s` is the plural of `Ã`, not `Òs`.
      if (piece.endsWith('\u2019') && (next === 's' || next === '' || /\s/u.test(next))) return true
      if (/^[\u00c2\u00c3]/u.test(piece) && !exotic) return false
      // In windows-1252 every lead byte but D7 is a letter; in Mac Roman and cp437 most are symbols (`√ü` → `ß`).
      if (!exotic && !/^\p{L}/u.test(piece)) return true
      const letter = decoded
      if (!/[\u00c0-\u017f\u0370-\u04ff]/u.test(letter)) return true
      // Inside a word (`RÄ«ga`), or a small letter ending a word of small letters (`LietuviÅ³`).
      return !(/^[a-z]$/.test(next) || (/^[a-z]$/.test(previous) && letter === letter.toLowerCase() && !/^\p{L}$/u.test(next)))
    }
    const strong = pieces.filter((piece) => !thin(piece)).length
    // The rarer codecs: a misreading repeated three times, two with one convincing piece, or one piece of three
    // or more characters that decodes to punctuation or a ligature (`вЂ“` → `–`, `п¬Ѓ` → `ﬁ`).
    const punctuation = pieces.length === 1 && [...pieces[0]!.piece].length >= 3 && /^[\u2010-\u205f\u20ac\ufb00-\ufb06]$/u.test(pieces[0]!.decoded)
    // Or three letters decoded in all (`×‘×”×•×“×˘×”` → `בהודעה` is one piece).
    const letters = pieces.reduce((n, { decoded }) => n + [...decoded].filter((c) => c >= '\u0080' && /\p{L}/u.test(c)).length, 0)
    // Or, in Mac Roman, one convincing piece led by a math symbol, which prose never glues to a letter (`Zam√≤`).
    const math = reading.wrong === 'macintosh' && pieces.some((piece) => /^[√≈ƒ∆]/u.test(piece.piece) && !thin(piece))
    // Or a piece that decodes to UTF-8 read as windows-1252 again: two layers (`Г‚ВЈ` → `Â£` → `£`).
    const layered = exotic && pieces.some(({ decoded: once }) => {
      const twice = [...once].length >= 2 ? decodePiece(once, READINGS[0]!) : ''
      return twice !== '' && twice !== once
    })
    if (exotic ? !(pieces.length >= 3 || (pieces.length >= 2 && strong >= 1) || punctuation || letters >= 3 || math || layered) : strong < 1 && pieces.length < 3) return []
    repairs.sort((a, b) => a.start - b.start)
    const outside = text.slice(0, repairs[0]?.start ?? 0) + repairs.map((r, i) => text.slice(r.end, repairs[i + 1]?.start ?? text.length)).join('')
    // Inconsistent: one short piece, and windows-1252 punctuation standing alone between ASCII elsewhere in the
    // line, which a misreading of UTF-8 would have turned into three characters (`Bremer/Mccoy – DrÃ¥ber`).
    // Not on a line with Han, kana or Hangul, which windows-1252 cannot have decoded: its punctuation is Unicode
    // text's own (and a glued annotation that a later step removes, `書(shū)“`, would change what stands beside it).
    if (!exotic && pieces.length === 1 && [...pieces[0]!.piece].length === 2 && LONE_PUNCTUATION.test(outside) && !LETTERS_CJK.test(outside)) return []
    // Hopeless: more mojibake-looking pairs left than repaired (`ã†â€™ãƒâ€ ã¢â‚¬â„¢ãƒæ’`), the repairs are chance.
    const left = profile(outside).latin
    if (left >= 6 && left > repairs.reduce((n, r) => n + nonAscii(r.before), 0)) return []
  }
  const evidence = repairs.reduce((n, r) => n + [...r.after].filter((c) => c.codePointAt(0)! >= 0x80).length, 0)
  if (repairs.length > 0 && evidence >= 3 && reading.rule !== 'gbk-as-latin' && reading.rule !== 'big5-as-latin') {
    return addWeak(repairs, weak)
  }
  return repairs.sort((a, b) => a.start - b.start)
}

/**
 * windows-1252 punctuation alone between ASCII characters: text decoded right. Spaces that end the line do not
 * count (the unicode step removes them, and a second run would not see them).
 */
const LONE_PUNCTUATION = /(?<=[\u0020-\u007e])[\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026](?=[\u0021-\u007e]| +[\u0021-\u007e])/u

/** `repairs` with the weak stretches that overlap none of them, in order. */
const HAN_UNIT = /[\u3400-\u9fff\uf900-\ufaff]/u

/**
 * GBK read as Big5 (or the reverse) misreads every character of a run of Han text: a repaired stretch with a Han
 * character next to it that stays as it is repairs part of a word (`皐皐訿訿` is no `針針訿訿`). Such stretches go.
 */
function withinRuns(text: string, repairs: Repair[]): Repair[] {
  if (repairs.length === 0) return repairs
  const covered = (at: number): boolean => repairs.some((r) => r.start <= at && at < r.end)
  return repairs.filter((r) => !((r.start > 0 && HAN_UNIT.test(text.charAt(r.start - 1)) && !covered(r.start - 1)) || (HAN_UNIT.test(text.charAt(r.end)) && !covered(r.end))))
}

function addWeak(repairs: Repair[], weak: Repair[]): Repair[] {
  for (const w of weak) if (!repairs.some((r) => r.start < w.end && w.start < r.end)) repairs.push(w)
  return repairs.sort((a, b) => a.start - b.start)
}

/**
 * The character a lost byte most likely belonged to, when one candidate stands out beside its neighbours (in
 * practice: it forms a known word pair that no other candidate forms); otherwise U+FFFD. Messages count guesses.
 */
function guess(previous: number, candidates: number[], following?: number): number {
  let best = 0xfffd
  let first = -Infinity
  let second = -Infinity
  for (const c of candidates) {
    // The character after counts too, when there is one: a word pair on either side is the evidence. (Most lost
    // bytes end a run, before ASCII, so the character before decides; about one guess in twelve is wrong.)
    const score = stepScore(previous, c) + (following === undefined ? 0 : stepScore(c, following) - charWeight(following))
    if (score > first) {
      second = first
      first = score
      best = c
    } else if (score > second) second = score
  }
  return first >= 1 && first - second >= 0.5 ? best : 0xfffd
}

/** The character that starts at `at`, when it decodes whole (the neighbour a guess is weighed against). */
function peek(codec: Codec, bytes: ArrayLike<number>, at: number): number | undefined {
  const packed = at < bytes.length ? codec.decodeCode(bytes, at) : NOT_VALID
  return packed >= 0 ? packed >> 3 : undefined
}

/** All of `bytes` under `codec`, or undefined when they do not decode end to end or nothing changes. */
function decodeAll(bytes: ArrayLike<number>, codec: Codec): string | undefined {
  // Code points first, the string once at the end: most spans fail to decode part way.
  const codes: number[] = []
  let nonAscii = false
  /** The last code unit so far (a guess weighs its candidates against it). */
  let previous = 0x20
  for (let at = 0; at < bytes.length; ) {
    const packed = codec.decodeCode(bytes, at)
    if (packed === NOT_VALID) return undefined
    let code: number
    if (packed === HAS_CANDIDATES) {
      const next = codec.decodeAt(bytes, at)!
      nonAscii = true
      code = guess(previous, next.candidates!, peek(codec, bytes, at + next.length))
      at += next.length
    } else {
      code = packed >> 3
      if (code >= 0x80) nonAscii = true
      at += packed & 7
    }
    codes.push(code)
    previous = code > 0xffff ? 0xdc00 + ((code - 0x10000) & 0x3ff) : code
  }
  if (!nonAscii) return undefined
  let out = ''
  for (let k = 0; k < codes.length; k += 4096) out += String.fromCodePoint(...codes.slice(k, k + 4096))
  return out
}

/** Units k..end of `text` read as `after`: a Repair when convincing and round-tripping. */
function judge(
  text: string,
  us: Units,
  k: number,
  end: number,
  after: string,
  reading: Reading,
  wrong: Codec,
  right: Codec,
  han: number,
  weak?: Repair[],
  depth = 0,
): Repair | undefined {
  const startOffset = us.offset[k]!
  const endOffset = us.offset[end]!
  const before = text.slice(startOffset, endOffset)
  if (before === after) return undefined
  // `……` and `——` are Chinese punctuation, which the punctuation step writes (`…` doubled): as GBK or Big5 bytes
  // (85 85, 97 97) they begin rare characters only. Read as bytes, they made a second run repair what the first
  // left (`中\u0085ÖÐ` → `中……ÖÐ` → `中厖中`).
  if (right.name !== 'utf-8' && isSingleByte(wrong) && (before.includes('……') || before.includes('——'))) return undefined
  const prevCode = k > 0 ? us.code[k - 1]! : 0x20
  const nextText = text.slice(endOffset, endOffset + 2)
  // `before + nextText` is the input from the stretch's start to two units past its end.
  const beforeScore = plausibilityOf(text, startOffset, Math.min(text.length, endOffset + 2), prevCode)
  let gain = plausibility(after + nextText, prevCode) - beforeScore
  // A U+FFFD of the input is a byte lost before the misreading: a repair gets no credit for making it disappear
  // (a guess over it is worth what the guessed character reads like, no more).
  if (before.includes('\uFFFD')) gain += charWeight(0xfffd) * Math.max(0, countLost(before) - countLost(after))
  if (isSingleByte(wrong) && structureBonus(wrong, right) > 0) {
    for (const ch of after) if (ch >= '\u0080' && ch !== '\uFFFD') gain += SINGLE_BYTE_STRUCTURE
    // A C1 control stands for its own byte only where the codec leaves that byte undefined: windows-1250 reads
    // 99 as `™`, so `tĹ\u0099etĂ­ho` was read as ISO-8859-2, which has the control there.
    for (const ch of before) {
      const code = ch.charCodeAt(0)
      if (code >= 0x80 && code < 0xa0 && wrong.decodeAt([code], 0)?.code !== code) gain -= 1.5
    }
  }
  if (depth < 2 && reading.rule === 'utf8-as-latin' && /[\u0080-\u00ff]{2}/.test(after)) {
    // Layered damage: the first undoing can look worse (C1 controls) than the input; judge by the end result.
    const inner = findRepairs(after, reading, depth + 1)
    if (inner.length > 0) gain = Math.max(gain, plausibility(apply(after, inner) + nextText, prevCode) - beforeScore)
  }
  const contextHan = han - countHan(before)
  // A repair never produces characters that are not text (phonetic extensions, private use, stray controls).
  for (const ch of after) {
    const code = ch.codePointAt(0)!
    if (code >= 0x100 && code !== 0xfffd && charWeight(code) <= -4) return undefined
  }
  const letter = /[A-Za-z]/
  const touchesLetter = letter.test(text.charAt(startOffset - 1)) || letter.test(text.charAt(endOffset)) || /^[A-Za-z]|[A-Za-z]$/.test(before)
  const strong = accept(reading, before, after, gain, { han: contextHan, touchesLetter, lossy: text.includes('\uFFFD') })
  const weakFloor = right.name === 'utf-8' && !isSingleByte(wrong) ? -1.5 : 0.5
  if (!strong && !(weak && gain > weakFloor)) return undefined
  if (!roundTripsUnits(us, k, end, before, after, right)) return undefined
  const repair: Repair = {
    start: startOffset,
    end: endOffset,
    before,
    after,
    reading,
    gain,
    guessed: before.includes('\uFFFD') ? countGuesses(before, after, wrong, right) : 0,
  }
  if (strong) return repair
  weak!.push(repair)
  return undefined
}


/** Whether `bytes` decode end to end under `codec` as `text` (what `readAll(bytes, codec) === text` says). */
function readsAs(bytes: ArrayLike<number>, codec: Codec, text: string): boolean {
  let i = 0
  for (let at = 0; at < bytes.length; ) {
    const packed = codec.decodeCode(bytes, at)
    if (packed < 0) return false
    const code = packed >> 3
    // A lone surrogate decoded is one unit, as String.fromCodePoint makes it.
    if (text.codePointAt(i) !== code) return false
    i += code > 0xffff ? 2 : 1
    at += packed & 7
  }
  return i === text.length
}

/**
 * Every repair is checked to round-trip: the input's bytes under the wrong codec (each character maps back to
 * the bytes it was read from) read as the repair under the right codec. (Comparing the repair's own bytes would fail on codecs
 * that hold a character twice, like Big5's 十 at A2CC and A451.)
 * The bytes are read from the line's stream, for units k..end.
 */
function roundTripsUnits(us: Units, k: number, end: number, before: string, after: string, right: Codec): boolean {
  if (before.includes('\uFFFD')) return true
  for (let m = k; m < end; m++) if (!us.encodable[m]) return false
  const segment = segmentOf(us, k)
  const base = us.byteStart[us.segStart[k]!]!
  const from = us.byteStart[k]! - base
  const to = us.byteStart[end]! - base
  return readsAs(from === 0 && to === segment.length ? segment : segment.slice(from, to), right, after)
}

/** How many characters of `after` stand where `before`'s bytes lost one: guesses, not readings. */
function countGuesses(before: string, after: string, wrong: Codec, right: Codec): number {
  const bytes = bytesOf(before, wrong)
  if (!bytes) return 0
  const chars = [...after]
  let n = 0
  for (let at = 0, i = 0; at < bytes.length && i < chars.length; i++) {
    const next = right.decodeAt(bytes, at)
    if (!next) break
    if (next.candidates && chars[i] !== '\uFFFD') n++
    at += next.length
  }
  return n
}

function readAll(bytes: ArrayLike<number>, codec: Codec): string | undefined {
  let out = ''
  for (let at = 0; at < bytes.length; ) {
    const packed = codec.decodeCode(bytes, at)
    if (packed < 0) return undefined
    out += String.fromCodePoint(packed >> 3)
    at += packed & 7
  }
  return out
}

function bytesOf(text: string, codec: Codec): Uint16Array | undefined {
  const out = new Uint16Array(3 * text.length)
  let at = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!
    if (code > 0xffff) i++
    const written = codec.encodeInto(code, out, at)
    if (written < 0) return undefined
    at += written
  }
  return out.subarray(0, at)
}

/** The result of repairing one string: stretches in the coordinates of the input, with their chains. */
export interface RepairedStretch {
  start: number
  end: number
  before: string
  after: string
  /**
   * The misreadings undone, in the order they happened: chain[0] is the first (innermost) misreading, undone
   * last. Double-encoded UTF-8 gives two.
   */
  chain: Reading[]
  lost: number
  /** Lost characters guessed from their neighbour (right about nine times in ten on manpages-zh). */
  guessed: number
  /** Whether `?` in `before` was read as a lost byte (mojibake saved again in the wrong encoding). */
  questionMarks?: boolean
}

const QUESTION_AFTER_NON_ASCII = /(?<=[^\u0000-\u007f])\?/u
const QUESTION_AFTER_NON_ASCII_ALL = /(?<=[^\u0000-\u007f])\?/gu

/** Non-ASCII characters of `text` inside the stretches of `layer`. */
function explained(text: string, layer: Repair[] | undefined): number {
  return layer ? layer.reduce((n, r) => n + nonAscii(text.slice(r.start, r.end)), 0) : 0
}

function countLost(text: string): number {
  let n = 0
  for (const ch of text) if (ch === '\uFFFD') n++
  return n
}

const MAX_LAYERS = 3

/** The total gain of a layer of repairs. */
function total(repairs: Repair[]): number {
  return repairs.reduce((sum, r) => sum + r.gain, 0)
}

/** `text` with `repairs` applied. */
function apply(text: string, repairs: Repair[]): string {
  let out = ''
  let at = 0
  for (const r of repairs) {
    out += text.slice(at, r.start) + r.after
    at = r.end
  }
  return out + text.slice(at)
}

/**
 * The layer of repairs of `text` that gains most, looking one layer ahead: double-encoded UTF-8 also reads as
 * GBK bytes read as Latin-1 (`Ã¤Â¸Â­` → `盲赂颅`), but undoing windows-1252 twice ends far more plausible.
 */
function bestLayer(text: string, readings: readonly Reading[], lookahead = true, established?: ReadonlySet<string>, watch?: Set<string>): Repair[] | undefined {
  let chosen: Repair[] | undefined
  let chosenGain = 0
  for (const reading of readings) {
    const repairs = findRepairs(text, reading, 0, established, watch)
    if (repairs.length === 0) continue
    let gain = total(repairs)
    if (lookahead && reading.rule === 'utf8-as-latin') {
      // Only the same misreading again: layered damage repeats one mistake (UTF-8 read as windows-1252 twice).
      const next = bestLayer(apply(text, repairs), [reading], false)
      if (next) gain += total(next)
    }
    if (gain > chosenGain) {
      chosen = repairs
      chosenGain = gain
      // A reading that explains nearly every non-ASCII character of the line leaves nothing for the others
      // (readings are tried most common first). The rarer codecs are all tried: they share most characters
      // (windows-1250 and ISO-8859-2 differ in a few), and the one that reads best wins.
      if (!isRarer(reading) && nonAscii(repairs.map((r) => r.before).join('')) >= 0.95 * nonAscii(text)) break
    }
  }
  return chosen
}

function nonAscii(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) n++
  return n
}

/** A character of the two-byte UTF-8 range beside a Latin-1 letter or symbol (`µĵ`, `ʱд`): the UTF-8/Latin-1 fallback. */
const MIXED_PAIR = /[\u00a1-\u00ff][\u0100-\u07ff]|[\u0100-\u07ff][\u00a1-\u00ff]/u

/** The symbols windows-1252 has at 80–9F (`€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ`). */
const WINDOWS_SYMBOLS = /[\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/u

/** The longest Han run that can reach the pairless test of plausibleReadings. */
const PAIRLESS_RUN = 6

/**
 * Whether anything in the encoding step could change `line`, by one pass over its code units. It answers false
 * only where plausibleReadings finds no reading to try and none of the step's other checks applies: no C1
 * control, `Ã`, U+FFFD, `锟`, `?` after a non-ASCII character, no two neighbouring non-ASCII characters outside
 * CJK (the Latin-1 and other pairs of `profile`), and CJK text that reads clean (mean weight, no cluster of
 * uncommon characters, no pairless run: word pairs are looked up only in Han runs long enough and with enough
 * uncommon characters to be one). The same conditions as plausibleReadings, computed the same way.
 */
export function mayHoldMojibake(line: string): boolean {
  const length = line.length
  // ASCII up to the first other unit: nothing there can answer (a `?` counts only after non-ASCII), and an ASCII
  // line loads no table.
  let i = 0
  while (i < length && line.charCodeAt(i) < 0x80) i++
  if (i === length) return false
  const kinds = kindTable ?? scanKinds()
  const common = commonHan!
  const w = weightTable()
  let cjk = 0
  let sum = 0
  // Uncommon CJK characters: how many, and the CJK counts at the last three (for the cluster test).
  let low = 0
  let r0 = 0
  let r1 = 0
  let r2 = 0
  // The current run of Han pairs (U+3400–U+ABFF in a row): where it began, its length, its uncommon characters.
  let runStart = -1
  let runLength = 0
  let runLow = 0
  /** 0 ASCII (or start), 1 non-ASCII below U+2E80, 2 CJK. */
  let previous = 0
  // Han pairs: a line with enough of them is looked at again for a known word (clean text has one early).
  let hanPairs = 0
  for (; i < length; i++) {
    const c = line.charCodeAt(i)
    if (c >= 0x2e80) {
      let kind = kinds[c]!
      if (kind === KIND_HAN) {
        // Common Han, the bulk of clean text, and the common Han after it: counted, the run goes on.
        if (runLength === 0) {
          runStart = i
          runLow = 0
        } else hanPairs++
        sum += w[c]!
        let j = i + 1
        for (; j < length; j++) {
          const weight = common[line.charCodeAt(j)]!
          if (weight < 0) break
          sum += weight
        }
        const run = j - i
        cjk += run
        hanPairs += run - 1
        runLength += run
        previous = 2
        i = j - 1
        continue
      }
      if (kind === KIND_STOP) return true
      const at = i
      let weight: number
      let code = c
      if (kind === KIND_HIGH) {
        // A lone high surrogate: profile would read the next unit as its pair; the full look sorts it out.
        if (i + 1 < length) {
          const next = line.charCodeAt(i + 1)
          if (next < 0xdc00 || next >= 0xe000) return true
          code = line.codePointAt(i)!
          i++
          weight = charWeight(code)
          kind = weight <= 0.2 ? KIND_CJK_LOW : KIND_CJK
        } else {
          weight = w[c]!
          kind = weight <= 0.2 ? KIND_CJK_LOW : KIND_CJK
        }
      } else weight = w[c]!
      cjk++
      sum += weight
      const uncommon = kind === KIND_HAN_LOW || kind === KIND_CJK_LOW
      if (uncommon) {
        low++
        if (low % 3 === 0) r0 = cjk
        else if (low % 3 === 1) r1 = cjk
        else r2 = cjk
        // Three uncommon characters within eight: the oldest of the last three is at slot (low + 1) % 3.
        if (low >= 3 && cjk - ((low + 1) % 3 === 0 ? r0 : (low + 1) % 3 === 1 ? r1 : r2) < 8) return true
      }
      if (kind === KIND_HAN_LOW) {
        if (runLength === 0) {
          runStart = at
          runLow = 0
        } else hanPairs++
        runLength++
        runLow++
      } else {
        if (runLength >= PAIRLESS_RUN && runLow >= 2 && pairlessRun(line, runStart, at)) return true
        runLength = 0
      }
      previous = 2
      continue
    }
    if (c < 0x80) {
      // `?` after a non-ASCII character may be a lost byte.
      if (c === 0x3f && previous !== 0) return true
    } else if (previous === 1 || c < 0xa0 || c === 0xc3) {
      // C1 controls and `Ã` (its no-break space lost) are the step's own checks; two in a row make a pair.
      return true
    }
    if (runLength >= PAIRLESS_RUN && runLow >= 2 && pairlessRun(line, runStart, i)) return true
    runLength = 0
    previous = c < 0x80 ? 0 : 1
  }
  if (runLength >= PAIRLESS_RUN && runLow >= 2 && pairlessRun(line, runStart, length)) return true
  // Clean CJK as plausibleReadings has it: a mean weight of 0.9, or of 0.6 with known words among the Han pairs.
  if (cjk > 0 && sum / cjk < 0.9 && (sum / cjk < 0.6 || hanPairs < 4 || wordPairs(line) / hanPairs < 0.15)) return true
  // Common characters none of whose neighbours make a word: GBK read as Big5 reads so (`最唗 蹈堤 統杅蹈桶`). On
  // such a line plausibleReadings tries GBK and Big5 read as each other only when the other reading is clearly
  // commoner (readsCommoner); classical Chinese, whose words OpenCC's modern phrases seldom hold, is not.
  if (hanPairs >= WORDLESS_PAIRS && !anyWordPair(line)) return readsCommoner(line, codec('gbk'), codec('big5')) || readsCommoner(line, codec('big5'), codec('gbk'))
  return false
}

/** What mayHoldMojibake makes of a code unit from U+2E80 up (scanKinds). */
const KIND_HAN = 0
const KIND_HAN_LOW = 1
const KIND_CJK = 2
const KIND_CJK_LOW = 3
const KIND_HIGH = 4
const KIND_STOP = 5
let kindTable: Uint8Array | undefined
/** The weight of each unit of KIND_HAN (above 0.2), -1 for every other: the inner loop's one look-up. */
let commonHan: Float32Array | undefined

/**
 * The kind of every code unit from U+2E80 (below it, the kinds are ranges): Han of the pair runs (U+3400–U+ABFF),
 * common or uncommon (weight 0.2 or less); other CJK, common or uncommon; high surrogates; and STOP for `锟`
 * (U+FFFD read as GBK begins so) and U+FFFD, which send a line to the full look at once.
 */
function scanKinds(): Uint8Array {
  if (kindTable) return kindTable
  const w = weightTable()
  const k = new Uint8Array(0x10000)
  const common = new Float32Array(0x10000).fill(-1)
  for (let c = 0x2e80; c < 0x10000; c++) {
    const uncommon = w[c]! <= 0.2
    if (c === 0x951f || c === 0xfffd) k[c] = KIND_STOP
    else if (c >= 0xd800 && c < 0xdc00) k[c] = KIND_HIGH
    else if (c >= 0x3400 && c < 0xac00) k[c] = uncommon ? KIND_HAN_LOW : KIND_HAN
    else k[c] = uncommon ? KIND_CJK_LOW : KIND_CJK
    if (k[c] === KIND_HAN) common[c] = w[c]!
  }
  commonHan = common
  kindTable = k
  return k
}

/** The bytes of a line under one codec, for readsCommoner: grown as lines need, never shrunk. */
let commonerBytes = new Uint16Array(1024)

/**
 * A quick look for the wordless lines: the line's bytes under `wrong`, read with `right`, give Han characters that
 * are clearly commoner on average than the line's own (`最唗 蹈堤` → `程序 列出`). Clean text re-read so does not.
 */
function readsCommoner(text: string, wrong: Codec, right: Codec): boolean {
  // Four bytes at most per code point (two for these codecs).
  if (commonerBytes.length < 4 * text.length) commonerBytes = new Uint16Array(4 * text.length)
  const buffer = commonerBytes
  let n = 0
  let own = 0
  let ownN = 0
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!
    i += code > 0xffff ? 2 : 1
    const written = wrong.encodeInto(code, buffer, n)
    if (written < 0) return false
    n += written
    if (code >= 0x3400 && code < 0xa000) (own += charWeight(code)), ownN++
  }
  // The decoder sees the line's bytes only (it reads past a character's first byte to find its end).
  const bytes = buffer.subarray(0, n)
  let read = 0
  let readN = 0
  for (let at = 0; at < n; ) {
    const packed = right.decodeCode(bytes, at)
    if (packed === NOT_VALID) return false
    let code: number
    if (packed === HAS_CANDIDATES) {
      const next = right.decodeAt(bytes, at)!
      code = next.code
      at += next.length
    } else {
      code = packed >> 3
      at += packed & 7
    }
    if (code >= 0x3400 && code < 0xa000) (read += charWeight(code)), readN++
  }
  if (ownN === 0 || readN === 0) return false
  const mean = read / readN
  return mean >= 1 && mean >= own / ownN + 0.3
}

/** Whether two neighbouring Han characters of `line` (U+3400–U+ABFF) make a known word pair. */
function anyWordPair(line: string): boolean {
  let previous = 0
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    const han = c >= 0x3400 && c < 0xac00
    if (han && previous !== 0 && isWordPair(previous, c)) return true
    previous = han ? c : 0
  }
  return false
}

/** How many neighbouring Han characters of `line` (U+3400–U+ABFF) make a known word pair, as `profile` counts them. */
function wordPairs(line: string): number {
  let previous = 0
  let n = 0
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    const han = c >= 0x3400 && c < 0xac00
    if (han && previous !== 0 && isWordPair(previous, c)) n++
    previous = han ? c : 0
  }
  return n
}

/** Han pairs without a known word among them that make a line of common characters worth a look. */
const WORDLESS_PAIRS = 4

/**
 * Whether the Han run `line[start, end)` holds a pairless stretch as `profile` counts one: at least
 * PAIRLESS_RUN characters in which no neighbours form a known word and two or more are uncommon.
 */
function pairlessRun(line: string, start: number, end: number): boolean {
  const w = weightTable()
  let previous = line.charCodeAt(start)
  let pairless = 1
  let lowInRun = w[previous]! <= 0.2 ? 1 : 0
  for (let i = start + 1; i < end; i++) {
    const code = line.charCodeAt(i)
    if (isWordPair(previous, code)) {
      pairless = 1
      lowInRun = 0
    } else {
      if (w[code]! <= 0.2) lowInRun++
      if (++pairless >= PAIRLESS_RUN && lowInRun >= 2) return true
    }
    previous = code
  }
  return false
}

/**
 * The readings worth trying on a line, from a quick look: clean Chinese (common characters, known word pairs)
 * cannot be GBK or Big5 misread, a line without Latin-1 characters cannot be UTF-8 read as windows-1252.
 */
export function plausibleReadings(text: string, readings: readonly Reading[], p: Profile = profile(text)): Reading[] {
  const cleanCjk = p.meanCjk >= 0.9 || (p.meanCjk >= 0.6 && p.hanPairs >= 4 && p.wordPairs / p.hanPairs >= 0.15)
  // Common characters none of whose neighbours make a word: GBK and Big5 read as each other, and nothing else.
  const wordless = p.hanPairs >= WORDLESS_PAIRS && p.wordPairs === 0
  return readings.filter((r) => {
    if (r.wrong === 'gbk' || r.wrong === 'big5') {
      if (p.cjk === 0) return false
      if (!cleanCjk || p.rareCluster || p.pairless >= 6 || text.includes('\uFFFD')) return true
      return wordless && r.right !== 'utf-8' && readsCommoner(text, codec(r.wrong), codec(r.right))
    }
    // A lead byte's letter followed by U+FFFD is UTF-8 whose continuation byte was lost (`SlovenÄ�ina`).
    if (r.wrong === 'latin') return p.latin >= 1 || /[\u00c2-\u00f4]\uFFFD/u.test(text)
    // Latin-1 pairs with a character of the two-byte UTF-8 range beside them (`ʵ`, `ҳ`).
    // Not on a line with windows-1252's own symbols: those are windows-1252 text.
    // Pinyin's tone letters (`zhǎng`) stand between ASCII letters: the fallback's characters stand among Latin-1 ones.
    if (r.wrong === 'utf8-latin') return p.latin >= 2 && MIXED_PAIR.test(text) && !WINDOWS_SYMBOLS.test(text)
    // The rarer single-byte codecs only matter when windows-1252 cannot have produced the line.
    return p.otherNonAscii >= 1
  })
}

/** Whether all of `text` is bytes of the wrong codec that decode under the right one (with a non-ASCII character). */
function decodesWhole(text: string, reading: Reading): boolean {
  const us = units(text, codec(reading.wrong))
  // One segment from the first unit to the last: every character has bytes. The decoding is the one the whole
  // span of findRepairs reads next.
  if (us.n === 0 || us.segEnd[0] !== us.n) return false
  return decodeSegment(us, 0, codec(reading.right)) !== undefined
}

/** Readings through the rarer single-byte codecs (windows-1250, Mac Roman, cp437…). */
function isRarer(reading: Reading): boolean {
  return reading.right === 'utf-8' && reading.wrong !== 'latin' && reading.wrong !== 'gbk' && reading.wrong !== 'big5'
}

/**
 * The best layer of repairs under the plausible readings; when it leaves much of the line's non-ASCII text
 * unexplained, the rarer readings the quick look left out get their chance (`Å iaip ÄÆdomu … VisÅ³`: windows-1252
 * explains `Å³` only, windows-1257 the whole line).
 */
function bestLayerOf(text: string, readings: readonly Reading[], established?: ReadonlySet<string>, watch?: Set<string>): Repair[] | undefined {
  const p = profile(text)
  const first = plausibleReadings(text, readings, p)
  // On a line of Latin-1 pairs, a reading under which the whole line decodes is tried first: GBK read as Latin-1
  // end to end is then repaired without first walking UTF-8 over it.
  if (first.length > 1 && p.latin >= 8) {
    const whole = first.filter((r) => decodesWhole(text, r))
    if (whole.length > 0 && whole.length < first.length) first.splice(0, first.length, ...whole, ...first.filter((r) => !whole.includes(r)))
  }
  const layer = first.length > 0 ? bestLayer(text, first, true, established, watch) : undefined
  if (layer && explained(text, layer) >= 0.95 * nonAscii(text)) return layer
  // When no common reading explains a line of Latin-1 pairs, the rarer codecs may: Mac Roman's `‚Ä¶` is all
  // windows-1252 characters.
  const rest = p.latin >= 2 ? readings.filter((r) => isRarer(r) && !first.includes(r)) : []
  const other = rest.length > 0 ? bestLayer(text, rest, true, established, watch) : undefined
  // Gains of different codecs do not compare (the rarer ones earn a bonus for structure): the one that explains
  // more of the line wins.
  return other && explained(text, other) > explained(text, layer) ? other : layer
}

/**
 * Repairs `text`. The best reading is undone first; each repaired stretch is then tried again on its own, up to
 * three layers (UTF-8 read as windows-1252 twice comes back in two). Stretches are in input coordinates.
 */
export function repairText(
  text: string,
  readings: readonly Reading[] = READINGS,
  established?: ReadonlySet<string>,
  watch?: Set<string>,
): { text: string; stretches: RepairedStretch[] } {
  let layer = bestLayerOf(text, readings, established, watch)
  // Mojibake saved again in the wrong encoding turns each U+FFFD into `?` (`涓捐銆?` was `举行。`): read a `?`
  // after a non-ASCII character as a lost byte, and keep that reading when it explains more of the line.
  let questionMarks = false
  if (text.includes('?') && QUESTION_AFTER_NON_ASCII.test(text)) {
    const lossy = readings.filter((r) => r.right === 'utf-8' && (r.wrong === 'gbk' || r.wrong === 'big5'))
    // A stretch that reads a `?` so must hold three misread characters: `鐘?` alone is a word and a question mark.
    const alt = (lossy.length > 0 ? bestLayerOf(text.replace(QUESTION_AFTER_NON_ASCII_ALL, '\uFFFD'), lossy, established, watch) : undefined)
      ?.filter((r) => !text.slice(r.start, r.end).includes('?') || nonAscii(text.slice(r.start, r.end)) >= 3)
    if (alt && alt.length > 0 && explained(text, alt) > explained(text, layer)) {
      layer = alt.map((r) => {
        const before = text.slice(r.start, r.end)
        return { ...r, before }
      })
      questionMarks = true
    }
  }
  if (!layer) return { text, stretches: [] }
  const stretches: RepairedStretch[] = []
  let out = ''
  let at = 0
  for (const r of layer) {
    let after = r.after
    const chain = [r.reading]
    let guessed = r.guessed
    for (let depth = 1; depth < MAX_LAYERS; depth++) {
      // A layer under the same reading is the same damage again: it needs no more evidence than it shows.
      // A layer the quick look finds nothing in has no reading to try (bestLayerOf would find none).
      const inner = (mayHoldMojibake(after) ? bestLayerOf(after, readings) : undefined) ?? (r.reading.rule === 'utf8-as-latin' ? bestLayer(after, [r.reading], false, new Set([r.reading.rule])) : undefined)
      if (!inner) break
      after = apply(after, inner)
      guessed += inner.reduce((sum, i) => sum + i.guessed, 0)
      chain.unshift(inner[0]!.reading)
    }
    stretches.push({ start: r.start, end: r.end, before: r.before, after, chain, lost: countLost(after), guessed, questionMarks: questionMarks && r.before.includes('?') })
    out += text.slice(at, r.start) + after
    at = r.end
  }
  return { text: out + text.slice(at), stretches }
}


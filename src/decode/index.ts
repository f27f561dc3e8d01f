import { DOUBLE_BYTE } from '../data/double-byte.js'
import { codec, utf8, windowsTable } from './codecs.js'
import { cjkWeights, plausibility, profile } from './plausibility.js'

/** The result of turning bytes into text. */
export interface Decoded {
  text: string
  /**
   * WHATWG-style label of the encoding used: 'utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be', 'gb18030'
   * (also for GBK and GB2312, which it contains), 'big5' (Big5 with HKSCS), 'shift_jis', 'euc-kr',
   * 'windows-1252', or 'mixed' when lines came in different encodings (see `lines`).
   */
  encoding: string
  /** 0..1: how sure the decoder is (the margin of the best reading over the next). */
  confidence: number
  /** Places where bytes could not be decoded (they became U+FFFD): byte offsets into the input. */
  invalid: { offset: number; length: number }[]
  /** Whether the input started with a byte-order mark (it is not part of `text`). */
  bom: boolean
  /** For 'mixed': the encoding of each line, in order (line 1 first). */
  lines?: string[]
}

/** One encoding `explainBytes` weighed. */
export interface Candidate {
  encoding: string
  /** Plausibility of its reading of the sample (common characters and words, less 10 per undecodable byte). */
  score: number
  /** For an encoding ruled out: the byte offset of the first byte it cannot decode. */
  ruledOutAt?: number
}

/** Why the decoder chose its encoding, with the candidates it weighed. */
export interface Explanation {
  /** `byte-order mark`, `valid UTF-8`, `mostly valid UTF-8`, or `most plausible reading`. */
  basis: string
  /** Every candidate, the most plausible first. */
  candidates: Candidate[]
}

/**
 * How `decodeBytes` chose: its basis, and every candidate encoding's score on the sample it reads (the first 64 KB),
 * with, for each one some byte of the sample rules out, the offset of the first such byte.
 */
export function explainBytes(bytes: Uint8Array): Explanation {
  const bom = byteOrderMark(bytes)
  const sample = bytes.length > SAMPLE ? bytes.subarray(0, cutAtLine(bytes, SAMPLE)) : bytes
  const candidates = rank(sample).map(({ encoding, score, invalid }) => {
    const out: Candidate = { encoding, score: Math.round(score * 100) / 100 }
    if (invalid > 0) out.ruledOutAt = firstInvalid(encoding, sample)
    return out
  })
  // The UTF-16 readings rank skips (odd length, or no NUL byte and characters no UTF-16 text has).
  for (const encoding of ['utf-16le', 'utf-16be']) {
    if (candidates.some((c) => c.encoding === encoding)) continue
    candidates.push({ encoding, score: -Infinity, ruledOutAt: sample.length % 2 !== 0 ? sample.length - 1 : 0 })
  }
  let basis = 'most plausible reading'
  if (bom) basis = 'byte-order mark'
  else if (bytes.length === 0 || decodeStrict('utf-8', bytes) !== undefined) basis = 'valid UTF-8'
  else if (!looksUtf16(bytes) && mostlyUtf8(sample)) basis = 'mostly valid UTF-8'
  return { basis, candidates: candidates.map((c) => (c.score === -Infinity ? { ...c, score: 0 } : c)) }
}

/** The byte offset of the first byte `encoding` cannot decode in `bytes` (a byte past the end when none). */
function firstInvalid(encoding: string, bytes: Uint8Array): number {
  if (encoding === 'utf-8' || encoding === 'gb18030' || encoding === 'big5' || encoding.startsWith('utf-16')) {
    return decodeLenient(encoding, bytes).invalid[0]?.offset ?? bytes.length
  }
  // Other decoders: fed a byte at a time, a fatal one throws at the first byte it cannot take.
  const d = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })
  for (let at = 0; at < bytes.length; at++) {
    try {
      d.decode(bytes.subarray(at, at + 1), { stream: true })
    } catch {
      // The decoder throws on the byte that ends a bad sequence: the sequence began at most one byte before.
      return at > 0 && bytes[at - 1]! >= 0x80 && bytes[at]! < 0x80 ? at - 1 : at
    }
  }
  return bytes.length
}

/** The legacy encodings tried when the bytes are not UTF-8, Chinese first. */
export const CANDIDATES = ['gb18030', 'big5', 'utf-16le', 'utf-16be', 'shift_jis', 'euc-kr', 'windows-1252'] as const

const SAMPLE = 64 * 1024
/** What one undecodable byte costs a reading, in plausibility points. */
const INVALID = 10

const fatal = new Map<string, InstanceType<typeof TextDecoder>>()
const lenient = new Map<string, InstanceType<typeof TextDecoder>>()
function decoder(label: string, strict: boolean): InstanceType<typeof TextDecoder> {
  const cache = strict ? fatal : lenient
  let d = cache.get(label)
  if (!d) {
    d = new TextDecoder(label, { fatal: strict, ignoreBOM: true })
    cache.set(label, d)
  }
  return d
}

let table1252: string[] | undefined
let bytes1252: Map<number, number> | undefined

/**
 * windows-1252 read backwards, sloppily as the encoding step does: each character to its byte, and a C1 control to
 * its own value (what Latin-1 shows for it). Built from the same table as `decode1252`, without the step's codecs.
 */
function latinByte(code: number): number | undefined {
  if (!bytes1252) {
    table1252 ??= windowsTable('windows-1252')
    const map = new Map<number, number>()
    table1252.forEach((ch, byte) => map.has(ch.charCodeAt(0)) || map.set(ch.charCodeAt(0), byte))
    for (let c = 0x80; c < 0xa0; c++) if (!map.has(c)) map.set(c, c)
    bytes1252 = map
  }
  return bytes1252.get(code)
}

/** windows-1252 as browsers read it (Node 20's TextDecoder reads the label as Latin-1). */
function decode1252(bytes: Uint8Array): string {
  table1252 ??= windowsTable('windows-1252')
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += table1252[bytes[i]!]!
  return out
}

let big5Pairs: Int32Array | undefined

/**
 * Big5 from the project's own table (src/data/double-byte.ts), not the platform's TextDecoder: browsers decode
 * Big5-HKSCS pairs that Node 20 maps to private-use characters (and the reverse for a few), so the same bytes would
 * be judged differently in a browser and in Node. Invalid bytes: undefined when `strict`, else U+FFFD (an ASCII
 * trail byte is not consumed, as WHATWG decoders do). The few pairs the table has no single character for (Big5's
 * four pairs that decode to two code points) go to the platform decoder.
 */
export function decodeBig5(bytes: Uint8Array, strict: boolean): string | undefined {
  if (!big5Pairs) {
    big5Pairs = new Int32Array(0x10000).fill(-1)
    const { pairs } = DOUBLE_BYTE.big5
    let at = 0
    for (let l = 0x81; l <= 0xfe; l++) {
      for (const [from, to] of [[0x40, 0x7e], [0xa1, 0xfe]] as const) {
        for (let t = from; t <= to; t++) {
          const code = pairs.codePointAt(at)!
          at += code > 0xffff ? 2 : 1
          big5Pairs[(l << 8) | t] = code
        }
      }
    }
  }
  const single = DOUBLE_BYTE.big5.single
  let out = ''
  let run = 0
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    if (i > run) out += decoder('utf-8', false).decode(bytes.subarray(run, i)) // ASCII
    const t = i + 1 < bytes.length ? bytes[i + 1]! : -1
    const code = b >= 0x81 && b <= 0xfe && t >= 0 ? big5Pairs[(b << 8) | t]! : -1
    if (code > 0) {
      out += String.fromCodePoint(code)
      i += 2
    } else if (code === 0) {
      const text = decoder('big5', false).decode(bytes.subarray(i, i + 2))
      if (text.includes('\ufffd')) {
        if (strict) return undefined
        out += '\ufffd'
        i += t < 0x80 ? 1 : 2
      } else {
        out += text
        i += 2
      }
    } else if (code < 0 && single.charCodeAt(b - 0x80) !== 0) {
      out += single[b - 0x80]
      i++
    } else {
      if (strict) return undefined
      // As Node's decoder does: a bad pair is one U+FFFD, but an ASCII byte or FF after the lead is read again.
      out += '\ufffd'
      i += b >= 0x81 && b <= 0xfe && t >= 0x80 && t <= 0xfe ? 2 : 1
    }
    run = i
  }
  if (run < bytes.length) out += decoder('utf-8', false).decode(bytes.subarray(run))
  return out
}

function decodeWith(label: string, bytes: Uint8Array): string {
  if (label === 'windows-1252') return decode1252(bytes)
  if (label === 'big5') return decodeBig5(bytes, false)!
  return decoder(label, false).decode(bytes)
}

/** Strict: the text, or undefined when any byte is invalid in `label`. */
function decodeStrict(label: string, bytes: Uint8Array): string | undefined {
  if (label === 'windows-1252') return decode1252(bytes)
  if (label === 'big5') return decodeBig5(bytes, true)
  try {
    return decoder(label, true).decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * Bytes to text. A byte-order mark wins; then strict UTF-8; then the legacy candidates, each judged by how
 * plausible its reading is as text (common characters, known word pairs, no control or private-use characters)
 * minus what its undecodable bytes cost. When no single encoding reads the whole input cleanly, the input is
 * decoded line by line. Never throws: bytes that no candidate decodes become U+FFFD, listed in `invalid`.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { text: '', encoding: 'utf-8', confidence: 1, invalid: [], bom: false }
  const bom = byteOrderMark(bytes)
  if (bom) {
    const body = bytes.subarray(bom.length)
    if (bom.encoding.startsWith('utf-32')) return { ...decodeUtf32(body, bom.encoding === 'utf-32le', bom.length), bom: true }
    const text = decodeWith(bom.encoding, body)
    const invalid = bom.encoding === 'utf-8' ? utf8Invalid(body, bom.length) : utf16Invalid(body, bom.encoding === 'utf-16le', bom.length)
    return { text, encoding: bom.encoding, confidence: 1, invalid, bom: true }
  }
  const asUtf8 = decodeStrict('utf-8', bytes)
  // Valid UTF-8 is UTF-8, unless it holds only two-byte characters (`Ϊ`, `ʹ`): short GBK text can be valid
  // UTF-8 by chance, and then the candidates are weighed like any other bytes.
  if (asUtf8 !== undefined && !looksUtf16(bytes) && (!onlyTwoByte(asUtf8) || latinWords(asUtf8))) {
    return { text: asUtf8, encoding: 'utf-8', confidence: 1, invalid: [], bom: false }
  }

  const sample = bytes.length > SAMPLE ? bytes.subarray(0, cutAtLine(bytes, SAMPLE)) : bytes
  // NUL bytes on one side: UTF-16 without a byte-order mark, the side telling the byte order.
  const utf16 = looksUtf16(bytes)
  // Mostly valid UTF-8 with a few bad bytes is damaged UTF-8 (or UTF-8 with some lines in another encoding):
  // other encodings almost never form valid multi-byte UTF-8 sequences.
  if (!utf16 && mostlyUtf8(sample)) return withLines('utf-8', bytes, 0.9)
  const ranked = rank(sample, utf16)
  const best = ranked[0]!
  const second = ranked[1]
  const confidence = confidenceOf(best.score, second?.score, sample.length)
  const whole = best.encoding === 'utf-8' ? undefined : decodeStrict(best.encoding, bytes)
  if (whole !== undefined) {
    // Big5 bytes are mostly valid GBK and the reverse: a line pasted in from the other encoding decodes without
    // error but reads as mojibake. Such lines get their own reading.
    if (best.encoding === 'gb18030' || best.encoding === 'big5') {
      const relabelled = relabelForeignLines(bytes, best.encoding, whole)
      if (relabelled) return { text: relabelled.text, encoding: 'mixed', confidence, invalid: [], bom: false, lines: relabelled.lines }
    }
    return { text: whole, encoding: best.encoding, confidence, invalid: [], bom: false }
  }

  return withLines(best.encoding, bytes, confidence)
}

/**
 * Some bytes do not decode under the best reading: lines in different encodings, or damage. Line by line, each
 * line gets its own best reading; the result is used when it leaves fewer bytes undecoded.
 */
function withLines(encoding: string, bytes: Uint8Array, confidence: number): Decoded {
  const single = decodeLenient(encoding, bytes)
  if (single.invalid.length === 0) return { ...single, confidence, bom: false }
  const byLine = decodeLines(bytes)
  if (byLine.invalid.length < single.invalid.length && new Set(byLine.lines).size > 1) {
    return { text: byLine.text, encoding: 'mixed', confidence, invalid: byLine.invalid, bom: false, lines: byLine.lines }
  }
  return { ...single, confidence: Math.min(confidence, 0.9), bom: false }
}

/** At least two valid UTF-8 sequences of three or more bytes, and invalid bytes fewer than a quarter of their bytes. */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0
  let invalid = 0
  for (let at = 0; at < bytes.length; ) {
    if (bytes[at]! < 0x80) {
      at++
      continue
    }
    const next = utf8.decodeAt(bytes, at)
    if (next && next.length > 1) {
      // Three- and four-byte sequences are the evidence (CJK); two-byte ones form by chance in GBK.
      if (next.length > 2) valid += next.length
      at += next.length
    } else {
      invalid++
      at++
    }
  }
  return valid >= 6 && invalid * 4 <= valid
}

/**
 * Valid UTF-8 whose two-byte characters are Latin letters inside words (`café`, `Grüße`): European text, not GBK
 * by chance. GBK read that way puts a Han character against an ASCII letter (`caf茅`), which Chinese text rarely
 * does, so one such letter between ASCII letters decides it.
 */
function latinWords(text: string): boolean {
  let inWord = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    // Inverted marks, guillemets, degree and the like stand beside the letters.
    if (c >= 0xa0 && c <= 0xbf) continue
    if (!isLatinLetter(c, 0x24f)) return false
    const before = text.charCodeAt(i - 1)
    const after = text.charCodeAt(i + 1)
    if (isAsciiLetter(before) || isAsciiLetter(after) || after === 0x27) inWord++
  }
  return inWord > 0
}

/** A Latin letter from À up to `last` (ÿ for windows-1252, ɏ for the Latin Extended blocks), × and ÷ aside. */
function isLatinLetter(c: number, last: number): boolean {
  return c >= 0xc0 && c <= last && c !== 0xd7 && c !== 0xf7
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
}

/**
 * UTF-16 without NUL bytes holds no ASCII at all, so its every code unit is CJK, kana, Hangul or full-width: a
 * reading with anything else (`café ok` as UTF-16BE is `捡曩⁯權`, the line feed eaten) is 8-bit text.
 */
function onlyWideUnits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const wide =
      (c >= 0x3000 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xd800 && c <= 0xdfff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xffef)
    if (!wide) return false
  }
  return true
}

/**
 * Han, kana or Hangul characters against an ASCII letter, counted when no run of such characters is longer than
 * two and at least half of them are glued so; otherwise 0.
 */
function gluedToLatin(text: string): number {
  let glued = 0
  let wide = 0
  let run = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (!isWide(c)) {
      run = 0
      continue
    }
    if (++run > 2) return 0
    wide++
    if (isAsciiLetter(text.charCodeAt(i - 1)) || isAsciiLetter(text.charCodeAt(i + 1))) glued++
  }
  return glued * 2 >= wide ? glued : 0
}

/**
 * Whether an 8-bit reading is European words: every character outside ASCII a letter (À–ÿ but × ÷) and at least
 * one run of them inside a word, an ASCII letter on each side (`Nicolás`, `téléharger`, `HÅØYA`). GBK or Big5 Chinese
 * read so puts its letters in pairs at word ends (`minicomÊÔ`, `lmhostsÀÉ`) or beside signs (`±`, `©`).
 */
function europeanWords(text: string): boolean {
  let inside = false
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) continue
    // A run of such letters (`HÅØYA`) counts when ASCII letters stand on both sides of the run.
    let end = i
    for (; end < text.length && text.charCodeAt(end) >= 0x80; end++) if (!isLatinLetter(text.charCodeAt(end), 0xff)) return false
    if (isAsciiLetter(text.charCodeAt(i - 1)) && isAsciiLetter(text.charCodeAt(end))) inside = true
    i = end - 1
  }
  return inside
}

function isWide(c: number): boolean {
  return (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)
}

function onlyTwoByte(text: string): boolean {
  let two = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x800) return false
    if (c >= 0x80) two = true
  }
  return two
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]]
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: 'utf-32le', length: 4 }
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 }
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 }
  return undefined
}

/** ASCII text in UTF-16 is valid UTF-8 too (NUL is ASCII): many NUL bytes on one side mean UTF-16. */
function looksUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined
  let even = 0
  let odd = 0
  const n = Math.min(bytes.length, 4096)
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++
  if (Math.max(even, odd) <= n / 8 || Math.min(even, odd) >= Math.max(even, odd) / 4) return undefined
  return odd > even ? 'utf-16le' : 'utf-16be'
}

interface Reading {
  encoding: string
  text: string
  invalid: number
  score: number
}

/** Every candidate's reading of `bytes`, most plausible first. */
function rank(bytes: Uint8Array, utf16?: 'utf-16le' | 'utf-16be'): Reading[] {
  const out: Reading[] = []
  const labels = utf16 ? [utf16] : ['utf-8', ...CANDIDATES]
  let european: boolean | undefined
  for (const encoding of labels) {
    if (encoding.startsWith('utf-16') && bytes.length % 2 !== 0) continue
    const text = decodeWith(encoding, bytes)
    if (encoding.startsWith('utf-16') && !bytes.includes(0) && !onlyWideUnits(text)) continue
    const invalid = countInvalid(text)
    let score = (encoding === 'utf-8' ? utf8Plausibility(text) : plausibility(text)) - INVALID * invalid
    // UTF-16 without a byte-order mark is rare, and its text nearly always holds ASCII (NUL bytes): without
    // them, a reading as UTF-16 pays for every code unit.
    if (encoding.startsWith('utf-16') && !bytes.includes(0)) score -= 0.75 * text.length
    // Chinese has words: a reading with many Han pairs and none inside a known word (Korean read as GBK,
    // `茄惫绢 巩厘涝聪促`) pays for each pair.
    const p = profile(text)
    // Korean today is written in Hangul: Hanja between Hangul syllables is Chinese read as EUC-KR.
    if (encoding === 'euc-kr') score -= 1.5 * (p.cjk - hangul(text))
    if (p.hanPairs >= 6 && p.wordPairs === 0) score -= 0.5 * p.hanPairs
    // European text read as CJK: a lone character or two glued to Latin letters (`Nicol疽`, `t閘閏harger`, `H咆YA`),
    // never a longer run. Chinese with English in it has longer runs of Han besides.
    if (encoding !== 'windows-1252' && (european ??= europeanWords(decodeWith('windows-1252', bytes)))) score -= 8 * gluedToLatin(text)
    out.push({ encoding, text, invalid, score })
  }
  // Ties (pure ASCII reads the same everywhere) go to the order above: UTF-8, then GB18030.
  return out.sort((x, y) => y.score - x.score)
}

/**
 * How plausible the UTF-8 reading is, counting what the encoding step will make of it: text made only of
 * windows-1252 characters may be GBK or Big5 read as Latin-1 and saved as UTF-8 (`¸ü¶à¾«Ð£` is `更多精校`), which
 * read straight as GBK gives mojibake twice over (`赂眉露脿`). Such text scores as its re-reading would.
 */
function utf8Plausibility(text: string): number {
  const direct = plausibility(text)
  const raw = new Uint8Array(text.length)
  let high = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const byte = code < 0x80 ? code : latinByte(code)
    if (byte === undefined) return direct
    raw[i] = byte
    if (byte >= 0x80) high = true
  }
  if (!high) return direct
  let best = direct
  for (const label of ['gb18030', 'big5']) {
    const reread = decodeWith(label, raw)
    best = Math.max(best, plausibility(reread) - INVALID * countInvalid(reread))
  }
  return best
}

function hangul(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xac00 && c < 0xd7a4) n++
  }
  return n
}

function countInvalid(text: string): number {
  let n = 0
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) n++
  return n
}

function confidenceOf(best: number, second: number | undefined, length: number): number {
  if (second === undefined) return 1
  const margin = best - second
  const scale = Math.max(4, Math.min(40, length / 8))
  return Math.round(Math.min(0.99, 0.5 + 0.5 * (1 - Math.exp(-margin / scale))) * 100) / 100
}

/** The offset of the first line break after `at` (or `at`), so a sample does not end inside a character. */
function cutAtLine(bytes: Uint8Array, at: number): number {
  const lf = bytes.indexOf(0x0a, at)
  return lf < 0 || lf > at + 4096 ? at : lf + 1
}

/** The whole input in one encoding, with the byte offsets of what did not decode. */
function decodeLenient(encoding: string, bytes: Uint8Array, base = 0): Omit<Decoded, 'bom' | 'confidence'> {
  const text = decodeWith(encoding, bytes)
  let invalid: Decoded['invalid'] = []
  if (text.includes('\uFFFD')) {
    if (encoding === 'utf-8') invalid = utf8Invalid(bytes, base)
    else if (encoding === 'gb18030' || encoding === 'big5') invalid = doubleByteInvalid(bytes, encoding, base)
    else if (encoding.startsWith('utf-16')) invalid = utf16Invalid(bytes, encoding === 'utf-16le', base)
    else invalid = [{ offset: base, length: bytes.length }]
  }
  return { text, encoding, invalid }
}

/** Line by line: each line (split at LF, which no candidate but UTF-16 uses inside a character) on its own. */
function decodeLines(bytes: Uint8Array): { text: string; invalid: Decoded['invalid']; lines: string[] } {
  let text = ''
  const invalid: Decoded['invalid'] = []
  const lines: string[] = []
  let start = 0
  while (start < bytes.length) {
    const lf = bytes.indexOf(0x0a, start)
    const end = lf < 0 ? bytes.length : lf + 1
    const line = bytes.subarray(start, end)
    const asUtf8 = decodeStrict('utf-8', line)
    if (asUtf8 !== undefined) {
      text += asUtf8
      lines.push('utf-8')
    } else if (mostlyUtf8(line)) {
      const decoded = decodeLenient('utf-8', line, start)
      text += decoded.text
      invalid.push(...decoded.invalid)
      lines.push('utf-8')
    } else {
      const best = rank(line).filter((r) => !r.encoding.startsWith('utf-16'))[0]!
      const decoded = decodeLenient(best.encoding, line, start)
      text += decoded.text
      invalid.push(...decoded.invalid)
      lines.push(best.encoding)
    }
    start = end
  }
  return { text, invalid, lines }
}

/**
 * The lines of a GBK or Big5 file that read as mojibake in it (a low mean character weight) but read cleanly and
 * far better in the other Chinese encoding; undefined when there are none.
 */
function relabelForeignLines(bytes: Uint8Array, encoding: 'gb18030' | 'big5', whole: string): { text: string; lines: string[] } | undefined {
  const other = encoding === 'gb18030' ? 'big5' : 'gb18030'
  // LF is never part of a GBK or Big5 character: the decoded lines match the byte lines one for one.
  const texts = whole.split('\n')
  let changed = false
  const lines: string[] = []
  let start = 0
  for (let k = 0; k < texts.length; k++) {
    const lf = bytes.indexOf(0x0a, start)
    const end = lf < 0 ? bytes.length : lf
    const mine = texts[k]!
    let label: string = encoding
    if (mine.length >= 4) {
      const p = cjkWeights(mine)
      // Misread lines score below 0.75 on average (GBK read as Big5: 0.36 at the median, 0.70 at the 99th
      // percentile on zuozhuan; Big5 read as GBK below 0); clean lines of either script score above 1.
      if (p.cjk >= 4 && p.meanCjk < 0.75) {
        const theirs = decodeStrict(other, bytes.subarray(start, end))
        if (theirs !== undefined && readsFarBetter(theirs, mine, p.cjk)) {
          texts[k] = theirs
          label = other
          changed = true
        }
      }
    }
    if (k < texts.length - 1 || end > start) lines.push(label)
    start = end + 1
  }
  return changed ? { text: texts.join('\n'), lines } : undefined
}

/** Whether `theirs` reads as common Chinese and far better than `mine`: the quick look first, the full score then. */
function readsFarBetter(theirs: string, mine: string, cjk: number): boolean {
  const quick = cjkWeights(theirs)
  return quick.meanCjk >= 0.9 && !quick.rareCluster && plausibility(theirs) - plausibility(mine) >= Math.max(4, cjk)
}

/** Byte offsets of invalid UTF-8 sequences, as the WHATWG decoder replaces them (maximal subparts). */
function utf8Invalid(bytes: Uint8Array, base: number): Decoded['invalid'] {
  const out: Decoded['invalid'] = []
  for (let at = 0; at < bytes.length; ) {
    const next = bytes[at]! < 0x80 ? { length: 1 } : utf8.decodeAt(bytes, at)
    if (next && next.length <= 4) {
      at += next.length
      continue
    }
    // A lead byte and the continuation bytes that fit it form one invalid sequence.
    let length = 1
    const lead = bytes[at]!
    const need = lead >= 0xf0 && lead <= 0xf4 ? 3 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xc2 && lead <= 0xdf ? 1 : 0
    while (length <= need && at + length < bytes.length && (bytes[at + length]! & 0xc0) === 0x80) length++
    push(out, base + at, length)
    at += length
  }
  return out
}

function utf16Invalid(bytes: Uint8Array, little: boolean, base: number): Decoded['invalid'] {
  const out: Decoded['invalid'] = []
  const unit = (i: number): number => (little ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!)
  let i = 0
  for (; i + 1 < bytes.length; i += 2) {
    const u = unit(i)
    if (u >= 0xd800 && u < 0xdc00) {
      if (i + 3 < bytes.length && unit(i + 2) >= 0xdc00 && unit(i + 2) < 0xe000) i += 2
      else push(out, base + i, 2)
    } else if (u >= 0xdc00 && u < 0xe000) push(out, base + i, 2)
  }
  if (i < bytes.length) push(out, base + i, 1)
  return out
}

/** Byte offsets of what GB18030 or Big5 cannot decode, found with the step's pair tables. */
function doubleByteInvalid(bytes: Uint8Array, encoding: string, base: number): Decoded['invalid'] {
  const pairs = codec(encoding === 'big5' ? 'big5' : 'gbk')
  const out: Decoded['invalid'] = []
  for (let at = 0; at < bytes.length; ) {
    const b = bytes[at]!
    if (b < 0x80 || (encoding === 'gb18030' && b === 0x80)) {
      at++
      continue
    }
    if (encoding === 'gb18030' && isFourByte(bytes, at)) {
      at += 4
      continue
    }
    const next = pairs.decodeAt(bytes, at, true)
    if (next) {
      at += next.length
      continue
    }
    // WHATWG: a lead byte followed by an ASCII byte loses only the lead.
    push(out, base + at, 1)
    at++
  }
  return out
}

function isFourByte(bytes: Uint8Array, at: number): boolean {
  const [a, b, c, d] = [bytes[at]!, bytes[at + 1], bytes[at + 2], bytes[at + 3]]
  return a >= 0x81 && a <= 0xfe && b !== undefined && b >= 0x30 && b <= 0x39 && c !== undefined && c >= 0x81 && c <= 0xfe && d !== undefined && d >= 0x30 && d <= 0x39
}

function decodeUtf32(bytes: Uint8Array, little: boolean, base: number): Omit<Decoded, 'bom'> {
  let text = ''
  const invalid: Decoded['invalid'] = []
  let i = 0
  for (; i + 3 < bytes.length; i += 4) {
    const code = little
      ? (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0
      : ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0
    if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) {
      text += '\uFFFD'
      push(invalid, base + i, 4)
    } else text += String.fromCodePoint(code)
  }
  if (i < bytes.length) {
    text += '\uFFFD'
    push(invalid, base + i, bytes.length - i)
  }
  return { text, encoding: little ? 'utf-32le' : 'utf-32be', confidence: 1, invalid }
}

/** Adds a place, merging it with the previous one when they touch. */
function push(out: Decoded['invalid'], offset: number, length: number): void {
  const last = out[out.length - 1]
  if (last && last.offset + last.length === offset) last.length += length
  else out.push({ offset, length })
}

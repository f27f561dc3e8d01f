import { BYTE_MAPS } from '../data/byte-maps.js'
import { BIG5_HKSCS, DOUBLE_BYTE } from '../data/double-byte.js'
import { charWeight } from './plausibility.js'

/**
 * The byte tables the encoding step works with. A misreading is undone in two moves: the wrong text is turned
 * back into the bytes it was decoded from (`encodeChar` of the codec it was misread as), then those bytes are
 * decoded with the right codec (`decodeAt`). Both moves are strict: a character the wrong codec cannot produce,
 * or bytes the right codec does not accept, stop the repair there.
 *
 * Tables come from the WHATWG decoders that browsers use, which produce most mojibake in the wild: GBK and Big5 from
 * src/data/double-byte.ts (generated from Node's TextDecoder), the single-byte codecs from src/data/byte-maps.ts
 * (generated from iconv-lite).
 * Each codec is built on first use: a line that needs windows-1252 does not pay for the GBK and Big5 tables.
 */

/** A byte whose value was lost (the wrong decoder printed U+FFFD for it): it matches any continuation byte. */
export const LOST = 0x100

/** One codec as the step sees it. */
export interface Codec {
  /** WHATWG label, or 'latin' for the windows-1252 / Latin-1 pair. */
  name: string
  /** Human name for messages: 'windows-1252', 'GBK', … */
  title: string
  /** Bytes of one character (code point), or undefined when this codec cannot have produced it. */
  encodeChar(code: number): readonly number[] | undefined
  /** The same bytes written to `out` at `at`: how many, or -1 when this codec cannot have produced the character. */
  encodeInto(code: number, out: Uint16Array, at: number): number
  /**
   * The character at `bytes[at]`: its code point and length in bytes, or undefined when the bytes are not valid
   * here. A character with a LOST byte decodes to U+FFFD.
   */
  decodeAt(bytes: ArrayLike<number>, at: number, loose?: boolean): Decoded | undefined
  /**
   * decodeAt without an object: `code * 8 + length` for a character decodeAt reads without candidates, NOT_VALID
   * where it reads nothing, HAS_CANDIDATES where it reads a character with candidates (ask decodeAt for them).
   * The search calls this once per byte it walks; an object per call was a fifth of its time in the collector.
   */
  decodeCode(bytes: ArrayLike<number>, at: number): number
}

/** decodeCode: the bytes are not valid here. */
export const NOT_VALID = -1
/** decodeCode: a character with a lost byte and candidates for it (decodeAt gives them). */
export const HAS_CANDIDATES = -2

/** decodeCode from decodeAt, for the codecs whose reading is not on the hot path. */
function packed(decoded: Decoded | undefined): number {
  return decoded === undefined ? NOT_VALID : decoded.candidates ? HAS_CANDIDATES : decoded.code * 8 + decoded.length
}

/** One decoded character. */
export interface Decoded {
  code: number
  length: number
  /** When one byte of the character was lost (code is U+FFFD): the characters it could have been. */
  candidates?: number[]
}

const FFFD = 0xfffd

/**
 * A single-byte codec, made "sloppy": a byte the codec leaves undefined reads as the C1 control of the same value,
 * as Latin-1 would read it, so text that went through either reading maps back to its bytes.
 */
function singleByte(name: string, title: string, table: string[]): Codec {
  // Code point → byte + 1 (0: not in this codec), one typed lookup per character on the hot path.
  const toByte = new Uint16Array(0x10000)
  table.forEach((ch, byte) => {
    const code = ch.codePointAt(0)!
    if (ch.length === 1 && code !== FFFD && toByte[code] === 0) toByte[code] = byte + 1
  })
  for (let byte = 0x80; byte < 0xa0; byte++) if (toByte[byte] === 0) toByte[byte] = byte + 1
  toByte[FFFD] = LOST + 1
  const single: number[][] = []
  for (let byte = 0; byte < 0x100; byte++) single.push([byte])
  const lost = [LOST]
  // decodeCode of each byte, LOST (0x100) included: what decodeAt reads there, packed.
  const fromByte = new Int32Array(LOST + 1)
  for (let byte = 0; byte < 0x100; byte++) {
    const code = table[byte]!.codePointAt(0)!
    fromByte[byte] = (code === FFFD ? byte : code) * 8 + 1
  }
  fromByte[LOST] = FFFD * 8 + 1
  return {
    name,
    title,
    encodeChar(code) {
      const byte = code < 0x10000 ? toByte[code]! - 1 : -1
      return byte < 0 ? undefined : byte === LOST ? lost : single[byte]
    },
    encodeInto(code, out, at) {
      const byte = code < 0x10000 ? toByte[code]! - 1 : -1
      if (byte < 0) return -1
      out[at] = byte
      return 1
    },
    decodeAt(bytes, at) {
      const byte = bytes[at]!
      if (byte === LOST) return { code: FFFD, length: 1 }
      const code = table[byte]!.codePointAt(0)!
      return code === FFFD ? { code: byte, length: 1 } : { code, length: 1 }
    },
    decodeCode(bytes, at) {
      return fromByte[bytes[at]!]!
    },
  }
}

/**
 * The 256 characters of a single-byte codec as WHATWG decoders read them, the bytes a codec leaves undefined read
 * as the C1 control of the same value. (Node 20's TextDecoder reads 'windows-1252' as Latin-1, so it cannot serve
 * here.)
 */
export function windowsTable(label: string): string[] {
  const map = BYTE_MAPS[label]
  if (map === undefined) throw new RangeError(`zhtidy: no byte map for ${label}`)
  return [...map]
}

/**
 * UTF-8: no overlong forms, no surrogates except CESU-8 pairs (which are joined), nothing above U+10FFFF. The
 * sloppy variant, which the encoding step reads misread text with, also takes a space where a crawler flattened a
 * no-break space (byte A0) inside a three- or four-byte sequence; the decoder of raw bytes uses the strict one.
 */
function utf8Codec(sloppy: boolean): Codec {
  const codec: Codec = {
    name: 'utf-8',
    title: 'UTF-8',
    encodeChar(code) {
      if (code < 0x80) return [code]
      if (code < 0x800) return [0xc0 | (code >> 6), 0x80 | (code & 63)]
      if (code < 0x10000) return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
      return [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
    },
    encodeInto(code, out, at) {
      const bytes = codec.encodeChar(code)!
      for (let b = 0; b < bytes.length; b++) out[at + b] = bytes[b]!
      return bytes.length
    },
    decodeAt(bytes, at) {
      const first = bytes[at]!
      if (first < 0x80) return { code: first, length: 1 }
      let need: number
      let code: number
      let min: number
      if (first >= 0xc2 && first <= 0xdf) (need = 1), (code = first & 31), (min = 0x80)
      else if (first >= 0xe0 && first <= 0xef) (need = 2), (code = first & 15), (min = 0x800)
      else if (first >= 0xf0 && first <= 0xf4) (need = 3), (code = first & 7), (min = 0x10000)
      else return undefined
      let lost = -1
      for (let k = 1; k <= need; k++) {
        const byte = bytes[at + k]
        if (byte === undefined) return undefined
        if (byte === LOST) {
          if (lost >= 0) return { code: FFFD, length: need + 1 }
          lost = k
          code = code << 6
          continue
        }
        // A no-break space (A0) inside a three- or four-byte sequence that a crawler turned into a space (20):
        // `í ½í¸` is the CESU-8 of 😍 with both A0 bytes so flattened. Of the two-byte sequences, only those
        // whose A0 form is a common character: no-break space, Š, Π, Р, ٠ (`Å veices` is `Šveices`). `à` (C3 A0)
        // is left to the encoding step, which keeps the space that followed it.
        if (sloppy && byte === 0x20 && (need >= 2 || FLATTENED_A0_LEADS.has(first))) {
          code = (code << 6) | 0x20
          continue
        }
        if ((byte & 0xc0) !== 0x80) return undefined
        code = (code << 6) | (byte & 63)
      }
      if (lost >= 0) {
        // One continuation byte lost: 64 characters fit the bytes that survive.
        const shift = 6 * (need - lost)
        const candidates: number[] = []
        for (let v = 0; v < 64; v++) {
          const c = code | (v << shift)
          if (c >= min && c <= 0x10ffff && !(c >= 0xd800 && c <= 0xdfff)) candidates.push(c)
        }
        return { code: FFFD, length: need + 1, candidates }
      }
      if (code < min || code > 0x10ffff) return undefined
      if (code >= 0xd800 && code <= 0xdbff) {
        // CESU-8: a high surrogate followed by a low one, each as three bytes.
        const low = lowSurrogate(bytes, at + 3, sloppy)
        return low === undefined ? undefined : { code: 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00), length: 6 }
      }
      if (code >= 0xdc00 && code <= 0xdfff) return undefined
      return { code, length: need + 1 }
    },
    decodeCode(bytes, at) {
      const first = bytes[at]!
      if (first < 0x80) return first * 8 + 1
      // Two- and three-byte sequences of plain continuation bytes here; anything else (lost bytes, flattened
      // spaces, CESU-8, four bytes) as decodeAt reads it.
      if (first >= 0xc2 && first <= 0xdf) {
        const b = bytes[at + 1]
        if (b !== undefined && (b & 0xc0) === 0x80 && b < 0x100) return (((first & 31) << 6) | (b & 63)) * 8 + 2
      } else if (first >= 0xe0 && first <= 0xef) {
        const b = bytes[at + 1]
        const c = bytes[at + 2]
        if (b !== undefined && c !== undefined && (b & 0xc0) === 0x80 && (c & 0xc0) === 0x80 && b < 0x100 && c < 0x100) {
          const code = ((first & 15) << 12) | ((b & 63) << 6) | (c & 63)
          if (code >= 0x800 && (code < 0xd800 || code > 0xdfff)) return code * 8 + 3
        }
      } else if (first < 0xf0 || first > 0xf4) return NOT_VALID
      return packed(codec.decodeAt(bytes, at))
    },
  }
  return codec
}

/** The low surrogate a CESU-8 sequence at `at` spells (ED B0–BF 80–BF), or undefined. */
function lowSurrogate(bytes: ArrayLike<number>, at: number, sloppy: boolean): number | undefined {
  const [a, b, c] = [bytes[at], bytes[at + 1], bytes[at + 2]]
  if (a !== 0xed || b === undefined || c === undefined || b < 0xb0 || b > 0xbf) return undefined
  const last = sloppy && c === 0x20 ? 0xa0 : c
  if ((last & 0xc0) !== 0x80) return undefined
  return 0xd000 | ((b & 63) << 6) | (last & 63)
}

/** Lead bytes of two-byte sequences whose A0 continuation a flattened no-break space can stand for. */
const FLATTENED_A0_LEADS = new Set([0xc2, 0xc5, 0xce, 0xd0, 0xd9])

/** Strict UTF-8, for raw bytes. */
export const utf8 = utf8Codec(false)

/**
 * A double-byte codec (GBK, Big5) from what the WHATWG decoder makes of every lead/trail pair (src/data/double-byte.ts).
 * Pairs that decode to private-use characters or nothing are not accepted as right readings: real text does not use them.
 */
function doubleByte(label: 'gbk' | 'big5', title: string, lead: [number, number], trails: [number, number][]): Codec {
  const data = DOUBLE_BYTE[label]
  const decoded = new Int32Array(0x10000).fill(-1)
  let at = 0
  for (let l = lead[0]; l <= lead[1]; l++) {
    for (const [from, to] of trails) {
      for (let t = from; t <= to; t++) {
        const code = data.pairs.codePointAt(at)!
        at += code > 0xffff ? 2 : 1
        if (code !== 0) decoded[(l << 8) | t] = code
      }
    }
  }
  const pairs = new Int32Array(0x10000).fill(-1)
  const loosePairs = new Int32Array(0x10000).fill(-1)
  // Character → its bytes: a byte pair as `lead << 8 | trail`, a single byte as itself (ASCII, GBK's 80 = €), -1
  // for none; characters outside the BMP (Big5's HKSCS) in a map. The byte arrays are made on first use.
  const toKey = new Int32Array(0x10000).fill(-1)
  const astralKey = new Map<number, number>()
  const encoded: (readonly number[] | undefined)[] = new Array(0x10000)
  const setKey = (code: number, key: number, first: boolean): void => {
    if (code < 0x10000) {
      if (!first || toKey[code] === -1) toKey[code] = key
    } else if (!first || !astralKey.has(code)) astralKey.set(code, key)
  }
  // Leads in the order their characters should be encoded back: Big5's standard rows before the HKSCS ones
  // below 0xA1, which repeat some standard characters.
  const leads: number[] = []
  for (let l = lead[0]; l <= lead[1]; l++) leads.push(l)
  if (label === 'big5') leads.sort((a, b) => (a >= 0xa1 ? a - 0x100 : a) - (b >= 0xa1 ? b - 0x100 : b))
  for (const l of leads) {
    for (const [from, to] of trails) {
      for (let t = from; t <= to; t++) {
        const key = (l << 8) | t
        const code = decoded[key]!
        if (code < 0) continue
        // Private-use characters are what a misreading prints for user-defined pairs: they map back to their
        // bytes, but are never accepted as a right reading.
        if (!(code >= 0xe000 && code < 0xf900)) pairs[key] = code
        loosePairs[key] = code
        setKey(code, key, true)
      }
    }
  }
  if (label === 'big5') addHkscs(trails, toKey, astralKey)
  for (let b = 0; b < 0x80; b++) toKey[b] = b
  for (let b = 0x80; b < 0x100; b++) {
    const code = data.single.charCodeAt(b - 0x80)
    // A single byte the decoder maps (GBK's 0x80 = €) is how a misreading of UTF-8 shows it: it wins over a
    // pair for the same character (GBK's A2E3), which UTF-8 bytes rarely form.
    if (code !== 0) setKey(code, b, false)
  }
  const lost = [LOST]
  return {
    name: label,
    title,
    encodeChar(code) {
      if (code === FFFD) return lost
      let bytes = encoded[code]
      if (bytes) return bytes
      const key = code < 0x10000 ? toKey[code]! : (astralKey.get(code) ?? -1)
      if (key < 0) return undefined
      bytes = key < 0x100 ? [key] : [key >> 8, key & 0xff]
      if (code < 0x10000) encoded[code] = bytes
      return bytes
    },
    encodeInto(code, out, at) {
      if (code === FFFD) {
        out[at] = LOST
        return 1
      }
      const key = code < 0x10000 ? toKey[code]! : (astralKey.get(code) ?? -1)
      if (key < 0) return -1
      if (key < 0x100) {
        out[at] = key
        return 1
      }
      out[at] = key >> 8
      out[at + 1] = key & 0xff
      return 2
    },
    decodeAt(bytes, at, loose) {
      const first = bytes[at]!
      if (first < 0x80) return { code: first, length: 1 }
      const second = bytes[at + 1]
      if (second === undefined) return undefined
      // A lost unit where a character begins is a whole character lost (what a double-byte decoder prints for
      // a pair it rejects): it stands alone, and the bytes after it keep their alignment.
      if (first === LOST) return { code: FFFD, length: 1 }
      if (second === LOST) return first >= lead[0] ? { code: FFFD, length: 2 } : undefined
      const code = (loose ? loosePairs : pairs)[(first << 8) | second]!
      return code < 0 ? undefined : { code, length: 2 }
    },
    decodeCode(bytes, at) {
      const first = bytes[at]!
      if (first < 0x80) return first * 8 + 1
      const second = bytes[at + 1]
      if (second === undefined) return NOT_VALID
      if (first === LOST) return FFFD * 8 + 1
      if (second === LOST) return first >= lead[0] ? FFFD * 8 + 2 : NOT_VALID
      const code = pairs[(first << 8) | second]!
      return code < 0 ? NOT_VALID : code * 8 + 2
    },
  }
}

/**
 * Big5 as WHATWG decoders read it (iconv-lite's big5, browsers): the HKSCS rows and the ETEN rows that Node's
 * decoder reads as private use hold characters there (`ロ`, `ン`, `⺼`, `ø`, `ゐ`). Text misread by such a decoder maps
 * back to those bytes. A character both tables place, at different pairs (`包` is A55D and, in HKSCS, FABD), goes
 * back to the pair whose GBK reading is the likelier character: Big5 is the wrong codec of GBK text far more often
 * than of UTF-8 (whose bytes are rarely valid Big5 pairs at all). The HKSCS characters are not accepted as a right
 * reading of Big5 bytes (Node's decoder, which the step decodes with, gives private use there).
 */
function addHkscs(trails: [number, number][], toKey: Int32Array, astralKey: Map<number, number>): void {
  const perLead = trails.reduce((n, [from, to]) => n + to - from + 1, 0)
  const keyAt = (index: number): number => {
    const lead = 0x81 + Math.floor(index / perLead)
    let t = index % perLead
    for (const [from, to] of trails) {
      if (t <= to - from) return (lead << 8) | (from + t)
      t -= to - from + 1
    }
    return -1
  }
  const gbk = DOUBLE_BYTE.gbk.pairs
  // How likely a pair is as GBK text: its character's weight, 0 for private use, none or a non-Han symbol.
  const asGbk = (key: number): number => {
    const lead = key >> 8
    const trail = key & 0xff
    if (trail === 0x7f || trail < 0x40) return 0
    const code = gbk.charCodeAt((lead - 0x81) * 190 + (trail < 0x7f ? trail - 0x40 : trail - 0x41))
    return code >= 0x3400 && code < 0xa000 ? 1 + charWeight(code) : 0
  }
  for (const [start, chars] of BIG5_HKSCS) {
    let index = start
    for (const ch of chars) {
      const key = keyAt(index++)
      const code = ch.codePointAt(0)!
      if (code < 0x10000) {
        const old = toKey[code]!
        if (old < 0 || (old >= 0x100 && asGbk(key) > asGbk(old))) toKey[code] = key
      } else {
        const old = astralKey.get(code)
        if (old === undefined || asGbk(key) > asGbk(old)) astralKey.set(code, key)
      }
    }
  }
}

/**
 * A common scraper fallback: bytes read as UTF-8 where they are valid UTF-8, as Latin-1 elsewhere. GBK text so
 * read is mostly Latin-1 letters, but a GBK pair that happens to be a valid UTF-8 sequence shows as one character
 * (`ʵ` is CA B5, `ҳ` D2 B3). A character below U+0100 maps back to its Latin-1 byte, any other to its UTF-8 bytes.
 */
function utf8Latin(): Codec {
  const latin = utf8Codec(false)
  // windows-1252's own symbols (`€`, `ƒ`, `™`…) are windows-1252 text, not this decoder's: such a line is read so.
  const windows = new Set(windowsTable('windows-1252').slice(0x80, 0xa0).map((ch) => ch.charCodeAt(0)).filter((c) => c >= 0x100))
  const codec: Codec = {
    name: 'utf8-latin',
    title: TITLES['utf8-latin']!,
    encodeChar(code) {
      if (code === FFFD) return [LOST]
      if (code < 0x100) return [code]
      return windows.has(code) ? undefined : latin.encodeChar(code)
    },
    encodeInto(code, out, at) {
      if (code === FFFD) {
        out[at] = LOST
        return 1
      }
      if (code < 0x100) {
        out[at] = code
        return 1
      }
      return windows.has(code) ? -1 : latin.encodeInto(code, out, at)
    },
    decodeAt(bytes, at) {
      const byte = bytes[at]!
      if (byte === LOST) return { code: FFFD, length: 1 }
      const next = byte >= 0xc2 ? latin.decodeAt(bytes, at) : undefined
      return next && !next.candidates ? next : { code: byte, length: 1 }
    },
    decodeCode(bytes, at) {
      return packed(codec.decodeAt(bytes, at))
    },
  }
  return codec
}

/** The codecs the encoding step reads with, by name, and their titles for messages. */
const TITLES: Readonly<Record<string, string>> = {
  'utf-8': 'UTF-8',
  gbk: 'GBK',
  big5: 'Big5',
  latin: 'windows-1252',
  'utf8-latin': 'UTF-8 with Latin-1 fallback',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1257': 'windows-1257',
  'iso-8859-2': 'ISO-8859-2',
  macintosh: 'Mac Roman',
  cp437: 'cp437',
}

const built = new Map<string, Codec>()

function build(name: string): Codec {
  const title = TITLES[name]!
  switch (name) {
    case 'utf-8': return utf8Codec(true)
    case 'gbk': return doubleByte('gbk', title, [0x81, 0xfe], [[0x40, 0x7e], [0x80, 0xfe]])
    case 'big5': return doubleByte('big5', title, [0x81, 0xfe], [[0x40, 0x7e], [0xa1, 0xfe]])
    case 'latin': return singleByte('latin', title, windowsTable('windows-1252'))
    case 'utf8-latin': return utf8Latin()
    default: return singleByte(name, title, windowsTable(name))
  }
}

/** The codec of that name, built on first use. */
export function codec(name: string): Codec {
  let made = built.get(name)
  if (!made) {
    if (!(name in TITLES)) throw new RangeError(`zhtidy: unknown codec ${name}`)
    made = build(name)
    built.set(name, made)
  }
  return made
}

/** The human name of a codec, without building it. */
export function codecTitle(name: string): string {
  return TITLES[name] ?? name
}

/** Names of the codecs built so far in this process (for tests of what a run loads). */
export function builtCodecs(): string[] {
  return [...built.keys()]
}

import { DOUBLE_BYTE } from '../../data/double-byte.js'
import { MIRROR_GBK_DIFFERENCES } from '../../data/mirror-gbk.js'

/**
 * GBK as the byte-slip repair reads and writes it (iconv-lite's gbk, see src/data/mirror-gbk.ts), as two typed
 * tables built on first use: a document without a slip candidate never builds them. A repair tries a hundred
 * fillings of a lost byte; a table look-up per byte replaces a Buffer and an iconv-lite call per candidate.
 */

interface Tables {
  /** `lead << 8 | trail` → the character the pair decodes to, 0 for none. */
  decode: Uint16Array
  /** Code unit → its bytes: below 0x100 a single byte, else `lead << 8 | trail`; -1 when GBK cannot hold it. */
  encode: Int32Array
}

let tables: Tables | undefined

function build(): Tables {
  const decode = new Uint16Array(0x10000)
  const { pairs } = DOUBLE_BYTE.gbk
  let at = 0
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      const code = pairs.codePointAt(at)!
      at += code > 0xffff ? 2 : 1
      if (code <= 0xffff) decode[(lead << 8) | trail] = code
    }
  }
  for (const [key, code] of MIRROR_GBK_DIFFERENCES) decode[key] = code
  const encode = new Int32Array(0x10000).fill(-1)
  for (let code = 0; code < 0x80; code++) encode[code] = code
  encode[0x20ac] = 0x80
  for (let key = 0x8140; key <= 0xfefe; key++) {
    const code = decode[key]!
    if (code !== 0 && encode[code] === -1) encode[code] = key
  }
  return { decode, encode }
}

/** The bytes of one UTF-16 code unit as a key (below 0x100 one byte, else `lead << 8 | trail`), -1 for none. */
export function gbkKey(unit: number): number {
  return (tables ??= build()).encode[unit]!
}

/** The bytes of one code unit, or undefined when GBK cannot hold it. */
export function gbkBytes(unit: number): number[] | undefined {
  const key = gbkKey(unit)
  return key < 0 ? undefined : key < 0x100 ? [key] : [key >> 8, key & 0xff]
}

/** The one character `lead` and `trail` decode to together, or 0 when they do not make one. */
export function gbkPair(lead: number, trail: number): number {
  if (lead < 0x81 || lead > 0xfe || trail > 0xff) return 0
  return (tables ??= build()).decode[(lead << 8) | trail]!
}

/**
 * Decodes `bytes[from…to)` strictly, writing each character's code into `out` from `at` on: the count written
 * up to then, or -1 when a byte belongs to no character, or a pair is not the one its character encodes back to
 * (the decoding must round-trip), or `accept(code)` refuses a character.
 */
export function decodeStrict(bytes: ArrayLike<number>, from: number, to: number, accept: Uint8Array, out: number[], at = 0): number {
  const { decode, encode } = (tables ??= build())
  let i = from
  while (i < to) {
    const byte = bytes[i]!
    let code: number
    if (byte < 0x80) (code = byte), i++
    else if (byte === 0x80) (code = 0x20ac), i++
    else {
      if (byte === 0xff || i + 1 >= to) return -1
      const key = (byte << 8) | bytes[i + 1]!
      code = decode[key]!
      if (code === 0 || encode[code] !== key) return -1
      i += 2
    }
    if (accept[code] !== 1) return -1
    out[at++] = code
  }
  return at
}

/** Whether the tables have been built in this process (for tests of what a run loads). */
export function gbkTablesBuilt(): boolean {
  return tables !== undefined
}

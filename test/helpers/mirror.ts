import iconv from 'iconv-lite'
import { pinyin } from 'pinyin-pro'

/**
 * Replays the program of the mirror sites (shared/notes/mirror-damage.md) on real text: pinyin after a fixed set of
 * characters and an optional punctuation pass, both as search-and-replace on GBK bytes, so that matches across a
 * character boundary split characters exactly as they do on the real pages.
 */
export interface MirrorOptions {
  /** Characters to annotate, each at every occurrence, with its first reading. */
  annotate: readonly string[]
  /** 'ascii': full-width marks replaced by ASCII; 'space': a space put before every full-width mark. */
  punctuation?: 'ascii' | 'space'
  /** Whether the punctuation pass runs before the pinyin insertion (default: after it). */
  punctuationFirst?: boolean
  /** How the site shows a lost byte: U+FFFD (WHATWG decoders) or '?'. Superseded by `decoder`. */
  lostByte?: '\ufffd' | '?'
  /**
   * How the site's decoder shows a lone lead byte (one whose pair was split): `?` with the ASCII byte after it
   * kept, `?` that swallowed that ASCII byte, U+FFFD with the ASCII byte kept (WHATWG), or nothing (dropped).
   */
  decoder?: Decoder
}

export type Decoder = '?' | 'swallowed' | '\ufffd' | 'dropped'
export const DECODERS: readonly Decoder[] = ['?', 'swallowed', '\ufffd', 'dropped']

const ASCII_FOR: [number[], number][] = [
  [[0xa3, 0xa1], 0x21], // ！
  [[0xa3, 0xac], 0x2c], // ，
  [[0xa3, 0xba], 0x3a], // ：
  [[0xa3, 0xbb], 0x3b], // ；
  [[0xa3, 0xbf], 0x3f], // ？
]
const SPACED: number[][] = [[0xa3, 0xac], [0xa1, 0xa2], [0xa1, 0xa3], [0xa3, 0xbb], [0xa3, 0xba], [0xa3, 0xbf], [0xa3, 0xa1]]

function replaceAll(bytes: number[], find: number[], make: (found: number[]) => number[]): number[] {
  const out: number[] = []
  for (let i = 0; i < bytes.length; ) {
    if (find.every((b, k) => bytes[i + k] === b)) {
      out.push(...make(find))
      i += find.length
    } else out.push(bytes[i++]!)
  }
  return out
}

/** The GBK bytes of `text` after the mirror program's passes (before any decoder reads them). */
export function mirrorBytes(text: string, options: MirrorOptions): number[] {
  let bytes = [...iconv.encode(text, 'gbk')]
  const punctuate = (): void => {
    if (options.punctuation === 'ascii') for (const [mark, ascii] of ASCII_FOR) bytes = replaceAll(bytes, mark, () => [ascii])
    if (options.punctuation === 'space') for (const mark of SPACED) bytes = replaceAll(bytes, mark, (found) => [0x20, ...found])
  }
  if (options.punctuationFirst) punctuate()
  for (const char of options.annotate) {
    const reading = (pinyin(char, { type: 'array' }) as string[])[0]!
    const insertion = [...iconv.encode(`(${reading})`, 'gbk')]
    bytes = replaceAll(bytes, [...iconv.encode(char, 'gbk')], (found) => [...found, ...insertion])
  }
  if (!options.punctuationFirst) punctuate()
  return bytes
}

/**
 * Decodes GBK bytes as a site's decoder does. iconv-lite reads a lone lead byte before an ASCII byte as U+FFFD
 * and keeps the ASCII byte (as WHATWG decoders do); the other decoders are that reading rewritten.
 */
export function showBytes(bytes: readonly number[], decoder: Decoder): string {
  const decoded = iconv.decode(Buffer.from(bytes), 'gbk')
  if (decoder === '\ufffd') return decoded
  if (decoder === 'swallowed') return decoded.replace(/\ufffd[\x20-\x7e]?/g, '?')
  if (decoder === 'dropped') return decoded.replace(/\ufffd/g, '')
  return decoded.replace(/\ufffd/g, '?')
}

export function mirror(text: string, options: MirrorOptions): string {
  return showBytes(mirrorBytes(text, options), options.decoder ?? (options.lostByte === '?' ? '?' : '\ufffd'))
}

/** How many lead bytes the program left without their pair (each a byte slip), read before any decoder. */
export function brokenPairs(text: string, options: MirrorOptions): number {
  return [...iconv.decode(Buffer.from(mirrorBytes(text, options)), 'gbk').matchAll(/\ufffd/g)].length
}

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
  /** How the site shows a lost byte: U+FFFD (WHATWG decoders) or '?'. */
  lostByte?: '\ufffd' | '?'
}

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

export function mirror(text: string, options: MirrorOptions): string {
  let bytes = [...iconv.encode(text, 'gbk')]
  for (const char of options.annotate) {
    const reading = (pinyin(char, { type: 'array' }) as string[])[0]!
    const insertion = [...iconv.encode(`(${reading})`, 'gbk')]
    bytes = replaceAll(bytes, [...iconv.encode(char, 'gbk')], (found) => [...found, ...insertion])
  }
  if (options.punctuation === 'ascii') for (const [mark, ascii] of ASCII_FOR) bytes = replaceAll(bytes, mark, () => [ascii])
  if (options.punctuation === 'space') for (const mark of SPACED) bytes = replaceAll(bytes, mark, (found) => [0x20, ...found])
  const decoded = iconv.decode(Buffer.from(bytes), 'gbk')
  return options.lostByte === '?' ? decoded.replace(/\ufffd/g, '?') : decoded
}

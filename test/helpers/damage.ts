// The misreadings of issue 4, applied to real text: each returns the text as a program that guessed the wrong
// encoding would show it, using the WHATWG decoders (Node's TextDecoder) that browsers use, or iconv-lite's
// Latin-1 (C1 controls kept). `lossless` tells whether every byte survived the misreading.
import iconv from 'iconv-lite'

export interface Damaged {
  kind: string
  text: string
  lossless: boolean
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8')
/** WHATWG decoding. Node 20's TextDecoder reads 'windows-1252' as Latin-1, so that one is built from iconv-lite,
 * with the five bytes windows-1252 leaves undefined read as C1 controls, as browsers do. */
const whatwg = (label: string, bytes: Uint8Array): string =>
  label === 'windows-1252'
    ? [...bytes].map((b) => (b >= 0x80 && b < 0xa0 && iconv.decode(Buffer.from([b]), label) === '\uFFFD' ? String.fromCharCode(b) : iconv.decode(Buffer.from([b]), label))).join('')
    : new TextDecoder(label).decode(bytes)

function encodes(text: string, encoding: string): Buffer | undefined {
  const bytes = iconv.encode(text, encoding)
  return iconv.decode(bytes, encoding) === text ? bytes : undefined
}

/** Bytes survive when the wrong decoding, encoded back with the wrong codec, gives the same bytes. */
function survives(shown: string, bytes: Buffer, wrong: string): boolean {
  if (shown.includes('\uFFFD')) return false
  // WHATWG windows-1252 reads the five bytes it leaves undefined as C1 controls: they map back to themselves.
  const back =
    wrong === 'latin1'
      ? Buffer.from(shown, 'latin1')
      : wrong === 'windows-1252'
        ? Buffer.concat([...shown].map((ch) => (ch.charCodeAt(0) >= 0x80 && ch.charCodeAt(0) < 0xa0 ? Buffer.from([ch.charCodeAt(0)]) : iconv.encode(ch, wrong))))
        : iconv.encode(shown, wrong)
  return back.equals(bytes)
}

type Damage = (text: string) => Damaged | undefined

function misread(kind: string, from: string, wrong: string, reader: (bytes: Buffer) => string): Damage {
  return (text) => {
    const bytes = from === 'utf-8' ? utf8(text) : encodes(text, from)
    if (!bytes) return undefined
    const shown = reader(bytes)
    if (shown === text) return undefined
    return { kind, text: shown, lossless: survives(shown, bytes, wrong) }
  }
}

export const DAMAGES: Record<string, Damage> = {
  'utf8-as-gbk': misread('utf8-as-gbk', 'utf-8', 'gbk', (b) => whatwg('gbk', b)),
  'utf8-as-gb18030': misread('utf8-as-gb18030', 'utf-8', 'gb18030', (b) => whatwg('gb18030', b)),
  'utf8-as-windows-1252': misread('utf8-as-windows-1252', 'utf-8', 'windows-1252', (b) => whatwg('windows-1252', b)),
  'utf8-as-latin1': misread('utf8-as-latin1', 'utf-8', 'latin1', (b) => b.toString('latin1')),
  'gbk-as-latin1': misread('gbk-as-latin1', 'gbk', 'latin1', (b) => b.toString('latin1')),
  'gbk-as-windows-1252': misread('gbk-as-windows-1252', 'gbk', 'windows-1252', (b) => whatwg('windows-1252', b)),
  'big5-as-latin1': misread('big5-as-latin1', 'big5', 'latin1', (b) => b.toString('latin1')),
  'big5-as-gbk': misread('big5-as-gbk', 'big5', 'gbk', (b) => whatwg('gbk', b)),
  'gbk-as-big5': misread('gbk-as-big5', 'gbk', 'big5', (b) => whatwg('big5', b)),
  // The misread text saved again in the wrong encoding: every U+FFFD becomes `?` (iconv-lite and most encoders).
  'utf8-as-gbk-saved': (text) => {
    const shown = whatwg('gbk', utf8(text))
    if (!shown.includes('\uFFFD')) return undefined
    return { kind: 'utf8-as-gbk-saved', text: iconv.decode(iconv.encode(shown, 'gbk'), 'gbk'), lossless: false }
  },
  'double-utf8': (text) => {
    const once = whatwg('windows-1252', utf8(text))
    const twice = whatwg('windows-1252', utf8(once))
    return { kind: 'double-utf8', text: twice, lossless: !twice.includes('\uFFFD') && survives(once, utf8(text), 'windows-1252') }
  },
}

/**
 * A common scraper fallback: bytes read as UTF-8 where they form a valid sequence, as Latin-1 elsewhere (GBK's
 * `实` is CA B5, valid UTF-8 for `ʵ`).
 */
export function utf8OrLatin1(bytes: Uint8Array): string {
  const strict = new TextDecoder('utf-8', { fatal: true })
  let out = ''
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0
    if (need > 0 && i + need < bytes.length + 0) {
      try {
        const ch = strict.decode(bytes.subarray(i, i + need + 1))
        if ([...ch].length === 1) {
          out += ch
          i += need + 1
          continue
        }
      } catch {}
    }
    out += String.fromCharCode(b)
    i++
  }
  return out
}

/** Levenshtein distance over code points (for lossy cases: is the repair closer to the original?). */
export function distance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[y.length]!
}

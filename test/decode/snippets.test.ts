// The same real text's bytes in each encoding, 8 to 600 characters long, decoded by the parser, with chardet's and
// jschardet's figures beside ours from the same run (each detector's answer decoded with iconv-lite). The text is
// real prose no one here wrote: Debian's manpages-zh, read in place (see test/helpers/manpages.ts).
import chardet from 'chardet'
import iconv from 'iconv-lite'
import jschardet from 'jschardet'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from '../../src/decode/index.js'
import { hasManpages, manpageParagraphs, MANPAGES_SKIP } from '../helpers/manpages.js'

const LENGTHS = [8, 12, 16, 24, 32, 64, 128, 300, 600]

/** [label, how to make the bytes, locales whose text the encoding can hold] */
const ENCODINGS: [string, (text: string) => Buffer | undefined, ('zh_CN' | 'zh_TW')[]][] = [
  ['utf-8', (t) => Buffer.from(t, 'utf8'), ['zh_CN', 'zh_TW']],
  ['utf-8 with BOM', (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]), ['zh_CN']],
  ['gb18030', (t) => exact(t, 'gb18030'), ['zh_CN', 'zh_TW']],
  ['gbk', (t) => exact(t, 'gbk'), ['zh_CN']],
  ['big5', (t) => exact(t, 'big5'), ['zh_TW']],
  ['utf-16le', (t) => Buffer.from(t, 'utf16le'), ['zh_CN', 'zh_TW']],
  ['utf-16be', (t) => Buffer.from(t, 'utf16le').swap16(), ['zh_CN']],
  ['utf-16le with BOM', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]), ['zh_TW']],
  ['utf-32le with BOM', (t) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from([...t].flatMap((c) => { const n = c.codePointAt(0)!; return [n & 255, (n >> 8) & 255, n >> 16, 0] }))]), ['zh_CN']],
]

function exact(text: string, encoding: string): Buffer | undefined {
  const bytes = iconv.encode(text, encoding)
  return iconv.decode(bytes, encoding) === text ? bytes : undefined
}

/** Snippets of every length, cut from runs of consecutive paragraphs, a stable selection. */
function snippets(locale: 'zh_CN' | 'zh_TW'): string[] {
  const paragraphs = manpageParagraphs(locale).map((p) => p.text)
  const out: string[] = []
  for (const length of LENGTHS) {
    for (let i = 0; i < paragraphs.length; i += 97) {
      const chars = [...paragraphs.slice(i, i + 20).join('')]
      if (chars.length >= length) out.push(chars.slice(0, length).join(''))
    }
  }
  return out
}

/** Labels a detector prints that iconv-lite does not know by that name. */
const ALIASES: Record<string, string> = { 'UTF-8-SIG': 'utf-8' }

function detectorDecodes(label: string | null | undefined, bytes: Buffer, text: string): boolean {
  if (!label) return false
  const name = ALIASES[label] ?? label
  try {
    return iconv.decode(bytes, name) === text
  } catch {
    return false
  }
}

if (!hasManpages) console.warn(`test/decode/snippets.test.ts: ${MANPAGES_SKIP}`)

describe.skipIf(!hasManpages)('every snippet decoded exactly, beside chardet and jschardet', () => {
  const rows: string[] = []
  for (const [label, encode, locales] of ENCODINGS) {
    it(label, () => {
      let n = 0
      let ours = 0
      let chardetOk = 0
      let jschardetOk = 0
      const failures: string[] = []
      for (const locale of locales) {
        for (const text of snippets(locale)) {
          const bytes = encode(text)
          if (!bytes) continue
          n++
          const decoded = decodeBytes(new Uint8Array(bytes))
          if (decoded.text === text) ours++
          else if (failures.length < 3) failures.push(`${JSON.stringify(text)} read as ${decoded.encoding}: ${JSON.stringify(decoded.text)}`)
          // iconv-lite strips a byte-order mark itself.
          if (detectorDecodes(chardet.detect(bytes), bytes, text)) chardetOk++
          if (detectorDecodes(jschardet.detect(bytes).encoding, bytes, text)) jschardetOk++
        }
      }
      const pct = (k: number): string => `${((100 * k) / n).toFixed(1)}%`
      rows.push(`${label.padEnd(18)} n=${n}  zhtidy ${pct(ours)}  chardet ${pct(chardetOk)}  jschardet ${pct(jschardetOk)}`)
      console.log(rows[rows.length - 1])
      expect(n).toBeGreaterThan(500)
      expect(failures).toEqual([])
      expect(ours).toBeGreaterThanOrEqual(chardetOk)
      expect(ours).toBeGreaterThanOrEqual(jschardetOk)
    })
  }
})

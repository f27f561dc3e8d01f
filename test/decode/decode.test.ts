// The parser's decoding of raw bytes (src/decode/index.ts), on its own small cases: these stand alone.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from '../../src/decode/index.js'
import { detect, tidy } from '../../src/index.js'

/** A real page (alanshi/charset_mnbvc test fixture, see ../shared/real-pages/SOURCES.md), read in place. */
const MOJI_PAGE = path.resolve(__dirname, '../../../shared/real-pages/moji-gbk-as-latin1-novel-zxcs8-charset_mnbvc.txt')

const bytes = (text: string, encoding: string): Uint8Array => new Uint8Array(iconv.encode(text, encoding))
const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts))

describe('decodeBytes', () => {
  const zh = '市委书记主持召开会议，研究部署疫情防控工作。'
  const hant = '市委書記主持召開會議，研究部署疫情防控工作。'

  it('honours byte-order marks, including UTF-32 before UTF-16', () => {
    const cases: [string, Uint8Array][] = [
      ['utf-8', concat(new Uint8Array([0xef, 0xbb, 0xbf]), bytes(zh, 'utf8'))],
      ['utf-16le', concat(new Uint8Array([0xff, 0xfe]), bytes(zh, 'utf16le'))],
      ['utf-16be', concat(new Uint8Array([0xfe, 0xff]), bytes(zh, 'utf16-be'))],
      ['utf-32le', concat(new Uint8Array([0xff, 0xfe, 0, 0]), new Uint8Array(Buffer.from([...zh].flatMap((c) => { const n = c.codePointAt(0)!; return [n & 255, (n >> 8) & 255, n >> 16, 0] }))))],
    ]
    for (const [encoding, input] of cases) {
      const decoded = decodeBytes(input)
      expect([decoded.encoding, decoded.text, decoded.bom]).toEqual([encoding, zh, true])
    }
  })

  it('reads GB18030, Big5 and UTF-16 without a mark by plausibility', () => {
    expect(decodeBytes(bytes(zh, 'gb18030'))).toMatchObject({ encoding: 'gb18030', text: zh })
    expect(decodeBytes(bytes(hant, 'big5'))).toMatchObject({ encoding: 'big5', text: hant })
    expect(decodeBytes(bytes(hant, 'gb18030'))).toMatchObject({ encoding: 'gb18030', text: hant })
    expect(decodeBytes(bytes(`${zh} (v1.2)`, 'utf16le'))).toMatchObject({ encoding: 'utf-16le', text: `${zh} (v1.2)` })
    expect(decodeBytes(bytes(zh, 'utf16-be'))).toMatchObject({ encoding: 'utf-16be', text: zh })
  })

  it('reads what is not Chinese: Shift_JIS, EUC-KR, windows-1252', () => {
    const ja = '日本語の文章です。東京タワーに行きました。'
    const ko = '한국어 문장입니다. 서울에 갔습니다.'
    const fr = 'Le café de la rue Müller coûte 3 € à emporter.'
    expect(decodeBytes(bytes(ja, 'shift_jis'))).toMatchObject({ encoding: 'shift_jis', text: ja })
    expect(decodeBytes(bytes(ko, 'euc-kr'))).toMatchObject({ encoding: 'euc-kr', text: ko })
    expect(decodeBytes(bytes(fr, 'windows-1252'))).toMatchObject({ encoding: 'windows-1252', text: fr })
  })

  it('keeps short GBK text that happens to be valid UTF-8 as GBK', () => {
    // 为 is D2 BB in GBK: valid UTF-8 for `һ`.
    expect(decodeBytes(bytes('-width为', 'gbk')).text).toBe('-width为')
  })

  it('decodes a file whose lines come in different encodings line by line', () => {
    const input = concat(bytes(`${zh}\n`, 'utf8'), bytes(`${hant}\n`, 'big5'), bytes(`${zh}\n`, 'gbk'))
    const decoded = decodeBytes(input)
    expect(decoded.text).toBe(`${zh}\n${hant}\n${zh}\n`)
    expect(decoded.encoding).toBe('mixed')
    expect(decoded.lines).toEqual(['utf-8', 'big5', 'gb18030'])
  })

  it('gives a Big5 line in a GBK file its own reading, though its bytes are valid GBK', () => {
    // Without the check the line decodes as GBK without error, into mojibake (`市委書記主持召開會議` → `カ〆癘秨穦某`).
    const input = concat(bytes(`${zh}\n`, 'gbk'), bytes(`${hant}\n`, 'big5'), bytes(`${zh}\n`, 'gbk'))
    const decoded = decodeBytes(input)
    expect(decoded.text).toBe(`${zh}\n${hant}\n${zh}\n`)
    expect(decoded.encoding).toBe('mixed')
    expect(decoded.lines).toEqual(['gb18030', 'big5', 'gb18030'])
    // And a GBK line in a Big5 file.
    const reverse = decodeBytes(concat(bytes(`${hant}\n`, 'big5'), bytes(`${zh}\n`, 'gbk'), bytes(`${hant}\n`, 'big5')))
    expect([reverse.text, reverse.lines]).toEqual([`${hant}\n${zh}\n${hant}\n`, ['big5', 'gb18030', 'big5']])
  })

  it('never throws on invalid bytes: U+FFFD with the byte offset', () => {
    const good = bytes('中文', 'utf8')
    const input = concat(good, new Uint8Array([0xff, 0xfe, 0xfd]), bytes('测试', 'utf8'))
    const decoded = decodeBytes(input)
    expect(decoded.text.replace(/\uFFFD+/g, '?')).toContain('中文')
    expect(decoded.invalid.length).toBeGreaterThan(0)
    for (const place of decoded.invalid) expect(input[place.offset]).toBeGreaterThanOrEqual(0x80)
  })

  it('reports invalid UTF-8 inside a UTF-8 file at its offset', () => {
    const input = concat(bytes('第一行中文内容\n第二行', 'utf8'), new Uint8Array([0xe4, 0xb8]), bytes('\n第三行中文内容', 'utf8'))
    const decoded = decodeBytes(input)
    const offset = Buffer.byteLength('第一行中文内容\n第二行')
    expect(decoded.invalid).toContainEqual({ offset, length: 2 })
    const result = tidy(input, { only: [] })
    const message = result.messages.find((m) => m.ruleId === 'decode/invalid-bytes')
    expect(message?.line).toBe(2)
  })

  it('handles empty input, ASCII and clean UTF-8 without guessing', () => {
    expect(decodeBytes(new Uint8Array())).toMatchObject({ text: '', encoding: 'utf-8' })
    expect(decodeBytes(bytes('plain ascii text\n', 'utf8'))).toMatchObject({ encoding: 'utf-8', confidence: 1 })
    expect(decodeBytes(bytes(`${zh}\n`.repeat(1000), 'utf8'))).toMatchObject({ encoding: 'utf-8', confidence: 1 })
  })

  it('gives a lower confidence to short ambiguous input than to a paragraph', () => {
    const short = decodeBytes(bytes('档案', 'gbk')).confidence
    const long = decodeBytes(bytes(zh.repeat(4), 'gbk')).confidence
    expect(long).toBeGreaterThan(short)
  })

  it('detect() and tidy() report the encoding through the public API', () => {
    expect(detect(bytes(hant, 'big5')).encoding).toBe('big5')
    expect(tidy(bytes(zh, 'gb18030'), { only: [] })).toMatchObject({ encoding: 'gb18030', text: zh })
  })

  it('keeps UTF-8 that holds GBK read as Latin-1 as UTF-8, for the encoding step to repair', () => {
    // Such files are valid UTF-8 of two-byte characters only, which short GBK text can be too; read straight as
    // GBK they give mojibake twice over (`赂眉露脿`), so the UTF-8 reading is scored by what it re-reads to.
    const shown = iconv.encode(zh, 'gbk').toString('latin1')
    const decoded = decodeBytes(bytes(shown, 'utf8'))
    expect([decoded.encoding, decoded.text]).toEqual(['utf-8', shown])
    expect(tidy(bytes(shown, 'utf8'), { only: ['encoding'] }).text).toBe(zh)
  })

  it.skipIf(!existsSync(MOJI_PAGE))('decodes a real GBK-read-as-Latin-1 novel page stored as UTF-8 (../shared/real-pages)', () => {
    const page = readFileSync(MOJI_PAGE)
    expect(decodeBytes(page).encoding).toBe('utf-8')
    expect(tidy(page, { only: ['encoding'] }).text).toContain('更多精校小说尽在知轩藏书下载')
  })
})

if (!existsSync(MOJI_PAGE)) console.warn(`test/decode/decode.test.ts: ${MOJI_PAGE} is absent (a clone without ../shared); skipping the real page`)

describe('places of undecodable bytes in UTF-16', () => {
  it('count line feeds as code units: 上 (0A 4E in UTF-16LE) is no line break', () => {
    const text = '上上\n第二行\n第三\ud800行\n'
    const units = [0xfeff, ...Array.from({ length: text.length }, (_, k) => text.charCodeAt(k))]
    for (const littleEndian of [true, false]) {
      const bytes = new Uint8Array(units.length * 2)
      units.forEach((u, k) => {
        bytes[2 * k + (littleEndian ? 0 : 1)] = u & 0xff
        bytes[2 * k + (littleEndian ? 1 : 0)] = u >> 8
      })
      const result = tidy(bytes)
      expect(result.encoding).toBe(littleEndian ? 'utf-16le' : 'utf-16be')
      const bad = result.messages.find((m) => m.ruleId === 'decode/invalid-bytes')
      expect(bad?.line).toBe(3)
    }
  })
})

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/tidy.js'
import { characterEnd, countBreaks, lineEnd, sentenceEnd, windowCut } from '../../src/stream/text.js'
import { cleanBytes } from './helpers.js'

const repoRoot = path.resolve(__dirname, '../..')
const samples = readdirSync(path.join(repoRoot, 'corpus-samples'))
  .filter((f) => f.endsWith('.txt') && !f.includes('.expected.'))
  .sort()
  .map((f) => readFileSync(path.join(repoRoot, 'corpus-samples', f), 'utf8'))
const zuozhuan = path.resolve(repoRoot, '../shared/suites/opencc/benchmark/zuozhuan.txt')

describe('plain text windows', () => {
  it('a small file is one document, cleaned exactly as tidy() cleans it', async () => {
    const bytes = Buffer.from(samples[0]!, 'utf8')
    const r = await cleanBytes(bytes)
    expect(r.text).toBe(tidy(bytes, { messages: false }).text)
    expect(r.reports).toHaveLength(1)
  })

  it('windows on the seed pages (concatenated past 1 MB) give what the whole document gives', async () => {
    // Every seed page several times over: their disclaimers and tails sit in the middle of the input, where a
    // careless window end would make them look like the end of a document.
    const pieces: string[] = []
    let size = 0
    for (let i = 0; size < 1.3 * 1024 * 1024; i++) {
      const page = samples[i % samples.length]!
      pieces.push(page.endsWith('\n') ? page : page + '\n', '\n')
      size += Buffer.byteLength(page) + 1
    }
    const text = pieces.join('')
    const options = {}
    const whole = tidy(text, { ...options, messages: false }).text
    const windowed = await cleanBytes(Buffer.from(text, 'utf8'), { tidy: options, windowBytes: 256 * 1024 })
    expect(windowed.text).toBe(whole)
    expect(windowed.reports).toHaveLength(1)
    expect(windowed.reports[0]!.changed).toBe(true)
  })

  it.skipIf(!existsSync(zuozhuan))('windows on zuozhuan.txt (1.8 MB) give what the whole document gives', async () => {
    const bytes = readFileSync(zuozhuan)
    // The annotations and punctuation steps are what the window cut could disturb in classical text; the others
    // are line by line. Every step on 1.8 MB twice takes too long for the test budget.
    const options = { only: ['unicode' as const, 'boilerplate' as const, 'punctuation' as const] }
    const whole = tidy(bytes, { ...options, messages: false }).text
    const windowed = await cleanBytes(bytes, { tidy: options, windowBytes: 256 * 1024 })
    expect(windowed.text).toBe(whole)
  })

  it('messages in later windows carry lines and offsets of the whole input', async () => {
    const line = '这是一段很长的句子，用来填满一个窗口的内容。\n'
    const filler = line.repeat(4000)
    const text = filler + '书记,主持会议。\n' + filler + '市委,书记。\n'
    const r = await cleanBytes(Buffer.from(text, 'utf8'), { tidy: { messages: true, only: ['punctuation'] }, windowBytes: 64 * 1024 })
    const whole = tidy(text, { only: ['punctuation'] })
    const mine = r.reports[0]!.messages
    const theirs = whole.messages
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.map((m) => [m.line, m.column, m.offset])).toEqual(theirs.map((m) => [m.line, m.column, m.offset]))
    expect(mine.map((m) => m.line)).toEqual([4001, 8002])
  })

  it('UTF-16 and GBK inputs are decoded piece by piece without splitting a character', async () => {
    const text = '第一行是中文，第二行也是。\r\n'.repeat(3000) + '末行 the end。\r\n'
    for (const encoding of ['utf-16le', 'utf-16be', 'gbk']) {
      const bytes = encoding === 'utf-16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, encoding)]) : iconv.encode(text, encoding)
      // An odd chunk size puts chunk ends inside characters.
      const r = await cleanBytes(bytes, { tidy: { only: ['unicode'] }, windowBytes: 16 * 1024, chunk: 4099 })
      expect(r.reports[0]!.encoding).toBe(encoding === 'gbk' ? 'gb18030' : encoding)
      expect(r.text).toBe(tidy(bytes, { only: ['unicode'], messages: false }).text)
      expect(r.text).toContain('第一行是中文，第二行也是。')
    }
  })

  it('cuts between two sentences, at a blank line when there is one', () => {
    const a = '第一段的句子写得很完整。\n'
    const text = a.repeat(12) + '\n' + a.repeat(4) + '- 链接一\n- 链接二\n'
    const cut = windowCut(text)
    expect(text.slice(0, cut).endsWith('\n\n')).toBe(true)
    expect(text.slice(cut).startsWith(a)).toBe(true)
  })

  it('finds line ends in each encoding and counts breaks as the parser does', () => {
    expect(lineEnd(Buffer.from('ab\ncd'), 'utf-8')).toBe(3)
    expect(lineEnd(iconv.encode('a\n\u0a00', 'utf-16le'), 'utf-16le')).toBe(4)
    expect(lineEnd(iconv.encode('a\n\u0a00', 'utf-16be'), 'utf-16be')).toBe(4)
    expect(lineEnd(Buffer.from([0x0a, 0x0a]), 'utf-16le')).toBe(0)
    expect(countBreaks('a\r\nb\rc\n')).toBe(3)
  })
})

describe('cutting an overlong line', () => {
  it('cuts UTF-8 after the last full stop of the second half, else where a character ends', () => {
    const bytes = (s: string) => Buffer.from(s, 'utf8')
    expect(sentenceEnd(bytes('甲。乙！丙？丁'))).toBe(bytes('甲。乙！丙？').length)
    expect(sentenceEnd(bytes('甲乙丙'))).toBe(0)
    // `。` must be whole: its last byte alone, or 80 82 after another lead, is no full stop.
    expect(sentenceEnd(Uint8Array.from([0xe4, 0x80, 0x82]))).toBe(0)
    const line = '前' + '文'.repeat(10) + '。' + '字'.repeat(3)
    expect(characterEnd(bytes(line), 'utf-8')).toBe(bytes(line).length - 9)
    // A full stop in the first half does not pull the cut back that far: the cut ends on a whole character.
    const early = '。' + '文'.repeat(20)
    const cut = characterEnd(bytes(early).subarray(0, 40), 'utf-8')
    expect(cut % 3).toBe(0)
    expect(cut).toBeGreaterThan(30)
  })
})


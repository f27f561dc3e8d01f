// The encoding step's pre-scan (mayHoldMojibake) held to the one it replaced (test/encoding/reference/): a line the
// step skips must be one the old pre-scan skipped, and the reverse, so that the step's output cannot change. Random
// strings over every code unit and over the characters each condition is about; and real text (corpus samples,
// shared/real-pages, zuozhuan) clean and misread under every misreading the step repairs, layered too.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { COMMON_HAN, LESS_COMMON_HAN } from '../../src/data/char-weights.js'
import { mayHoldMojibake } from '../../src/steps/encoding/repair.js'
import { mayHoldMojibakeReference } from './reference/may-hold-mojibake.js'

const shared = path.resolve(import.meta.dirname, '../../../shared')

const same = (line: string): void => {
  expect(mayHoldMojibake(line), JSON.stringify(line)).toBe(mayHoldMojibakeReference(line))
}

const pick = (pool: string) => fc.integer({ min: 0, max: pool.length - 1 }).map((i) => pool[i]!)
const unit = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCharCode(c))
/** The characters of each condition: common and uncommon Han, CJK marks, Latin-1, C1, `?`, `锟`, U+FFFD, surrogates. */
const piece = fc.oneof(
  { weight: 8, arbitrary: pick(COMMON_HAN) },
  { weight: 3, arbitrary: pick(LESS_COMMON_HAN) },
  { weight: 1, arbitrary: unit(0x3400, 0xabff) },
  { weight: 3, arbitrary: pick('，。、“”‘’？！：；（）《》—…·- abcXYZ019?\u3000') },
  { weight: 1, arbitrary: pick('éÃÂ¤¸\u0085\u0092\u00a0ÖÐ¹ú€™ŒĀПж╨┐ⅰⅱ□\uFFFD锟斤拷') },
  { weight: 1, arbitrary: unit(0x80, 0x2e7f) },
  { weight: 1, arbitrary: unit(0x2e80, 0x33ff) },
  { weight: 1, arbitrary: unit(0xac00, 0xffff) },
  { weight: 1, arbitrary: pick('\ud840\udc00\ud83d\ude00\ud840\udc01\ud87e\udc00') },
  { weight: 1, arbitrary: unit(0xd800, 0xdfff) },
)

/** Lines of real text: the corpus samples, the real pages, every 7th line of zuozhuan (each cut to 400 units). */
function realLines(): string[] {
  const out: string[] = []
  const add = (text: string, every = 1) => text.split(/\r?\n/).forEach((l, i) => l.length > 0 && i % every === 0 && out.push(l.slice(0, 400)))
  const corpus = path.resolve(import.meta.dirname, '../../corpus-samples')
  for (const name of readdirSync(corpus).filter((n) => n.endsWith('.txt'))) add(readFileSync(path.join(corpus, name), 'utf8'))
  const pages = path.join(shared, 'real-pages')
  if (existsSync(pages)) for (const name of readdirSync(pages).filter((n) => n.endsWith('.txt'))) add(readFileSync(path.join(pages, name), 'utf8'))
  const zuozhuan = path.join(shared, 'suites/opencc/benchmark/zuozhuan.txt')
  if (existsSync(zuozhuan)) add(readFileSync(zuozhuan, 'utf8'), 7)
  return out
}

/** Every misreading the step repairs, as bytes under one codec read with another; and one layered. */
const MISREADINGS: [string, (text: string) => string][] = [
  ['GBK read as Latin-1', (t) => iconv.encode(t, 'gbk').toString('latin1')],
  ['GBK read as windows-1252', (t) => iconv.decode(iconv.encode(t, 'gbk'), 'windows-1252')],
  ['Big5 read as Latin-1', (t) => iconv.encode(t, 'big5').toString('latin1')],
  ['UTF-8 read as GBK', (t) => iconv.decode(Buffer.from(t, 'utf8'), 'gbk')],
  ['UTF-8 read as Big5', (t) => iconv.decode(Buffer.from(t, 'utf8'), 'big5')],
  ['UTF-8 read as Latin-1', (t) => Buffer.from(t, 'utf8').toString('latin1')],
  ['UTF-8 read as windows-1252', (t) => iconv.decode(Buffer.from(t, 'utf8'), 'windows-1252')],
  ['UTF-8 read as windows-1251', (t) => iconv.decode(Buffer.from(t, 'utf8'), 'windows-1251')],
  ['UTF-8 read as Mac Roman', (t) => iconv.decode(Buffer.from(t, 'utf8'), 'macintosh')],
  ['GBK read as Big5', (t) => iconv.decode(iconv.encode(t, 'gbk'), 'big5')],
  ['Big5 read as GBK', (t) => iconv.decode(iconv.encode(t, 'big5'), 'gbk')],
  ['UTF-8 read as windows-1252 twice', (t) => iconv.decode(Buffer.from(iconv.decode(Buffer.from(t, 'utf8'), 'windows-1252'), 'utf8'), 'windows-1252')],
]

describe('mayHoldMojibake gives what the pre-scan before it gave', () => {
  it('on random lines of the characters its conditions are about', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }).map((a) => a.join('')), (line) => same(line)), { numRuns: 20000 })
  })

  it('on random lines of any code units', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((a) => String.fromCharCode(...a)), (line) => same(line)), { numRuns: 5000 })
  })

  it('on lines of Han and CJK marks only, clean and misread between GBK and Big5 (the mean weight, word pairs and readsCommoner decide)', () => {
    const han = fc.oneof(
      { weight: 6, arbitrary: pick(COMMON_HAN) },
      { weight: 3, arbitrary: pick(LESS_COMMON_HAN) },
      { weight: 1, arbitrary: unit(0x4e00, 0x9fff) },
      { weight: 1, arbitrary: pick('，。、“”：；') },
    )
    const line = fc.array(han, { minLength: 1, maxLength: 40 }).map((a) => a.join(''))
    const misread = fc.tuple(line, fc.constantFrom(['gbk', 'big5'], ['big5', 'gbk'])).map(([text, [from, to]]) => iconv.decode(iconv.encode(text, from!), to!))
    fc.assert(fc.property(fc.oneof(line, misread), (text) => same(text)), { numRuns: 10000 })
  })

  it('on real text, clean and under every misreading', () => {
    const lines = realLines()
    expect(lines.length).toBeGreaterThan(500)
    let maybe = 0
    for (const line of lines) same(line)
    for (const [, misread] of MISREADINGS) {
      for (const line of lines) {
        const text = misread(line)
        same(text)
        if (mayHoldMojibake(text)) maybe++
        // Each line cut short, as a wrapped or truncated page leaves it (a lost final byte, a run cut in two).
        same(text.slice(0, Math.ceil(text.length / 2)))
      }
    }
    expect(maybe).toBeGreaterThan(lines.length)
  })
})

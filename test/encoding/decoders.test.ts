// GBK read as Big5 and Big5 read as GBK under each decoder that makes such text (issue 16), and GBK read by the
// scraper fallback that takes valid UTF-8 where it finds it and Latin-1 elsewhere. Real text that no one here wrote:
// Debian's manpages-zh (both scripts, read in place), the lines of shared/real-pages, zuozhuan and the phrases of
// OpenCC's test cases (shared/suites/opencc), each encoded, then decoded with the wrong decoder.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
import { utf8OrLatin1 } from '../helpers/damage.js'
import { hasManpages, manpageParagraphs, MANPAGES_SKIP } from '../helpers/manpages.js'

const shared = path.resolve(import.meta.dirname, '../../../shared')
const pagesDir = path.join(shared, 'real-pages')
const openccDir = path.join(shared, 'suites/opencc')
if (!hasManpages) console.warn(`test/encoding/decoders.test.ts: ${MANPAGES_SKIP}`)
if (!existsSync(openccDir)) console.warn(`test/encoding/decoders.test.ts: ${openccDir} is absent, its text is skipped`)

interface Text {
  text: string
  source: string
  traditional: boolean
}

/** Prose: every 20th manpages-zh paragraph of both scripts, lines of the real pages, every 60th line of zuozhuan. */
function prose(): Text[] {
  const out: Text[] = []
  if (hasManpages) {
    for (const locale of ['zh_CN', 'zh_TW'] as const) manpageParagraphs(locale).forEach((p, i) => i % 20 === 0 && out.push({ text: p.text, source: p.source, traditional: locale === 'zh_TW' }))
  }
  if (existsSync(pagesDir)) {
    for (const name of readdirSync(pagesDir).sort()) {
      if (!name.endsWith('.txt') || name.startsWith('moji')) continue
      readFileSync(path.join(pagesDir, name), 'utf8')
        .split('\n')
        .filter((l) => /\p{Script=Han}{8}/u.test(l) && !l.includes('\uFFFD'))
        .slice(0, 30)
        .forEach((l, i) => out.push({ text: l.trim(), source: `real-pages/${name}:${i}`, traditional: false }))
    }
  }
  const zuozhuan = path.join(openccDir, 'benchmark/zuozhuan.txt')
  if (existsSync(zuozhuan)) readFileSync(zuozhuan, 'utf8').split('\n').forEach((l, i) => l.length > 8 && i % 60 === 0 && out.push({ text: l.slice(0, 300), source: `zuozhuan.txt:${i + 1}`, traditional: false }))
  return out
}

/** OpenCC's test phrases, inputs and expected outputs (most of two to ten characters). */
function phrases(): Text[] {
  const file = path.join(openccDir, 'testcases.json')
  if (!existsSync(file)) return []
  const cases = (JSON.parse(readFileSync(file, 'utf8').replace(/,(\s*[}\]])/g, '$1')) as { cases: { id: string; input: string; expected: Record<string, string> }[] }).cases
  return cases.flatMap((c) => [{ text: c.input, source: c.id, traditional: false }, ...Object.entries(c.expected).map(([config, text]) => ({ text, source: `${c.id} ${config}`, traditional: true }))])
}

function unique(texts: Text[]): Text[] {
  const seen = new Set<string>()
  return texts.filter((t) => !seen.has(t.text) && seen.add(t.text))
}

const repair = (text: string) => tidy(text, { only: ['encoding'] })

type Decoder = (bytes: Buffer) => string
const BIG5: Record<string, Decoder> = {
  "Node's TextDecoder('big5') (ICU's windows-950: HKSCS rows as private use)": (b) => new TextDecoder('big5').decode(b),
  "iconv-lite's big5 (WHATWG index-big5, with HKSCS)": (b) => iconv.decode(b, 'big5'),
  "iconv-lite's cp950": (b) => iconv.decode(b, 'cp950'),
}
const GBK: Record<string, Decoder> = {
  "Node's TextDecoder('gbk')": (b) => new TextDecoder('gbk').decode(b),
  "iconv-lite's gbk": (b) => iconv.decode(b, 'gbk'),
}

/** Each text encoded in `from`, decoded with `decode`; lossless when no U+FFFD came out. */
function replay(texts: Text[], from: 'gbk' | 'big5', decode: Decoder) {
  const lossless: { text: Text; shown: string }[] = []
  const lossy: { text: Text; shown: string }[] = []
  for (const t of texts) {
    const bytes = iconv.encode(t.text, from)
    if (iconv.decode(bytes, from) !== t.text) continue
    const shown = decode(bytes)
    if (shown === t.text) continue
    ;(shown.includes('\uFFFD') ? lossy : lossless).push({ text: t, shown })
  }
  return { lossless, lossy }
}

function restored(cases: { text: Text; shown: string }[]): { ok: number; failures: string[] } {
  const failures: string[] = []
  let ok = 0
  for (const { text, shown } of cases) {
    if (repair(shown).text === text.text) ok++
    else if (failures.length < 3) failures.push(`${text.source}: ${JSON.stringify(shown.slice(0, 60))}`)
  }
  return { ok, failures }
}

const texts = unique(prose())
const short = unique(phrases())

// The rates of these tables are of the whole prose set: without manpages-zh it is another set, and they skip.
describe.skipIf(!hasManpages || texts.length === 0)('GBK read as Big5, under each Big5 decoder', () => {
  for (const [name, decode] of Object.entries(BIG5)) {
    it(`${name}: at least 99% of lossless prose restored exactly`, () => {
      const { lossless } = replay(texts, 'gbk', decode)
      const { ok, failures } = restored(lossless)
      console.log(`GBK read as Big5, ${name}: prose ${ok}/${lossless.length}`)
      expect(lossless.length).toBeGreaterThan(300)
      expect(ok / lossless.length, failures.join('\n')).toBeGreaterThanOrEqual(0.99)
    })

    it(`${name}: short phrases alone restored at least 80% of the time`, () => {
      const { lossless } = replay(short, 'gbk', decode)
      const { ok } = restored(lossless)
      console.log(`GBK read as Big5, ${name}: OpenCC's phrases ${ok}/${lossless.length}`)
      expect(lossless.length).toBeGreaterThan(80)
      expect(ok / lossless.length).toBeGreaterThanOrEqual(0.8)
    })

    it(`${name}: characters lost in the misreading (U+FFFD, \`?\`) stay, with a warning where the line around them is repaired`, () => {
      const { lossy } = replay(texts, 'gbk', decode)
      expect(lossy.length).toBeGreaterThan(100)
      for (const mark of ['\uFFFD', '?']) {
        const kept = lossy.filter(({ shown }) => {
          const input = shown.replaceAll('\uFFFD', mark)
          const result = repair(input)
          const count = (s: string) => s.split(mark).length - 1
          // Every loss is still there; a line repaired around one says so at its place.
          return count(result.text) >= count(input) && (result.text === input || result.messages.some((m) => m.ruleId === 'encoding/lost-bytes'))
        })
        expect(kept.length / lossy.length, mark).toBeGreaterThanOrEqual(0.95)
      }
    })
  }
})

describe.skipIf(!hasManpages)('Big5 read as GBK, under each GBK decoder', () => {
  for (const [name, decode] of Object.entries(GBK)) {
    it(`${name}: at least 99% of lossless traditional prose restored exactly`, () => {
      const { lossless } = replay(texts.filter((t) => t.traditional), 'big5', decode)
      const { ok, failures } = restored(lossless)
      console.log(`Big5 read as GBK, ${name}: prose ${ok}/${lossless.length}`)
      expect(lossless.length).toBeGreaterThan(300)
      expect(ok / lossless.length, failures.join('\n')).toBeGreaterThanOrEqual(0.99)
    })
  }
})

const python = (() => {
  try {
    execFileSync('python3', ['-c', 'print(1)'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
if (!python) console.warn('test/encoding/decoders.test.ts: no python3, the Python decoders are skipped')

describe.skipIf(!hasManpages || !python || texts.length === 0)("GBK read as Big5 by Python's big5 and cp950", () => {
  // Python reads C6A1–C7FC (ETEN's kana and Cyrillic) in an order of its own that no package's table holds: text
  // whose GBK bytes touch those rows is not claimed. Everything else is.
  const eten = (bytes: Buffer): boolean => {
    for (let i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i]! < 0x80) continue
      if ((bytes[i] === 0xc6 && bytes[i + 1]! >= 0xa1) || (bytes[i] === 0xc7 && bytes[i + 1]! <= 0xfc)) return true
      i++
    }
    return false
  }
  for (const codec of ['big5', 'cp950']) {
    it(`${codec}: at least 99% of lossless prose outside the ETEN rows restored exactly`, () => {
      const chosen = texts.filter((t) => {
        const bytes = iconv.encode(t.text, 'gbk')
        return iconv.decode(bytes, 'gbk') === t.text && !eten(bytes)
      })
      const input = chosen.map((t) => iconv.encode(t.text, 'gbk').toString('hex')).join('\n')
      const script = `import sys\nfor line in sys.stdin.read().split('\\n'):\n    print(bytes.fromhex(line).decode('${codec}', errors='replace').replace('\\n', ' '))`
      const shown = execFileSync('python3', ['-c', script], { input, maxBuffer: 1 << 26 }).toString('utf8').split('\n')
      const cases = chosen.map((text, k) => ({ text, shown: shown[k]! })).filter(({ text, shown }) => shown !== text.text && !shown.includes('\uFFFD'))
      const { ok, failures } = restored(cases)
      console.log(`GBK read as Big5, Python's ${codec} (outside C6A1–C7FC): prose ${ok}/${cases.length}`)
      expect(cases.length).toBeGreaterThan(150)
      expect(ok / cases.length, failures.join('\n')).toBeGreaterThanOrEqual(0.99)
    })
  }
})

describe.skipIf(!hasManpages)('GBK read as UTF-8 where valid, Latin-1 elsewhere', () => {
  it('restores at least 90% of simplified paragraphs exactly', () => {
    const paragraphs = manpageParagraphs('zh_CN').filter((_, i) => i % 20 === 0)
    let n = 0
    let ok = 0
    const failures: string[] = []
    for (const p of paragraphs) {
      const bytes = iconv.encode(p.text, 'gbk')
      if (iconv.decode(bytes, 'gbk') !== p.text) continue
      const shown = utf8OrLatin1(bytes)
      if (shown === p.text || !/[\u0100-\u07ff]/u.test(shown)) continue
      n++
      if (repair(shown).text === p.text) ok++
      else if (failures.length < 3) failures.push(`${p.source}: ${JSON.stringify(shown.slice(0, 60))}`)
    }
    console.log(`GBK read as UTF-8/Latin-1: ${ok}/${n}`)
    expect(n).toBeGreaterThan(500)
    expect(ok / n, failures.join('\n')).toBeGreaterThanOrEqual(0.9)
  })
})

describe('clean text stays', () => {
  it.skipIf(texts.length + short.length === 0)('no clean prose or phrase of this set changes', () => {
    const changed = [...texts, ...short].filter((t) => repair(t.text).text !== t.text).map((t) => t.source)
    expect(changed).toEqual([])
  })
})

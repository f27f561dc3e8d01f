// detect() explains its choice (issue 16): the candidates with their scores and, for each ruled out, the first byte
// offset that ruled it out. Checked on short real titles (under six hanzi) encoded in GBK: manpages-zh NAME lines,
// the first lines of shared/real-pages, the phrases of OpenCC's test cases. chardetng admits it is weak there.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { detect } from '../../src/index.js'
import { hasManpages, MANPAGES_ROOT, MANPAGES_SKIP } from '../helpers/manpages.js'

const shared = path.resolve(import.meta.dirname, '../../../shared')
const pages = path.join(shared, 'real-pages')
const opencc = path.join(shared, 'suites/opencc/testcases.json')
if (!hasManpages) console.warn(`test/decode/explain.test.ts: ${MANPAGES_SKIP}`)
if (!existsSync(pages) || !existsSync(opencc)) console.warn(`test/decode/explain.test.ts: ${shared} is absent, its titles are skipped`)

const han = (t: string): number => (t.match(/\p{Script=Han}/gu) ?? []).length

/** Short real titles: the description of each manpages-zh NAME line, real pages' first lines, OpenCC's phrases. */
function titles(): string[] {
  const out: string[] = []
  if (hasManpages) {
    for (const section of ['man1', 'man5', 'man8']) {
      const dir = path.join(MANPAGES_ROOT, 'zh_CN', section)
      if (!existsSync(dir)) continue
      for (const name of readdirSync(dir).sort()) {
        const page = gunzipSync(readFileSync(path.join(dir, name))).toString('utf8')
        const m = /^\.SH\s+"?(?:NAME|名称|名字)"?\s*\n([^\n]+)/m.exec(page)
        if (m) out.push(m[1]!.replace(/\\f.|\\-/g, '-').split(/\s-+\s*/).pop()!.trim())
      }
    }
  }
  if (existsSync(pages)) {
    for (const name of readdirSync(pages).sort()) {
      if (!name.endsWith('.txt')) continue
      const first = readFileSync(path.join(pages, name), 'utf8').split('\n').find((l) => /\p{Script=Han}/u.test(l))
      if (first && !first.includes('\uFFFD')) out.push(first.trim())
    }
  }
  if (existsSync(opencc)) {
    const cases = (JSON.parse(readFileSync(opencc, 'utf8').replace(/,(\s*[}\]])/g, '$1')) as { cases: { input: string }[] }).cases
    for (const c of cases) out.push(c.input)
  }
  return [...new Set(out)].filter((t) => han(t) >= 1 && han(t) < 6)
}

describe('detect() explains itself', () => {
  const short = titles()
    .map((title) => ({ title, bytes: iconv.encode(title, 'gbk') }))
    .filter(({ title, bytes }) => iconv.decode(bytes, 'gbk') === title)

  // The rate is of the whole title set (manpages-zh NAME lines among them): without them it skips.
  it.skipIf(!hasManpages || short.length === 0)('reads GBK titles under six hanzi as GB18030, and says why', () => {
    expect(short.length).toBeGreaterThan(60)
    const wrong = short.filter(({ bytes }) => detect(bytes).encoding !== 'gb18030').map(({ title }) => title)
    console.log(`short GBK titles (under 6 hanzi) detected as GB18030: ${short.length - wrong.length}/${short.length}`)
    expect(wrong.length / short.length, wrong.slice(0, 5).join(' | ')).toBeLessThanOrEqual(0.02)
  })

  it.skipIf(short.length === 0)('lists every candidate, the chosen one first, and where each ruled-out one fails', () => {
    for (const { title, bytes } of short.slice(0, 40)) {
      const result = detect(bytes)
      expect(result.basis).toBe('most plausible reading')
      expect(result.candidates[0]!.encoding, title).toBe(result.encoding)
      expect(new Set(result.candidates.map((c) => c.encoding)).size).toBe(result.candidates.length)
      const scores = result.candidates.filter((c) => c.ruledOutAt === undefined).map((c) => c.score)
      expect([...scores].sort((a, b) => b - a)).toEqual(scores)
      // UTF-8 is ruled out at its first invalid byte: the bytes before it are valid UTF-8, the next few are not.
      const at = result.candidates.find((c) => c.encoding === 'utf-8')!.ruledOutAt!
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, at)), title).not.toThrow()
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.min(bytes.length, at + 4))), title).toThrow()
    }
  })

  it('names its basis for a byte-order mark, valid UTF-8 and a string', () => {
    expect(detect(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).basis).toBe('byte-order mark')
    expect(detect(new TextEncoder().encode('中文文本')).basis).toBe('valid UTF-8')
    expect(detect('中文文本')).toMatchObject({ basis: 'text given', candidates: [] })
  })

  it('rules Big5 out at the first GBK pair it cannot read', () => {
    // 中文 in GBK (D6D0 CEC4) are valid Big5 pairs too; 8180 (丒's row of GBK) has a trail Big5 never uses (80–A0).
    const bytes = new Uint8Array([...iconv.encode('中文', 'gbk'), 0x81, 0x80, ...iconv.encode('文本', 'gbk')])
    const big5 = detect(bytes).candidates.find((c) => c.encoding === 'big5')!
    expect(big5.ruledOutAt).toBe(4)
  })
})

// A fuzz run of bounded time (issue 14): real pages damaged at random, byte by byte and piece by piece, in every
// encoding zhtidy reads, fed to tidy() and detect() as bytes and as text. What must hold on every input: no throw,
// well-formed output, the same output twice, and a second run of the pipeline that throws nothing either.
// Seeded, so a failure names the seed and the case that reproduce it. ZHTIDY_FUZZ_MS sets the budget (default
// 20 s in CI, 5 s elsewhere); the number of cases run is printed.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { detect, tidy } from '../../src/index.js'

const root = path.resolve(__dirname, '../..')
const realDir = path.resolve(root, '../shared/real-pages')
const pages = [
  ...readdirSync(path.join(root, 'corpus-samples'))
    .filter((n) => n.endsWith('.txt') && !n.endsWith('.expected.txt'))
    .map((n) => readFileSync(path.join(root, 'corpus-samples', n), 'utf8')),
  ...(existsSync(realDir) ? readdirSync(realDir).filter((n) => n.endsWith('.txt')).map((n) => readFileSync(path.join(realDir, n), 'utf8')) : []),
]
const BUDGET_MS = Number(process.env.ZHTIDY_FUZZ_MS ?? (process.env.CI ? 20_000 : 5_000))
const SEED = Number(process.env.ZHTIDY_FUZZ_SEED ?? 20261201)
const ENCODINGS = ['utf8', 'gb18030', 'gbk', 'big5', 'utf16le', 'utf16be', 'shift_jis', 'windows-1252'] as const
const PIECES = ['(shū)', '書(', '?!', '锟斤拷', 'Ã©', 'ä¸­', 'ÖÐ', '\ufffd', '\u0085', '\u00ad', '\u200b', '\ud800', '\udc00', '\r\n', '\n\n', '版权声明：', '2021-01-01', '\t', '\u3000', '（', '“', '...']

/** mulberry32: a small seeded generator, so that a failing case can be made again from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const isWellFormed = (text: string) => (text as unknown as { isWellFormed(): boolean }).isWellFormed()

function makeCase(rnd: () => number): { label: string; input: string | Uint8Array } {
  const int = (n: number) => Math.floor(rnd() * n)
  const page = pages[int(pages.length)]!
  const start = int(page.length)
  let text = page.slice(start, start + 1 + int(3000))
  for (let k = int(6); k > 0; k--) {
    const at = int(text.length + 1)
    text = text.slice(0, at) + PIECES[int(PIECES.length)]! + text.slice(at + int(3))
  }
  const mode = int(4)
  if (mode === 0) return { label: `text of ${text.length}`, input: text }
  const encoding = ENCODINGS[int(ENCODINGS.length)]!
  const bytes = Uint8Array.from(encoding === 'utf16be' ? Buffer.from(iconv.encode(text, 'utf16-be')) : iconv.encode(text, encoding))
  // Byte damage: flips, a cut mid-character, an inserted or dropped byte.
  for (let k = mode === 1 ? 0 : 1 + int(8); k > 0 && bytes.length > 0; k--) bytes[int(bytes.length)] = int(256)
  const cut = mode === 3 ? bytes.subarray(0, int(bytes.length + 1)) : bytes
  return { label: `${cut.length} bytes of ${encoding}, damage mode ${mode}`, input: cut }
}

describe('fuzz', () => {
  it(`damaged real pages in every encoding, for ${BUDGET_MS} ms: no throw, well-formed, deterministic`, () => {
    expect(pages.length).toBeGreaterThan(4)
    const rnd = random(SEED)
    const end = performance.now() + BUDGET_MS
    let cases = 0
    while (performance.now() < end) {
      const { label, input } = makeCase(rnd)
      const where = `seed ${SEED}, case ${cases} (${label})`
      let first: string
      try {
        first = tidy(input, { messages: cases % 2 === 0 }).text
        const again = tidy(input, { messages: cases % 2 === 0 }).text
        expect(again, where).toBe(first)
        tidy(first, { messages: false })
        detect(input)
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message}`, { cause: error })
      }
      expect(isWellFormed(first), where).toBe(true)
      cases++
    }
    console.log(`fuzz: ${cases} cases in ${BUDGET_MS} ms (seed ${SEED})`)
    expect(cases).toBeGreaterThan(10)
  }, BUDGET_MS + 120_000)
})

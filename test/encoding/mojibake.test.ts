// The encoding step on real Chinese text that no one here wrote (Debian's manpages-zh, read in place), damaged
// by each misreading of issue 4 (test/helpers/damage.ts). Floors: 99% of lossless cases restored exactly,
// lossy cases closer to the original than the input, clean paragraphs never changed.
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
import { DAMAGES, distance } from '../helpers/damage.js'
import { hasManpages, manpageParagraphs, MANPAGES_SKIP, type Paragraph } from '../helpers/manpages.js'

const repair = (text: string): string => tidy(text, { only: ['encoding'] }).text

/** Every `step`-th paragraph from `offset`, both scripts (Big5 damage only on traditional text). */
function sample(kind: string, step: number, offset: number): Paragraph[] {
  const locales = kind.startsWith('big5') ? (['zh_TW'] as const) : (['zh_CN', 'zh_TW'] as const)
  return locales.flatMap((locale) => manpageParagraphs(locale).filter((_, i) => i % step === offset))
}

if (!hasManpages) console.warn(`test/encoding/mojibake.test.ts: ${MANPAGES_SKIP}`)

describe.skipIf(!hasManpages)('encoding step on damaged manpages-zh paragraphs', () => {
  const rows: string[] = []
  let lossless = 0
  let restored = 0

  for (const kind of Object.keys(DAMAGES)) {
    it(`${kind}: lossless cases restored exactly, lossy ones closer to the original`, () => {
      let n = 0
      let ok = 0
      let lossy = 0
      let closer = 0
      const failures: string[] = []
      for (const p of sample(kind, 25, 0)) {
        const damaged = DAMAGES[kind]!(p.text)
        if (!damaged) continue
        const out = repair(damaged.text)
        if (damaged.lossless) {
          n++
          if (out === p.text) ok++
          else if (failures.length < 3) failures.push(`${p.source}: ${JSON.stringify(damaged.text)} → ${JSON.stringify(out)}`)
        } else {
          lossy++
          if (distance(out, p.text) < distance(damaged.text, p.text)) closer++
        }
      }
      lossless += n
      restored += ok
      rows.push(`${kind.padEnd(22)} lossless ${ok}/${n}  lossy closer ${closer}/${lossy}`)
      expect(n + lossy).toBeGreaterThan(100)
      if (n > 0) expect(ok / n, failures.join('\n')).toBeGreaterThanOrEqual(0.98)
      if (lossy > 0) expect(closer / lossy).toBeGreaterThanOrEqual(0.98)
    })
  }

  it('at least 99% of all lossless cases restored exactly', () => {
    console.log(`mojibake test set (manpages-zh, every 25th paragraph):\n  ${rows.join('\n  ')}\n  total ${restored}/${lossless}`)
    expect(lossless).toBeGreaterThan(5000)
    expect(restored / lossless).toBeGreaterThanOrEqual(0.99)
  })

  it('guesses lost characters right at least 85% of the time, and says how many it guessed', () => {
    // A byte lost at the end of a misread run leaves 64 candidates; a guess rests on a word pair with a neighbour.
    let guessed = 0
    let wrong = 0
    for (const p of sample('utf8-as-gbk', 25, 0)) {
      const damaged = DAMAGES['utf8-as-gbk']!(p.text)
      if (!damaged || damaged.lossless) continue
      const result = tidy(damaged.text, { only: ['encoding'] })
      for (const m of result.messages) guessed += Number(/(\d+) lost characters? guessed/.exec(m.reason)?.[1] ?? 0)
      const out = [...result.text]
      const original = [...p.text]
      if (out.length !== original.length) continue
      wrong += out.filter((c, i) => c !== original[i] && c !== '\uFFFD').length
    }
    console.log(`lost characters guessed on damaged manpages-zh (UTF-8 read as GBK): ${guessed}, of them wrong ${wrong}`)
    expect(guessed).toBeGreaterThan(300)
    expect(wrong / guessed).toBeLessThanOrEqual(0.15)
  })

  it('damage confined to one clause of a clean paragraph is repaired there only', () => {
    let n = 0
    let ok = 0
    for (const p of sample('mixed', 40, 3)) {
      const cut = p.text.search(/[，。；]/u)
      if (cut < 4 || cut > p.text.length - 6) continue
      const head = p.text.slice(0, cut)
      for (const kind of ['utf8-as-gbk', 'gbk-as-latin1', 'utf8-as-windows-1252']) {
        const damaged = DAMAGES[kind]!(head)
        if (!damaged?.lossless) continue
        n++
        if (repair(damaged.text + p.text.slice(cut)) === p.text) ok++
      }
    }
    expect(n).toBeGreaterThan(200)
    expect(ok / n).toBeGreaterThanOrEqual(0.97)
  })

  it('reads `?` as a lost byte only in mojibake: clean paragraphs with ASCII question marks stay unchanged', () => {
    // Mojibake saved again turns U+FFFD into `?`; clean text has `?` after Chinese too (`五分鐘?` must stay).
    const clean = [...manpageParagraphs('zh_CN'), ...manpageParagraphs('zh_TW')].filter((_, i) => i % 5 === 2 && /[，。]/u.test(_.text))
    const changed = clean.map((p) => p.text.replace(/[，。]/gu, '?')).filter((text) => repair(text) !== text)
    expect(clean.length).toBeGreaterThan(1000)
    expect(changed.slice(0, 3)).toEqual([])
  })

  it('leaves at least 1,000 clean paragraphs of both scripts unchanged', () => {
    const clean = [...manpageParagraphs('zh_CN'), ...manpageParagraphs('zh_TW')].filter((_, i) => i % 10 === 1)
    const changed = clean.filter((p) => repair(p.text) !== p.text).map((p) => p.source)
    expect(clean.length).toBeGreaterThan(1000)
    expect(changed).toEqual([])
  })
})

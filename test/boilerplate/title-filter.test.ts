import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keptUnits, LOWER_TO_KEPT, normalise, titleFilter, TITLE_SPLIT } from '../../src/steps/boilerplate/page.js'

/*
 * The page judgement normalises a line to compare it with the page title only when `titleFilter` says it may repeat
 * a title form. Held here to the comparison itself: whenever the normalised line is the title, its head, or a head of
 * the title, the filter lets it through.
 */
const units = ['a', 'B', 'z', 'Z', '0', '9', ' ', '\t', '\u3000', '-', '_', '|', '｜', '—', '–', '.', ',', '，', '。', '!', '#', '\u0001', '中', '文', '新', '闻', '網', 'İ', 'K', 'Σ', 'σ', 'ς', 'é', 'É', 'ß', 'ﬀ', '\ud83d\ude00', '\ud83d', 'Ⅳ', 'ⅳ', 'Ａ', 'ａ', '１', '¹', '²']
const text = fc.array(fc.constantFrom(...units), { maxLength: 16 }).map((parts) => parts.join(''))

function repeats(line: string, first: string): boolean {
  const title = normalise(first)
  const head = normalise(first.split(TITLE_SPLIT)[0] ?? '')
  const n = normalise(line)
  return n === title || n === head || title.startsWith(n)
}

describe('the title filter of the page judgement', () => {
  it('lets through every line that repeats a title form', () => {
    fc.assert(
      fc.property(text, text, fc.nat(16), (first, other, cut) => {
        // A line made from the title (a head of it, in another case, with other marks) as often as not.
        const line = cut % 2 === 0 ? first.slice(0, cut).toUpperCase() + ' —' : other
        if (repeats(line, first)) expect(titleFilter(first)(line)).toBe(true)
      }),
      { numRuns: 50000 },
    )
  })
  it('knows every character that lower-cases to a kept unit', () => {
    const isKept = (c: string) => /^[\u4e00-\u9fff0-9a-z]$/.test(c)
    const kept = (s: string) => [...s].some(isKept)
    const found: number[] = []
    for (let code = 0x80; code < 0x110000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const c = String.fromCodePoint(code)
      if (!isKept(c) && kept(c.toLowerCase())) found.push(code)
    }
    expect(found).toEqual(LOWER_TO_KEPT)
  })
  it('and turns lines away (the filter does filter)', () => {
    const filter = titleFilter('新闻中心 - 网站')
    expect(filter('联系我们')).toBe(false)
    expect(filter('Home')).toBe(false)
    expect(filter('【联系我们】')).toBe(false)
    expect(filter('新闻')).toBe(true)
    expect(filter('新闻中心 — 网站！')).toBe(true)
  })
  it('reads the kept units from the text as normalise leaves them', () => {
    fc.assert(fc.property(text, (t) => {
      const kept = keptUnits(t)
      if (kept !== undefined) expect(kept).toBe([...normalise(t)].filter((c) => /^[\u4e00-\u9fff0-9a-z]$/.test(c)).join(''))
    }), { numRuns: 20000 })
  })
})

// Case tables of the annotations step: test/cases/annotations/*.json. Every case names its source:
// - in-the-wild: lines, sentences and excerpts of real mirror pages (the seed pages in ../shared/seeds, the crawl
//   records in ../shared/real-pages, mirror-page text quoted in public repositories), expected outputs written by hand;
// - synthetic: the mirror program replayed on real text by test/cases/annotations/generate.ts (expected = the text);
// - negative: real text the step must leave alone (glosses, learner texts, parentheses, Japanese, code, lossy pages);
// - known-failures: what the step gets wrong today, each with a diagnosis in `comment`.
// Beside them, the Chinese manual pages (read in place, never copied) are a negative table of their own.
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
import { loadCases, runCaseTables } from '../helpers/cases.js'
import { hasManpages, manpageParagraphs, MANPAGES_SKIP } from '../helpers/manpages.js'

runCaseTables('annotations')

describe('annotations case tables, as a whole', () => {
  const wild = loadCases('annotations', 'in-the-wild')
  const all = [...wild, ...loadCases('annotations', 'synthetic'), ...loadCases('annotations', 'negative'), ...loadCases('annotations', 'known-failures')]

  it('hold at least 100 cases, 40 of them from real pages, each with its source', () => {
    expect(all.length).toBeGreaterThanOrEqual(100)
    expect(wild.length).toBeGreaterThanOrEqual(40)
    for (const c of all) expect(c.source, c.in.slice(0, 40)).toBeTruthy()
  })

  it('hold every known failure with a diagnosis', () => {
    for (const c of loadCases('annotations', 'known-failures')) expect(c.comment, c.in.slice(0, 40)).toBeTruthy()
  })
})

if (!hasManpages) console.warn(`test/annotations/cases.test.ts: ${MANPAGES_SKIP}`)

describe.skipIf(!hasManpages)('annotations step on manpages-zh paragraphs with words in parentheses', () => {
  // `守护进程(daemon)`, `不可变(i)`, `运行脚本(Go)`: Latin in ASCII parentheses right after Han, never pinyin.
  const glossed = /\p{Script=Han}\([A-Za-z]{1,8} ?\)/u
  const paragraphs = (['zh_CN', 'zh_TW'] as const).flatMap((locale) => manpageParagraphs(locale)).filter((p) => glossed.test(p.text))

  it('finds hundreds of them', () => expect(paragraphs.length).toBeGreaterThan(300))

  it('leaves every one unchanged', () => {
    for (const p of paragraphs) expect(tidy(p.text, { only: ['annotations'] }).text, p.source).toBe(p.text)
  })
})

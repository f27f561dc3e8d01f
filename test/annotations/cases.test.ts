// Case tables of the annotations step: test/cases/annotations/*.json. Every case names its source:
// - in-the-wild: lines, sentences and excerpts of real mirror pages (the seed pages in ../shared/seeds, the crawl
//   records in ../shared/real-pages, mirror-page text quoted in public repositories), expected outputs written by hand;
// - synthetic: the mirror program replayed on real text by test/cases/annotations/generate.ts (expected = the text);
// - negative: real text the step must leave alone (glosses, learner texts, parentheses, Japanese, code, lossy pages);
// - known-failures: what the step gets wrong today, each with its `diagnosis`.
// Beside them, the Chinese manual pages (read in place, never copied) are a negative table of their own.
import { describe, expect, it } from 'vitest'
import { applyPlan, tidy } from '../../src/index.js'
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

  it('hold every known failure with a diagnosis (for a byte slip: why its bytes cannot tell)', () => {
    for (const c of loadCases('annotations', 'known-failures')) expect(c.diagnosis?.length ?? 0, c.in.slice(0, 40)).toBeGreaterThan(30)
  })
})

describe('byte-slip repairs as plans', () => {
  it('replays the plan of every slip repair in the case tables to the text it gives', () => {
    const cases = ['in-the-wild', 'synthetic', 'negative', 'known-failures'].flatMap((kind) => loadCases('annotations', kind as 'synthetic'))
    let plans = 0
    for (const c of cases) {
      for (const m of tidy(c.in, { only: ['annotations'], ...c.options }).messages) {
        if (!m.ruleId.endsWith('-slip') && m.ruleId !== 'annotations/broken-insertion') continue
        if (m.ruleId === 'annotations/unrepaired-slip') {
          expect(m.plan).toBeUndefined()
          continue
        }
        expect(m.plan, `${c.source}: ${m.actual}`).toBeDefined()
        plans++
        expect(applyPlan(m.plan!, m.actual!), `${c.source}: ${m.actual}`).toBe(m.expected![0])
        expect(m.plan![0]).toEqual({ op: 'encode', codec: 'gbk-iconv' })
        expect(m.plan!.at(-1)).toEqual({ op: 'decode', codec: 'gbk-iconv' })
      }
    }
    expect(plans).toBeGreaterThan(45)
  })

  it('exposes the plan on the message: the seed slip `力量?jī)` as data', () => {
    const [m] = tidy('提高力量?jī)?yōu)先發展', { only: ['annotations'] }).messages.filter((x) => x.ruleId === 'annotations/broken-insertion')
    // 量 (C1 BF) and 優 (83 9E): the `?`, `jī)` and `?(yōu)` (11 bytes from the 3rd) give way to the lost byte 83
    // and the 9E it pairs with.
    expect(m!.plan).toEqual([{ op: 'encode', codec: 'gbk-iconv' }, { op: 'replace-bytes', at: 2, count: 11, bytes: [0x83, 0x9e] }, { op: 'decode', codec: 'gbk-iconv' }])
    expect(applyPlan(m!.plan!, m!.actual!)).toBe('量優先發展')
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

describe('glued pinyin on a line that opens with `(`', () => {
  // Such lines were skipped whole: the quick check for `(` after a Han character stopped at a `(` in first place.
  it('is removed there as on every other line of the page', () => {
    const page = '會(huì)議指出,當(dāng)前,全球迎來(lái)新的冬季疫情流行季,國(guó)內(nèi)局部地區(qū)疫情反彈趨勢(shì)明顯。\n(2)國(guó)內(nèi)局部地區(qū)疫情反彈趨勢(shì)明顯。'
    const result = tidy(page, { only: ['annotations'] })
    expect(result.text).toBe('會議指出,當前,全球迎來新的冬季疫情流行季,國內局部地區疫情反彈趨勢明顯。\n(2)國內局部地區疫情反彈趨勢明顯。')
    expect(result.messages.filter((m) => m.line === 2).map((m) => m.ruleId)).toEqual(Array(4).fill('annotations/glued-pinyin'))
  })
})

// The boilerplate step's `repeated` option (boilerplate/repeated), through tidy() as a user calls it.
import { describe, expect, it } from 'vitest'
import { reviveTables } from '../../src/corpus/repeated.js'
import { countLines, LineTable, tidy, type TidyOptions } from '../../src/index.js'
import { BOILERPLATE_RULE_IDS } from '../../src/steps/boilerplate/rules.js'

// Only the corpus rule acts, so that what goes is what the table says.
const alone = { disable: [...BOILERPLATE_RULE_IDS] }
const site = (n: number, article: string) => `网站首页 新闻中心 联系我们\n${article}\n本站部分内容来自网络，仅供参考\n第${n}页`
const articles = Array.from({ length: 12 }, (_, n) => `这是第${'一二三四五六七八九十'[n % 10]}${n}篇新闻的正文，讲的是一件各不相同的事情。`)
const table = countLines(articles.map((a, n) => site(n, a)))

function clean(text: string, repeated: object, extra: object = {}) {
  return tidy(text, { only: ['boilerplate'], steps: { boilerplate: { ...alone, ...extra, repeated: { table, ...repeated } } } })
}

describe('boilerplate/repeated', () => {
  it('removes lines found in at least min documents, with a message giving the count', () => {
    const result = clean(site(3, articles[3]!), { min: 10 })
    // `第3页` is in every document too (digits count as one), but too short to judge by count alone.
    expect(result.text).toBe(`${articles[3]}\n第3页`)
    const messages = result.messages.filter((m) => m.ruleId === 'boilerplate/repeated')
    expect(messages.map((m) => m.actual)).toEqual(['网站首页 新闻中心 联系我们', '本站部分内容来自网络，仅供参考'])
    expect(messages[0]).toMatchObject({ severity: 'info', line: 1, column: 1, expected: [''], reason: 'Unexpected line repeated in 12 of 12 documents of the corpus (threshold 10), expected nothing' })
  })

  it('keeps lines below the threshold, by count or by share of the documents', () => {
    expect(clean(site(3, articles[3]!), { min: 13 }).text).toBe(site(3, articles[3]!))
    expect(clean(site(3, articles[3]!), { share: 1 }).text).toBe(`${articles[3]}\n第3页`)
    // 0.5 of 12 documents is 6, but min 13 is larger: the larger threshold wins.
    expect(clean(site(3, articles[3]!), { share: 0.5, min: 13 }).text).toBe(site(3, articles[3]!))
  })

  it('never removes a line shorter than minLength for recurring', () => {
    const text = `首页\n${articles[0]}\n`
    const short = countLines(Array.from({ length: 20 }, (_, n) => `首页\n${articles[n % 12]}${n}`))
    const run = (minLength?: number) =>
      tidy(text, { only: ['boilerplate'], steps: { boilerplate: { ...alone, repeated: { table: short, min: 5, ...(minLength ? { minLength } : {}) } } } }).text
    expect(run()).toBe(text)
    expect(run(2)).toBe(`${articles[0]}\n`)
  })

  it('leaves a document whose every line is repeated with its least repeated lines: a copy is not furniture', () => {
    // The same article on 12 pages of one site: the furniture goes, the article (in fewer documents) stays.
    const copies = countLines([...Array.from({ length: 12 }, () => site(0, articles[0]!)), ...articles.slice(1).map((a, n) => site(n, a))])
    const result = tidy(site(0, articles[0]!), { only: ['boilerplate'], steps: { boilerplate: { ...alone, repeated: { table: copies, min: 5 } } } })
    expect(result.text).toBe(`${articles[0]}\n第0页`)
    // A page that is nothing but one repeated line keeps it.
    const only = countLines(Array.from({ length: 30 }, () => '该页面不存在或已被删除'))
    expect(tidy('该页面不存在或已被删除', { only: ['boilerplate'], steps: { boilerplate: { repeated: { table: only } } } }).text).toBe('该页面不存在或已被删除')
  })

  it('in mark mode reports the lines as warnings and keeps the text', () => {
    const result = clean(site(3, articles[3]!), { min: 10 }, { mode: 'mark' })
    expect(result.text).toBe(site(3, articles[3]!))
    expect(result.messages.filter((m) => m.ruleId === 'boilerplate/repeated').map((m) => m.severity)).toEqual(['warning', 'warning'])
  })

  it('judges the line as the input had it, before the script step converts it', () => {
    const traditional = countLines(Array.from({ length: 10 }, (_, n) => `網站首頁 新聞中心\n${articles[n]}`))
    const result = tidy(`網站首頁 新聞中心\n${articles[0]}`, { steps: { boilerplate: { repeated: { table: traditional, min: 10 } } } })
    expect(result.text).toBe(`${articles[0]}`)
    expect(result.stats['boilerplate/repeated']).toBe(1)
  })

  it('does not take a line another rule took, and reports nothing on a document the table has never seen', () => {
    const result = tidy(`版权声明：本站部分内容来自网络，仅供参考\n${articles[5]}`, { only: ['boilerplate'], steps: { boilerplate: { repeated: { table, min: 2 } } } })
    expect(result.messages.map((m) => m.ruleId)).toEqual(['boilerplate/disclaimer'])
    const unseen = '一个从未出现过的句子，来自另一个网站。\n又一句。'
    expect(clean(unseen, { min: 2 })).toMatchObject({ text: unseen, messages: [] })
  })

  it('gives the same result with a table that crossed to a worker thread (a structured clone)', () => {
    const options: TidyOptions = { only: ['boilerplate'], steps: { boilerplate: { repeated: { table, min: 10 } } } }
    const cloned = reviveTables(structuredClone(options))
    expect(cloned.steps!.boilerplate!.repeated!.table).toBeInstanceOf(LineTable)
    expect(tidy(site(4, articles[4]!), cloned)).toEqual(tidy(site(4, articles[4]!), options))
  })

  it('refuses bad options, naming them', () => {
    const attempt = (repeated: unknown) => () => tidy('x', { only: ['boilerplate'], steps: { boilerplate: { repeated: repeated as never } } })
    expect(attempt({ table: {} })).toThrow(/option `repeated.table` must be a LineTable/)
    expect(attempt({ table, min: 1 })).toThrow(/`repeated.min` must be a whole number of at least 2, got 1/)
    expect(attempt({ table, share: 0 })).toThrow(/`repeated.share` must be a number above 0 and at most 1/)
    expect(attempt({ table, minLength: 0.5 })).toThrow(/`repeated.minLength`/)
    expect(attempt({ table, threshold: 3 })).toThrow(/threshold/)
    expect(attempt('table.tbl')).toThrow(/must be an object/)
  })
})

import { describe, expect, it } from 'vitest'
import { tidy, ZhtidyError } from '../../src/index.js'
import { runCaseTables } from '../helpers/cases.js'

runCaseTables('boilerplate')

describe('boilerplate options', () => {
  const page = '正文第一段，是一个完整的句子。\n版权声明：本文为原创文章，转载请保留出处！'
  it("mode 'mark' keeps the text and reports the line as a warning", () => {
    const result = tidy(page, { only: ['boilerplate'], steps: { boilerplate: { mode: 'mark' } } })
    expect(result.text).toBe(page)
    const warning = result.messages.find((m) => m.ruleId === 'boilerplate/disclaimer')
    expect(warning?.severity).toBe('warning')
    expect(warning?.line).toBe(2)
    expect(warning?.actual).toBe('版权声明：本文为原创文章，转载请保留出处！')
  })
  it('a rule can be switched off by id', () => {
    expect(tidy(page, { only: ['boilerplate'], steps: { boilerplate: { disable: ['boilerplate/disclaimer'] } } }).text).toBe(page)
  })
  it("bylines stay by default and go with bylines: 'remove'", () => {
    // Lines 17-18 of shared/real-pages/c4cc-000 (c4-dataset-script random-100 record 0), then its article's first sentence.
    const article = '文章来源:贵州白癜风皮肤病医院 发布时间:2022-10-01\n遗传因素。尽管遗传因素在病因中所占比重不大，但的确是白癜风的重要发病原因，遗传者和普通人相比，机会要大得多。'
    expect(tidy(article, { only: ['boilerplate'] }).text).toBe(article)
    const removed = tidy(article, { only: ['boilerplate'], steps: { boilerplate: { bylines: 'remove' } } })
    expect(removed.text).toBe(article.split('\n')[1])
    expect(removed.messages.map((m) => m.ruleId)).toEqual(['boilerplate/byline'])
    expect(() => tidy(article, { only: ['boilerplate'], steps: { boilerplate: { bylines: 'drop' as never } } })).toThrow(/bylines/)
  })
  it('an unknown rule id is an error naming it', () => {
    expect(() => tidy(page, { only: ['boilerplate'], steps: { boilerplate: { disable: ['boilerplate/nope' as never] } } })).toThrow(/boilerplate\/nope/)
    expect(() => tidy(page, { only: ['boilerplate'], steps: { boilerplate: { mode: 'hide' as never } } })).toThrow(ZhtidyError)
  })
})

describe('boilerplate patterns run in linear time', () => {
  // Each of these took seconds (or threw) before the patterns were fixed: two space runs side by side after a
  // label, and the phone pattern's stack on a huge line. A quadratic pattern would take minutes at these sizes.
  const adversarial: [string, string][] = [
    ['a contact label and 200 K tabs', '电话' + '\t'.repeat(200_000)],
    ['a widget label and 200 K tabs', '分享到' + '\t'.repeat(200_000) + 'x'],
    ['10 MB of digits', '1'.repeat(10_000_000)],
    ['digits and spaces', '1 '.repeat(500_000) + 'x'],
  ]
  for (const [name, text] of adversarial) {
    it(`${name}: no throw, no line removed, done quickly`, () => {
      const started = Date.now()
      const result = tidy(text, { only: ['boilerplate'], messages: false })
      expect(result.text).toBe(text)
      expect(Date.now() - started).toBeLessThan(20_000)
    })
  }

  it('a contact line with a label and tabs before the number is still found', () => {
    expect(tidy('正文第一句。\n电话：\t\t010-12345678\n', { only: ['boilerplate'] }).text).toBe('正文第一句。\n')
  })
})

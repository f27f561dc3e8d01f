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
  it('an unknown rule id is an error naming it', () => {
    expect(() => tidy(page, { only: ['boilerplate'], steps: { boilerplate: { disable: ['boilerplate/nope' as never] } } })).toThrow(/boilerplate\/nope/)
    expect(() => tidy(page, { only: ['boilerplate'], steps: { boilerplate: { mode: 'hide' as never } } })).toThrow(ZhtidyError)
  })
})

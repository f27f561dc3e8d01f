// The boilerplate step's fast path (issue 13): a stretch whose lines are prose and a few other lines, none furniture
// on its own, skips the page analysis (`plainProse` in src/steps/boilerplate/page.ts). Held here to the whole
// analysis (the fast path switched off) on generated pages and on every labelled page at hand.
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import * as forms from '../../src/data/boilerplate-forms.js'
import { buildMatchers, findBoilerplate } from '../../src/steps/boilerplate/index.js'
import { setFastPaths } from '../../src/steps/boilerplate/page.js'
import { loadLabelledPages, pageLines } from '../helpers/labelled-pages.js'

const m = buildMatchers()
const both = (texts: readonly string[], bylines: 'keep' | 'remove' = 'keep') => {
  setFastPaths(true)
  const fast = [...findBoilerplate(texts, m, { bylines })]
  setFastPaths(false)
  const slow = [...findBoilerplate(texts, m, { bylines })]
  setFastPaths(true)
  return { fast, slow }
}
afterEach(() => setFastPaths(true))

const sentences = [
  '九年春，王三月癸酉，大雨霖以震，书始也。',
  '夏，城郎，书，不时也。',
  '宋公不王。',
  '郑伯为王左卿士，以王命讨之，伐宋，宋以入郛之役怨公，不告命。',
  '“我在马路边捡到一分钱，把它交到警察叔叔手里边。”',
  '2020年5月14日，习近平总书记主持召开中央政治局常委会会议，提出深化供给侧结构性改革。',
  '本产品采用全不锈钢外壳，结构紧凑，安装方便，适用于化工、电力、冶金等行业的压力测量……',
  '这是一句没有句号的长句子，它讲了很多事情，但是没有结束',
]
const others = ['译文', '隐公十年', '2019-09-26', '2019-12-10 07:57:40', '2019-09-26发布', '阅读 539', '分享到：', '首页', '上一篇', '责任编辑：张三', '来源：新华网', '【纠错】', '+1', '', '  ', '1', '相关文章', '秒速赛车开奖结果', '▲图为现场', '故宫博物院供图', '热门推荐 更多>>']
// Short lines that are no furniture on their own: a run of six before or after the article goes by place.
const headlines = ['高校毕业除了考研和工作还有什么更好的选择', '迄今为止你最讨厌的广告是什么', '大学生拿攒下的生活费买手机合理吗', '苏州最让你难忘的美食有哪些', '有人说最好的人生是为自己而活', '你有没有看病被坑过的例子', '2019-09-26新品上市', '2020-01-03学校开学']
const phrases = Object.values(forms).flat().slice(0, 400)
const line = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...sentences) },
  { weight: 3, arbitrary: fc.constantFrom(...others) },
  { weight: 1, arbitrary: fc.constantFrom(...phrases) },
)

describe('the boilerplate fast path', () => {
  it('finds what the whole analysis finds, on generated pages of prose, headings, dates and furniture', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 24 }), fc.constantFrom<'keep' | 'remove'>('keep', 'remove'), (texts, bylines) => {
        const { fast, slow } = both(texts, bylines)
        expect(fast).toEqual(slow)
      }),
      { numRuns: 3000 },
    )
  })

  it('finds what the whole analysis finds on pages of prose with up to six other lines', () => {
    const prose = fc.constantFrom(...sentences.slice(0, 6))
    fc.assert(
      fc.property(fc.array(prose, { minLength: 1, maxLength: 20 }), fc.array(fc.tuple(fc.nat(20), fc.constantFrom(...others)), { maxLength: 7 }), (base, inserts) => {
        const texts = [...base]
        for (const [at, text] of inserts) texts.splice(at % (texts.length + 1), 0, text)
        const { fast, slow } = both(texts)
        expect(fast).toEqual(slow)
      }),
      { numRuns: 3000 },
    )
  })

  it('finds what the whole analysis finds on prose with a run of short lines before, inside or after it', () => {
    const prose = fc.array(fc.constantFrom(...sentences.slice(0, 6)), { minLength: 1, maxLength: 8 })
    const run = fc.array(fc.constantFrom(...headlines, ...others.slice(0, 4)), { maxLength: 9 })
    fc.assert(
      fc.property(fc.option(fc.constantFrom('某某网站 新闻中心', '九年春')), prose, run, prose, run, (title, a, r1, b, r2) => {
        const texts = [...(title ? [title] : []), ...r1, ...a, ...r2, ...b, ...r1, ...r2]
        const { fast, slow } = both(texts)
        expect(fast).toEqual(slow)
      }),
      { numRuns: 3000 },
    )
  })

  const { pages } = loadLabelledPages()
  it.skipIf(pages.length === 0)('finds what the whole analysis finds on every labelled page at hand', () => {
    for (const page of pages) {
      const { fast, slow } = both(pageLines(page.text))
      expect(fast, page.id).toEqual(slow)
    }
  })
})

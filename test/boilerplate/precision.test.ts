// Precision of the boilerplate step's context rules (issue 15): the kinds of content lines that the enlarged dev split
// showed being removed by place alone — a spec list between two paragraphs, a list of features or system requirements
// after the article on a page without furniture lines, an author and a date under the heading, a dictionary's
// headword — stay, while the furniture of the same pages still goes. Each page is written here for the test, in
// the shape of a labelled dev page (named in each case).
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'

const clean = (text: string) => tidy(text, { only: ['boilerplate'] })
const removedLines = (text: string) => {
  const lines = text.split('\n')
  return clean(text).messages.filter((m) => m.ruleId.startsWith('boilerplate/')).map((m) => lines[m.line! - 1])
}

const P1 = '本产品采用全不锈钢外壳，结构紧凑，安装方便，适用于化工、电力、冶金等行业的压力测量。'
const P2 = '变送器出厂前均经过严格的老化试验和温度补偿，长期稳定性好，维护工作量小，可以放心选用。'
const P3 = '如需了解更多型号和价格信息，欢迎来电咨询，我们将在一个工作日内给您详细的答复和报价。'

describe('the boilerplate step keeps content lines that look like furniture by place', () => {
  it('keeps a spec list and a table between two paragraphs (zy-saic); the menu above the article still goes', () => {
    const specs = ['主要技术指标', '使用对象：液体、气体或蒸气', '测量范围：DC 4-20mA', '供电电源：DC 24V', '零位误差', '量程误差', '≤±0.25%', '≤±0.5%', '4,5', '3,6,7,8']
    const menu = ['网站首页', '关于我们', '产品展示', '新闻中心', '技术文章', '在线留言', '联系我们']
    const page = ['微差压变送器-上海某仪表有限公司', ...menu, '微差压变送器', P1, P2, ...specs, P3, '返回顶部'].join('\n')
    const removed = removedLines(page)
    for (const line of specs) expect(removed).not.toContain(line)
    expect(removed).toEqual(expect.arrayContaining([...menu, '返回顶部']))
  })

  it('keeps the system requirements after a product description on a page without furniture lines (heiyw)', () => {
    const requirements = ['●操作系统: Windows 8 or newer', '●处理器: Intel i5 2.3GHz', '●显卡: VRAM 1 GB', '●存储空间: 需要 1500 MB 可用空间', '●声卡: DirectSound compatible', '●内存: 4 GB RAM']
    const page = ['某游戏 中文版', P1.replace('本产品', '本游戏'), '在第十天到来之前培养员工，准备作战，击败怪物头目攻略迷宫吧。', ...requirements].join('\n')
    expect(clean(page).text).toBe(page)
  })

  it('still removes a tail of question headlines on a page without furniture lines (bkzhishi)', () => {
    const headlines = ['高校毕业除了考研和工作还有什么更好的选择', '迄今为止你最讨厌的广告是什么', '大学生拿攒下的生活费买手机合理吗', '苏州最让你难忘的美食有哪些', '有人说最好的人生是为自己而活你赞同吗', '你有没有看病被坑过的例子']
    const page = ['眼睛白眼球有黄斑怎么办', P1, P2, ...headlines].join('\n')
    expect(removedLines(page)).toEqual(headlines)
  })

  it('keeps the author and the date between the heading and the article, and removes the counter there (360che, duitang)', () => {
    const page = ['优惠 0.1万 某地载货车促销中_某卡车网', '首页', '行业信息', '评测', '促销', '导购', '优惠 0.1万 某地载货车促销中', '庄紫藤', '2020-03-25', '2312', P1, P2].join('\n')
    const removed = removedLines(page)
    expect(removed).not.toContain('庄紫藤')
    expect(removed).not.toContain('2020-03-25')
    expect(removed).toEqual(expect.arrayContaining(['首页', '2312']))
  })

  it("keeps a dictionary entry's headword that repeats the title's second part (dreye)", () => {
    const page = [
      '某词典权威释义 | reckoning',
      ...['首页', '|', '产品专区', '|', '客户服务', '|'],
      ...['热门搜索', '权威释义', '英语', '精简查询', '生字笔记', '跨平台产品', '家用产品', '硬件产品'],
      'reckoning',
      'n.',
      '计算；测算，估计，推测',
      '我估计我们离开工厂有数英里远，还要走很久。',
      '迟早非得跟她算账不可，这件事情不会就这样结束。',
    ].join('\n')
    expect(removedLines(page)).not.toContain('reckoning')
  })

  it("keeps a shop's and a reporter's line with a forum word, and removes the word alone on a forum page", () => {
    expect(removedLines(['客厅家具选购', P1, '布艺沙发', P2].join('\n'))).toEqual([])
    expect(removedLines(['一起信访案件的调查', P1, '实名举报', P2].join('\n'))).toEqual([])
    expect(removedLines([P1, P2, '沙发', '板凳', '举报'].join('\n'))).toEqual(['沙发', '板凳', '举报'])
  })

  it("keeps a page's last line with one ordinary word of the injected list, and removes one with a marked word or two words", () => {
    expect(removedLines([P1, P2, '国产大飞机C919'].join('\n'))).toEqual([])
    expect(removedLines([P1, P2, '亚洲杯小组赛赛程'].join('\n'))).toEqual([])
    expect(removedLines([P1, P2, '久久久久久亚洲精品首页'].join('\n'))).toEqual(['久久久久久亚洲精品首页'])
    expect(removedLines([P1, P2, '无码视频首页'].join('\n'))).toEqual(['无码视频首页'])
  })

  it("keeps a book's part heading 上篇 and a sentence that starts with 图3, and removes 上篇：… and a caption", () => {
    const book = ['某书 目录', P1, '上篇 总论', P2, '下篇 分论', P3].join('\n')
    expect(removedLines(book)).toEqual([])
    const figure = ['某报告', P1, '图3 显示了过去十年的变化趋势，可以看出增长十分明显。', P2].join('\n')
    expect(removedLines(figure)).toEqual([])
    expect(removedLines(['某报告', P1, '图3 历年变化趋势', P2, '上篇：某一篇文章的标题'].join('\n'))).toEqual(['图3 历年变化趋势', '上篇：某一篇文章的标题'])
  })
})

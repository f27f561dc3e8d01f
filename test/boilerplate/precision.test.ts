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

// The fresh batch of labelled pages (split `fresh`, measured unseen before these rules): content lines the rules
// then removed by place alone, and keyword runs and notices they then left. Each page is written here in the shape
// of a fresh page (named in each case).
describe('the boilerplate step on the shapes of the fresh pages', () => {
  const menu = ['首页', '电影', '电视剧', '动漫', '综艺', '留言']

  it('keeps a heading the title holds after a category, the fields under it and a synopsis with full stops inside (forrentat)', () => {
    const head = ['女教师：某某时代', '类型：剧情 地区：韩国 年份：2022', '主演：甲某，乙某，丙某', '导演：丁某']
    const synopsis = '简介： 成哲遇到了高中时喜欢的老师美京，但美京离婚后成了另一个人。 为了老师的康复而一起生活的成哲和小时候的梦想对象逐渐... 详细 >'
    const page = ['《伦理女教师：某某时代》高清版手机在线免费观看_某某影院', ...menu, ...head, synopsis, '立即播放', '详细剧情', P1, '猜你喜欢', '韩语中字', '日语中字', '高清版'].join('\n')
    const removed = removedLines(page)
    for (const line of [...head, synopsis]) expect(removed).not.toContain(line)
    expect(removed).toEqual(expect.arrayContaining([...menu, '猜你喜欢']))
  })

  it('keeps the date above a blog post heading that the title holds (annamariahorner)', () => {
    const page = ['Some Author: And you thought the mountains were for hiking', 'Friday, November 20, 2009', 'And you thought the mountains were for hiking', 'The mountains are for shopping! Between studio sessions of my class last weekend, the girls and I went to town.', 'Posted by Unknown at 4:13 PM', 'Email ThisBlogThis!Share to TwitterShare to Facebook'].join('\n')
    expect(removedLines(page)).not.toContain('Friday, November 20, 2009')
  })

  it('counts forty + markers of a diff once: the lines of the diff stay on a page without an article (grondin)', () => {
    const code = ['<!--en-->[[Template:PD-user|{{#language:en}}]]&nbsp;|', '<!---->[[Template:PD-user/ar|{{#language:ar}}]]&nbsp;|', '<!---->[[Template:PD-user/bg|{{#language:bg}}]]&nbsp;|', '<!---->[[Template:PD-user/de|{{#language:de}}]]&nbsp;|', '<!---->[[Template:PD-user/el|{{#language:el}}]]&nbsp;|']
    const page = ['Modèle:PD-user/lang : Différence entre versions — Gdn', 'Ligne 1 : Ligne 1 :', ...code.flatMap((line) => ['+', line]), '+', '+', '+', 'Menu de navigation', 'Se connecter'].join('\n')
    const removed = removedLines(page)
    for (const line of code) expect(removed).not.toContain(line)
  })

  it('removes a run of gambling keyword lines between company texts (sfcb.hdlgedu)', () => {
    const run = ['秒速赛车开奖结果网址', '极速飞艇三期计划', '澳洲幸运10在线预测', '极速赛车规则', '秒速飞艇走势']
    const page = ['某某机械有限公司', P1, ...run, P2, P3].join('\n')
    expect(removedLines(page)).toEqual(run)
  })

  it('removes a notice that says the site only serves pages, and one with 如有侵权 after a comma (lvzhuangjie, arbays)', () => {
    const notices = ['本站所有视频和图片均来自互联网收集而来，版权归原创者所有，本网站只提供web页面服务，并不提供资源存储', '个人网站免责声明：本站內容出自原创和来源互联网, 如有侵权烦请告知,将在第一时间处理。']
    expect(removedLines(['某站', P1, P2, ...notices].join('\n'))).toEqual(notices)
  })

  it('keeps a dateline a template splits into short lines above the heading, and the menu above it still goes (newsroom.jetstar)', () => {
    const menu = ['Deals', 'Flights', 'Holidays', 'Menu', 'Login', 'Help', 'Book', 'Manage booking', 'Check in', 'Flight status']
    const dateline = ['Singapore,', '08', 'February', '2018', '|', '19:58', 'Australia/Melbourne']
    const title = 'Jetstar Asia introduces Pilot Cadet Training Programme'
    const body = ['Jetstar Asia and L3 Commercial Training Solutions announced the launch of a new pilot training programme today.', 'The programme will support the resourcing demands for the Singapore-based low fares airline in the years ahead.']
    const removed = removedLines([title, ...menu, ...dateline, title, ...body].join('\n'))
    for (const line of dateline) expect(removed).not.toContain(line)
    expect(removed).toEqual(expect.arrayContaining(['Login', 'Help']))
  })

  it("keeps the title with keywords of a page whose own lines are full of them, and removes it on a page about something else (bjebhjkw)", () => {
    const title = '《某某人妻无码中文字幕》在线观看-某某AV资源'
    const own = ['首页', '视频一区', '视频二区', '猜你喜欢', '人妻中文字幕第01集', '无码高清版在线观看', '某某熟女系列', '国产自拍合集', '亚洲精品一区二区', '欧美高清无码', '本网站提供的资源均系收集于各大视频网站']
    expect(removedLines([title, ...own].join('\n'))).not.toContain(title)
    expect(removedLines([title, '某某机械有限公司', P1, P2, P3, '联系我们'].join('\n'))).toContain(title)
  })
})

// The fresh2 batch (saved HTML pages of news sites, measured unseen before these rules): the article's date and
// credit lines that the rules then removed, each page written here in the shape of a fresh2 page (named in each case).
describe('the boilerplate step on the shapes of the fresh2 pages', () => {
  const menu = ['首页', '新闻', '财经', '体育', '娱乐', '科技', '汽车', '房产', '教育', '旅游']
  const body = [
    '新华社巴黎12月9日电 法国9日再次爆发全国跨行业大罢工，反对政府进行退休制度改革，首都巴黎交通再次陷入瘫痪。',
    '这是继5日多人参与的全国跨行业大罢工后，工会发起的第二轮向政府施压行动，多个行业都将受到影响。',
    '法国各工会号召10日继续举行全国跨行业大罢工及游行，预计交通、教育等多个行业的运行都将受到影响。',
  ]
  const tail = ['相关新闻', '大数据杀熟 技术之罪需规则规避', '学校只剩一名学生 她却坚守了十八年', '骑共享单车的一定要注意了', '关于我们', '联系我们', '版权声明']

  it('keeps a date and time on its own under the heading, with share buttons between it and the article (xinhuanet)', () => {
    const page = ['法国全国大罢工再次严重影响交通-新华网', ...menu, '法国全国大罢工再次严重影响交通', '2019-12-10 07:57:40', '来源：', '新华网', '微信', '微博', 'Qzone', '评论', '图集', ...body, ...tail].join('\n')
    const removed = removedLines(page)
    expect(removed).not.toContain('2019-12-10 07:57:40')
    expect(removed).toEqual(expect.arrayContaining(['新闻', '财经', '微博']))
  })

  it('keeps the date under the heading after a share row and its counters (guancha)', () => {
    const page = ['法国全国大罢工再次严重影响交通_某某网', ...menu, '法国全国大罢工再次严重影响交通', '分享到：', '9', '23', '2019-09-07 15:10:53', '字号：A-', 'A', 'A+', '来源：某某网', ...body, ...tail].join('\n')
    expect(removedLines(page)).not.toContain('2019-09-07 15:10:53')
  })

  it('keeps a date a template splits into short lines under the heading (new.qq)', () => {
    const date = ['2019', '09/07', '19:02']
    const page = ['法国全国大罢工再次严重影响交通_腾讯新闻', ...menu, '正在阅读：法国全国大罢工再次严重影响交通', '一键登录', '法国全国大罢工再次严重影响交通', ...date, '扬眼', '企鹅号', '分享', '评论', '2819', ...body, ...tail].join('\n')
    const removed = removedLines(page)
    for (const line of date) expect(removed).not.toContain(line)
  })

  it('keeps a post meta line with its date and a counter under the heading (sxmu, csdn)', () => {
    for (const meta of ['| 发布时间: 2018-05-17 | 浏览次数: 2168', '发表于2014-08-24 21:30|']) {
      const page = ['法国全国大罢工再次严重影响交通-纪检', ...menu, '■ 纪检监察', '法国全国大罢工再次严重影响交通', '来源:', meta, ...body, ...tail].join('\n')
      expect(removedLines(page)).not.toContain(meta)
    }
  })

  it('keeps a credit line after the article (供稿, 摄影/, 编辑/), and the footer after it still goes (zyyfy)', () => {
    const credit = '医技药剂党支部、药剂科供稿 摄影/张艳 编辑/苏芳'
    const footer = ['版权所有 某某医院 Copyright © 2018 All rights reserved', '湘ICP备14002927号-5']
    const page = ['某某医院举办药学技能竞赛', ...menu, '位置：首页 > 新闻动态', '某某医院举办药学技能竞赛', '来源：本站原创', ...body, credit, ...footer].join('\n')
    const removed = removedLines(page)
    expect(removed).not.toContain(credit)
    expect(removed).toEqual(expect.arrayContaining(footer))
  })
  it('removes the related links and comment box between the article and a footer of two disclaimer sentences (chinanews)', () => {
    const links = ['理论新闻精选：', '加快法治体系建设 提升依法治理效能', '2020年07月08日 13:36:14', '倾听历史回响 激发矢志复兴民族的精神伟力', '2020年07月08日 12:48:50', '收藏文章', '登录', '有事没事说两句...', '推荐阅读', '站在十字路口的郭艾伦：那些成长、憋屈与快乐', '汇率重回“6时代”，人民币为什么越来越香？', '两册《永乐大典》海外拍出812万欧元！谁买走了它？', '林丹退役后首度公开亮相：明年或仍征战全运会']
    const footer = ['本网站所刊载信息，不代表中新社和中新网观点。 刊用本网站稿件，务经书面授权。', '未经授权禁止转载、摘编、复制及建立镜像，违者将依法追究法律责任。']
    const page = ['法国全国大罢工再次严重影响交通-中新网', ...menu, '法国全国大罢工再次严重影响交通', '来源：求是网', ...body, '【编辑:陈海峰】', '分享到：', ...links, '返回顶部', ...footer].join('\n')
    const removed = removedLines(page)
    expect(removed).toEqual(expect.arrayContaining(links.filter((line) => !line.startsWith('2020'))))
    for (const line of body) expect(removed).not.toContain(line)
  })
  it('removes a list of hot-news questions after the comment box, heavier than the last sentence of the article (thepaper)', () => {
    const hot = [
      '武汉市卫健委通报不明原因病毒性肺炎，有没有人传人？专家这样说！',
      '工程院院士犯贪污罪一审获刑十二年，涉案金额为何如此巨大？',
      '美国声称在巴格达发动空袭，伊朗高级将领身亡，中东局势会怎样？',
      '国产疫苗每支三百多元，十五至四十五岁女性需要打几针才够？',
      '重庆居民楼大火续：遇难的一家人为何没能及时逃生？真相来了！',
      '央行宣布全面降准零点五个百分点，释放长期资金八千多亿元！',
      '扬州大学多名学生患肺结核住院，学校回应：已全面开展筛查！',
      '两名中国游客在菲律宾乘船游览时遇险，当地警方正在调查此事！',
    ]
    const page = ['法国全国大罢工再次严重影响交通_澎湃新闻', ...menu, '法国全国大罢工再次严重影响交通', '新华社', ...body, '责任编辑：柴敏懿', '关键词 >> 法国', '收藏', '相关推荐', '评论(3)', '我要跟帖', '发表', '热新闻', ...hot, '关于澎湃', '联系我们', 'Copyright © 2014~2020 The Paper All rights reserved.'].join('\n')
    const removed = removedLines(page)
    expect(removed).toEqual(expect.arrayContaining(hot))
    for (const line of body) expect(removed).not.toContain(line)
  })
  it('keeps the subheads between captions and paragraphs of a report past its second sentence (jiankang2000)', () => {
    const heads = ['广西乐业县', '广西凌云县陇槐村', '广西乐业县板洪村']
    const para = (place: string) => `在${place}，挂职干部第一时间返回岗位，协调防疫物资，组织志愿者开展入户排查，确保群众生产生活秩序平稳。`
    const page = ['挂职干部第一时间返岗 稳步推进乡村振兴', ...menu, '挂职干部第一时间返岗 稳步推进乡村振兴', ...body.slice(0, 2), '▲刘华干在加尤镇磨贤村了解春耕生产', heads[0], para(heads[0]!), '▲金万兵到草王山茶业公司推动复工复产', heads[1], para(heads[1]!), '▲李熹正在指导返岗群众填写报备表', heads[2], para(heads[2]!), '疫情防控不放松，乡村振兴在行动；战“疫”还在继续，我们的帮扶也还在继续。'].join('\n')
    const removed = removedLines(page)
    for (const line of heads) expect(removed).not.toContain(line)
  })

  it('keeps the original-title line after the article, before the editor and the tags (guancha)', () => {
    const original = '原标题：我国集成电路进口突破3000亿美元！魏少军：中国半导体产业结构扭曲'
    const page = ['法国全国大罢工再次严重影响交通_观察者网', ...menu, '法国全国大罢工再次严重影响交通', '2019-09-07 15:10:53', ...body, '9', '标签', original, '责任编辑:', '刘响', '大公司', '小编最近文章', '他对政治没兴趣，却老跟政治扯上关系', '普京销毁违禁食物 咱网友聊起肯德基', '我要评论', '全部评论 23条', '关于我们', '联系我们'].join('\n')
    expect(removedLines(page)).not.toContain(original)
  })
})

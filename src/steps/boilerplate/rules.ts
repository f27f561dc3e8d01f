/**
 * The boilerplate rule table: data, not code. Phrases are written once in simplified script; their traditional,
 * Taiwan and Hong Kong forms are generated at build time (scripts/gen-boilerplate-forms.mjs → src/data/boilerplate-forms.ts),
 * so a rule matches either script. Every list below that ends in `_PHRASES` or `_HEADS`, `_LABELS`, `_NAMES`,
 * `_LINES` is generated that way.
 * A user can read these lists, and switch any rule off by id (`steps.boilerplate.disable`).
 */

export const BOILERPLATE_RULE_IDS = [
  'boilerplate/disclaimer',
  'boilerplate/copyright',
  'boilerplate/contact',
  'boilerplate/navigation',
  'boilerplate/link-list',
  'boilerplate/dated-teasers',
  'boilerplate/tail-junk',
  'boilerplate/widget',
  'boilerplate/tags',
  'boilerplate/forum',
  'boilerplate/image',
  'boilerplate/injected',
  'boilerplate/byline',
] as const
export type BoilerplateRuleId = (typeof BOILERPLATE_RULE_IDS)[number]

/**
 * Heads of disclaimer lines. A line is a disclaimer when it *starts* with one of these (after an optional 【, [,
 * （ or >>), so the same words inside a real sentence never count.
 */
export const DISCLAIMER_HEADS: readonly string[] = [
  '版权声明',
  '免责声明',
  '慎重声明',
  '郑重声明',
  '特别声明',
  '特别提醒',
  '本站声明',
  '网站声明',
  '法律声明',
  '温馨提示：文章内容',
  '友情提醒：本文',
  '凡本站注明',
  '凡本网注明',
  '凡本站未注明',
  '凡本网未注明',
  '凡注明',
  '转载请注明',
  '转载请保留',
  '转载请联系',
  '如需转载',
  '未经许可，严禁转载',
  '未经授权，严禁转载',
  '未经允许不得转载',
  '未经许可不得转载',
  '责任编辑',
  '责编',
  '如有侵权',
  '若有侵权',
  '如涉及侵权',
  '增值电信业务经营许可证',
  '互联网新闻信息服务许可证',
  '若本站',
  '所有文章未经授权',
  '本文来自网络',
  '版权投诉',
]

/** Heads that are a disclaimer only when a separator follows (`本文来源：…`, not `本文来源于作者多年的调查`). */
export const DISCLAIMER_LABELS: readonly string[] = ['本文来源', '本文转载自', '文章来源于网络', '内容来源于网络']

/**
 * Phrases that make a short line (at most `DISCLAIMER_ANYWHERE_MAX` units) a disclaimer wherever they stand in it,
 * as long as one starts a clause (at the start of the line, or after punctuation or a space):
 * `未經《每日經濟新聞》報社授權 ，嚴禁轉載或鏡像`, `…独家稿件,未经许可严禁转载。` — but not `网站严禁转载他人作品`.
 */
export const DISCLAIMER_PHRASES: readonly string[] = [
  '严禁转载',
  '不得转载',
  '禁止转载',
  '谢绝转载',
  '转载请注明',
  '转载请与',
  '转载请联系',
  '如需转载',
  '如有转载',
  '未经许可严禁转载',
  '未经许可不得转载',
  '未经授权严禁转载',
  '未经授权不得转载',
  '未经允许不得转载',
  '违者必究',
  '如您不希望作品出现在本站',
  '请与我们联系删除',
  '若侵权请联系',
  '不代表本站',
  '不代表本网',
  '如有侵权',
  '版权归原作者所有',
  '版权归原创者所有',
  '本站只提供',
  '本网站只提供',
]
export const DISCLAIMER_ANYWHERE_MAX = 90

/** Heads of copyright lines; Latin ones (`Copyright`, `©`) count only before a space, a year or the end. */
export const COPYRIGHT_HEADS: readonly string[] = ['版权所有', '版权归原作者所有', 'Copyright', 'CopyRight', 'copyright', 'COPYRIGHT', '©', '(c)', '(C)', 'Powered by', 'All Rights Reserved', 'All Right Reserved']

/** Phrases that make a short line (at most `COPYRIGHT_LINE_MAX` units) a copyright line wherever they stand. */
export const COPYRIGHT_PHRASES: readonly string[] = ['版权所有', 'Copyright', 'CopyRight', 'COPYRIGHT', 'copyright', '©', 'All Rights Reserved', 'All rights reserved', 'All Right Reserved', '技术支持：', '技术支持:', '网站备案号', '备案号：', 'Powered by', 'Processed in']
export const COPYRIGHT_LINE_MAX = 160

/** A line that holds a licence number (京ICP备12345678号, ICP证：…, 公网安备 …) within its first 60 units. */
export const LICENCE_LINE = /^[\s\S]{0,60}(?:ICP[备證证備]\s*[:：]?\s*\d|ICP[备證证備]案号|ICP[经經][营營]许可证|公网安备|公網安備)/

/** Labels of contact lines: a line that starts with one and a colon, and is short, is contact details. */
export const CONTACT_LABELS: readonly string[] = [
  '邮箱',
  '电子邮箱',
  '电子邮件',
  '投稿邮箱',
  '联系邮箱',
  '电话',
  '联系电话',
  '咨询电话',
  '服务电话',
  '免费电话',
  '客服电话',
  '客服专线',
  '客服信箱',
  '客服邮箱',
  '企业QQ',
  '客服QQ',
  '官方网址',
  '热线',
  '服务热线',
  '全国服务热线',
  '免费服务热线',
  '全国免费咨询热线',
  '读者热线',
  '广告热线',
  '传真',
  '手机',
  '座机',
  '行政总机',
  '联系人',
  '地址',
  '联系地址',
  '公司地址',
  '医院地址',
  '网址',
  '邮编',
  '微信',
  '评估师微信',
  '鉴定评估',
  'QQ',
  'Q Q',
  'Email',
  'E-mail',
  'email',
  'Tel',
  'TEL',
  'Fax',
  'Phone',
]
export const CONTACT_LINE_MAX = 90

/** Names that make up the stock-ticker widgets of news sites. */
export const TICKER_NAMES: readonly string[] = ['上证指数', '深证成指', '创业板', '创业板指', '沪深300', '科创50', '恒生指数', '道琼斯', '纳斯达克', '标普500', '上证50', '中小板指']

/**
 * Widget lines: counters, share, print and follow buttons, search boxes, comment boxes. Matched on the whole line (a
 * colon may follow). None ends a sentence (`。！？`): a long line that does is a sentence before any pattern runs.
 */
export const WIDGET_LINES: readonly string[] = [
  '分享到',
  '分享',
  '打印',
  '关闭',
  '关闭窗口',
  '打印本页',
  '打印此文',
  '扫一扫',
  '纠错',
  '点赞',
  '收藏',
  '收藏 分享',
  '评论',
  '提交',
  '搜索',
  '登录',
  '注册',
  '注册 登录',
  '立即购买',
  '免费下载',
  '免费下载 立即购买',
  '在线客服',
  '在线咨询',
  '微信二维码',
  '小程序二维码',
  '店铺二维码',
  '微信公众号',
  '官方微信',
  '添加微信',
  '关注我们',
  '扫描关注更多信息',
  '扫描二维码随时预约',
  '暂无数据',
  '暂无推荐专家',
  '详细信息',
  '赞赏提示',
  '全球新型肺炎疫情实时查询',
  '欢迎关注每日经济新闻APP',
  '立即播放',
  '立即下载',
  '立即下载APP',
  '下载APP',
  '没有评论可显示',
  '我要评论',
  '发表评论',
  '发表',
  '回复',
  '取消',
  '确定',
  '最新评论',
  '热门评论',
  '全部评论',
  '暂无评论',
  '有事没事说两句...',
  '全部楼层',
  '加载更多',
  '正在加载',
  '加载中',
  '换一换',
  '不感兴趣',
  '我知道了',
  '知道了',
  '收藏文章',
  '一键转发',
  '微信扫一扫',
  '下载客户端',
  '字号',
  '调整字体',
  '小 中 大',
  '大 中 小',
]

/** Phrases that make a short line a widget wherever they stand: counters, share rows, QR prompts. */
export const WIDGET_PHRASES: readonly string[] = ['点击数：', '点击数:', '点击量：', '阅读数', '浏览次数', '人来访过', '扫码关注', '立即扫码', '点击图片查看', '【打印此页】', '【返回】', '【关闭】', '分享到：', '字体大小']
export const WIDGET_LINE_MAX = 60

/** Navigation lines: menu items and links that stand alone on a line. Matched on the whole line. */
export const NAVIGATION_LINES: readonly string[] = [
  '首页',
  '网站首页',
  '主页',
  '返回首页',
  '返回列表',
  '返回顶部',
  '回顶部',
  '回顶',
  '关于我们',
  '联系我们',
  '联系方式',
  '在线留言',
  '留言',
  '网站地图',
  '设为首页',
  '加入收藏',
  '手机版',
  '更多',
  '更多>>',
  '更多+',
  '查看更多',
  '相关阅读',
  '相关文章',
  '相关推荐',
  '相关信息',
  '热门推荐',
  '热门文章',
  '热门帖子',
  '热文精选',
  '点击排行',
  '最新文章',
  '最新发布',
  '站长推荐',
  '推荐阅读',
  '猜你喜欢',
  '友情链接',
  '快速导航',
  '新闻中心',
  '新闻资讯',
  '新闻动态',
  '产品中心',
  '产品展示',
  '公司简介',
  '企业文化',
  '荣誉资质',
  '工程案例',
  '成功案例',
  '客户案例',
  '招商加盟',
  '人才招聘',
  '下载中心',
  '服务支持',
  '技术支持',
  '常见问题',
  '当前位置',
  '当前位置：',
  '您现在的位置',
  '上一篇',
  '下一篇',
  '没有了',
  'Toggle navigation',
  'Skip to content',
  'MORE',
  'MORE+',
  'HOME',
  'NEWS',
  'CONTACT',
  'CONTACT US',
  'ABOUT',
  'PRODUCTS',
]

/**
 * Heads of navigation lines: crumbs and previous/next links (`当前位置：首页 > 新闻`, `上一篇：…`). `上篇`/`下篇` only
 * with a colon: without one they head a book's parts.
 */
export const NAVIGATION_HEADS: readonly string[] = ['当前位置', '您现在的位置', '您现在所在位置', '您的位置', '所在位置', '上一篇', '下一篇', '上一条', '下一条', '上篇：', '上篇:', '下篇：', '下篇:', '热门搜索', '热门关键词', '搜索关键词', '返回每经网首页']

/** Heads of tag lines (`标签：…`, `本文关键词：…`). A separator must follow. */
export const TAG_LABELS: readonly string[] = ['标签', '本文标签', 'Tags', 'TAGS', 'Tag', '关键词', '关键字', '本文关键词', '文章关键词']

/** Forum furniture (Discuz, phpBB): phrases that make a short line forum chrome wherever they stand. */
export const FORUM_PHRASES: readonly string[] = [
  '只看该作者',
  '倒序看帖',
  '跳转到',
  '返回列表',
  '发表于',
  '找回密码',
  '立即注册',
  '私人消息',
  '公共消息',
  '系统消息',
  '好友消息',
  '帖子消息',
  '应用通知',
  '应用邀请',
  '发短消息',
  '加为好友',
  '当前在线',
  '阅读权限',
  '在线时间',
  '注册时间',
  '最后登录',
  '收藏此主题',
  '关注此主题',
  '分享给朋友',
  '您需要登录才可以',
  '没有帐号？',
  '使用道具',
  '电梯直达',
  'Powered by Discuz',
  'Archiver',
]
/**
 * Short labels of a forum profile block, each on a line of its own (`UID`, `帖子`, `积分` …), and forum words that
 * count only on a line of their own (`举报`, `楼主`, `沙发`, `板凳`: `布艺沙发`, `实名举报` are a shop's and a reporter's).
 */
export const FORUM_LINES: readonly string[] = ['举报', '楼主', '沙发', '板凳', '回复 举报', '举报 回复', 'UID', '帖子', '精华', '积分', '威望', '金钱', '贡献', '主题', '听众', '收听', '阅读权限', '在线时间', '注册时间', '最后登录', '版主', '论坛', '帮助', '导航', '发帖', '回复', '打印', '返回列表 发帖']
export const FORUM_LINE_MAX = 80

/** Pagination lines: `本文共分 1 页`, `1 2 3 下一页`, `第1页 共5页`. */
export const PAGINATION_LINE = /^\s*(?:本文共分\s*\d+\s*\S|第\s*\d+\s*[页頁]\s*共\s*\d+\s*[页頁]|(?:(?:首[页頁]|上一[页頁]|\d{1,3}|\.\.\.|…)\s+){2,}(?:下一[页頁]|尾[页頁]|末[页頁]|\d{1,3})\s*)$/

/**
 * Image captions and file names left by extraction: `图1 字号尺寸对照表`, `▲刘华干在…`, `22.jpg`, `封面图片来源：…`,
 * `…新华社记者 公磊 摄`. A line that starts with `图1` and ends a sentence is the article's (`图3 显示了…。`).
 */
export const IMAGE_LINE = /^\s*(?:(?:图|圖)\s*\d{1,2}(?=[\s:：.、])(?![^。！？]*[。！？]\s*$)|▲|△|\S{1,60}\.(?:jpe?g|png|gif|webp|bmp)\s*$|(?:封面)?(?:图片|圖片|数据|數據|图表|圖表)(?:来源|來源)[:：])|(?:记者|記者|摄影|攝影)\s*[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4})*\s*(?:摄|攝)\s*$|^[^。！？]{2,30}[?？]\s*(?:来源|來源)[:：]\s*\S{1,12}\s*$|^[^。！？，,]{2,20}供[图圖]\s*$/
export const IMAGE_LINE_MAX = 200

/**
 * Words of the porn and gambling keyword runs that hijacked and mirror sites put on top or at the end of a page.
 * A line outside the article with `INJECTED_MIN` of them (distinct), or the page's last line with one, is injected.
 */
export const INJECTED_WORDS: readonly string[] = [
  '无码',
  '高潮',
  '乱伦',
  '强奸',
  '人妻',
  '熟女',
  '少妇',
  '久久',
  '一区二区',
  '中文字幕',
  '精品国产',
  '国产',
  '亚洲',
  '欧美',
  '色情',
  '成人',
  '黄网',
  '色视频',
  '免费观看',
  '在线观看',
  '完整版观看',
  'a片',
  'A片',
  'av',
  'AV',
  'XXXX',
  'xxxx',
  '性欧美',
  '躁',
  '妓女',
  '潮喷',
  '奶头',
  '野结衣',
  '人禽',
  '金沙',
  '葡京',
  '威尼斯人',
  '博彩',
  '百家乐',
  '幸运8',
  '幸运10',
  '秒速赛车',
  '极速赛车',
  '北京赛车',
  '秒速飞艇',
  '极速飞艇',
  '六合彩',
  '时时彩',
  '特码',
]
/**
 * The words of `INJECTED_WORDS` that are ordinary words too (`亚洲杯`, `国产大飞机`, `成人高考`, `AV功放`): one of
 * them alone does not make a page's last line injected (two of them do).
 */
export const INJECTED_COMMON_WORDS: readonly string[] = ['久久', '国产', '亚洲', '欧美', '成人', '高潮', '中文字幕', '免费观看', '在线观看', '完整版观看', '金沙', '威尼斯人', '葡京', '博彩', 'av', 'AV', 'XXXX', 'xxxx', '躁', '人妻', '少妇', '色情', '强奸', '妓女', '六合彩', '北京赛车']
export const INJECTED_MIN = 3
/** A run of this many lines in a row, each with one of them (one not common, or two), is a keyword run wherever it stands. */
export const INJECTED_RUN_MIN = 3
export const INJECTED_LINE_MAX = 200

/** Heads of byline and dateline lines (kept by default; removed with `bylines: 'remove'`). A separator must follow. */
export const BYLINE_LABELS: readonly string[] = ['作者', '本文作者', '记者', '编辑', '来源', '文章来源', '新闻来源', '信息来源', '发布时间', '发布日期', '发表时间', '更新时间', '时间', '日期', '文', '图', '撰文', '摄影', '通讯员', '原标题']
/** Words of a byline or dateline that is not headed by a label (`文章来源:…`); a reporter's name after 记者 counts too (`每经记者 包晶晶`, `（记者杨文）`). */
export const BYLINE_WORDS: readonly string[] = ['通讯员', '编辑：', '编辑:', '编辑/', '编辑／', '摄影/', '摄影／', '供稿', '责编', '发布时间', '来源：', '来源:', '作者：', '作者:']
export const BYLINE_LINE_MAX = 80

/** The longest line a headline in a link list or tail block has; a paragraph of an article is longer or ends a sentence. */
export const HEADLINE_MAX = 60

/**
 * The boilerplate rule table: data, not code. Phrases are written once in simplified script; their traditional,
 * Taiwan and Hong Kong forms are generated at build time (scripts/gen-boilerplate-forms.mjs → src/data/boilerplate-forms.ts),
 * so a rule matches either script.
 * A user can read these lists, and switch any rule off by id (`steps.boilerplate.rules`).
 */

export const BOILERPLATE_RULE_IDS = [
  'boilerplate/disclaimer',
  'boilerplate/contact',
  'boilerplate/link-list',
  'boilerplate/dated-teasers',
  'boilerplate/tail-junk',
  'boilerplate/widget',
] as const
export type BoilerplateRuleId = (typeof BOILERPLATE_RULE_IDS)[number]

/**
 * Heads of disclaimer and copyright lines. A line is a disclaimer only when it *starts* with one of these
 * (after an optional 【 or [), so the same words inside a real sentence never count.
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
  '本文来源',
  '本文转载自',
  '责任编辑',
  '如有侵权',
  '若有侵权',
  '如涉及侵权',
  '版权所有',
  '版权归原作者所有',
  'Copyright',
  'copyright',
  'COPYRIGHT',
  '©',
  '(c)',
  '增值电信业务经营许可证',
]

/** A line that is only a licence number (京ICP备12345678号, 公网安备 …). */
export const LICENCE_LINE = /^[\s\S]{0,12}(?:ICP[备證证]|ICP[经經]营许可证|公网安备|公網安備)[\s\S]{0,40}$/

/** Labels before an e-mail address or phone number on a line of their own. */
export const CONTACT_LABELS: readonly string[] = ['邮箱', '电子邮箱', '电子邮件', '投稿邮箱', '联系邮箱', '电话', '联系电话', '热线', '传真', '手机', 'QQ', 'Email', 'E-mail', 'email', 'Tel', 'TEL', 'Fax']

/** Names that make up the stock-ticker widgets of news sites. */
export const TICKER_NAMES: readonly string[] = ['上证指数', '深证成指', '创业板', '创业板指', '沪深300', '科创50', '恒生指数', '道琼斯', '纳斯达克', '标普500', '上证50', '中小板指']

/** Widget lines: counters, share and print buttons, crumbs, previous/next links. Matched on the whole line. */
export const WIDGET_LINES: readonly string[] = [
  '分享到',
  '打印',
  '关闭',
  '关闭窗口',
  '打印本页',
  '扫一扫',
  '纠错',
  '热门推荐',
  '相关阅读',
  '相关文章',
  '返回顶部',
  '更多',
  '点赞',
  '收藏',
]

/** The longest line a headline in a link list or tail block has; a paragraph of an article is longer or ends a sentence. */
export const HEADLINE_MAX = 60

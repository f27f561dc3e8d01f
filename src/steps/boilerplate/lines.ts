/**
 * One line on its own: what kind of line it is (a disclaimer, a menu item, a sentence of the article …) and the
 * measures the page judgement needs (Han characters, clause marks, whether it ends a sentence). Patterns are built
 * once from the phrase lists in every script (src/data/boilerplate-forms.ts), and each runs only on lines short
 * enough to be what it finds, so that the work per line stays bounded by its length.
 */
import * as forms from '../../data/boilerplate-forms.js'
import {
  BYLINE_LINE_MAX,
  CONTACT_LINE_MAX,
  COPYRIGHT_LINE_MAX,
  DISCLAIMER_ANYWHERE_MAX,
  FORUM_LINE_MAX,
  IMAGE_LINE,
  IMAGE_LINE_MAX,
  INJECTED_LINE_MAX,
  LICENCE_LINE,
  PAGINATION_LINE,
  WIDGET_LINE_MAX,
} from './rules.js'

/** What a line is on its own. The first group are furniture whatever the page; the rest need the page to judge. */
export type LineKind =
  | 'disclaimer'
  | 'copyright'
  | 'forum'
  | 'contact'
  | 'tags'
  | 'pagination'
  | 'image'
  | 'navigation'
  | 'widget'
  | 'junk'
  | 'byline'
  | 'dateline'
  | 'end'
  | 'sentence'
  | 'bullet'
  | 'headline'
  | 'blank'

/** The kinds a line is furniture as on its own, wherever it stands. */
export const FURNITURE_KINDS: ReadonlySet<LineKind> = new Set(['disclaimer', 'copyright', 'forum', 'contact', 'tags', 'pagination', 'image', 'navigation', 'widget', 'junk'])

export interface LineInfo {
  kind: LineKind
  /** Han characters in the line. */
  han: number
  /** Clause and sentence marks (，、；：。！？ and their ASCII forms). */
  marks: number
  /** A teaser cut short (`…`, `...`, `[详细]`): a link, however sentence-like. */
  truncated: boolean
  /** Ends with a date, maybe with a time (`益气通络治疗膜性肾病 2017-02-13`). */
  datedEnd: boolean
  /** Starts with a date glued to a headline (`2020-01-19·卡地亞LOVE系列的鉆戒…`). */
  datedStart: boolean
  /** Ends with a counter (`358人气`, `968赞`). */
  counted: boolean
  /**
   * A sentence that weighs: one that ends with 。 (or ；) and has 10 Han characters, or any line with 30 of them. A
   * short question or exclamation (`美股大幅回撤，机构在如何交易？`) is as often a headline as a sentence.
   */
  strong: boolean
  /** Injected keywords (porn and gambling words, distinct) in the line. */
  injected: number
}

export interface Matchers {
  disclaimer: RegExp
  disclaimerPhrase: RegExp
  copyright: RegExp
  copyrightPhrase: RegExp
  forumPhrase: RegExp
  forumLine: RegExp
  contact: RegExp
  contactLabel: RegExp
  tags: RegExp
  navigationLine: RegExp
  navigationHead: RegExp
  widgetLine: RegExp
  widgetPhrase: RegExp
  ticker: RegExp
  bylineLabel: RegExp
  bylineWord: RegExp
  injected: RegExp
  /** Which of the patterns that search the whole line may match it, from its units and pairs of units (see `measure`). */
  triggers: Triggers
  /** The units the anchored patterns may start or end with (see `Gates`). */
  gates: Gates
}

/*
 * The patterns that search a whole line (phrases that may stand anywhere in it) run only on a line that holds the
 * first two code units of one of their phrases, or one of their single-unit triggers: one pass over the line finds
 * them all, so that a clean sentence costs one pass and a few anchored patterns.
 */
const T_DISCLAIMER = 1
const T_COPYRIGHT = 2
const T_FORUM = 4
const T_WIDGET = 8
const T_INJECTED = 16
const T_BYLINE = 32
const T_IMAGE = 64
const T_LICENCE = 128
/** Units that single patterns need somewhere in the line: a crumb separator, a menu bar, a colon, `Posted in `. */
const T_CRUMB = 256
const T_BAR = 512
const T_COLON = 1024
const T_POSTED = 2048
const ALL_TRIGGERS = 4095

export interface Triggers {
  /**
   * By code unit: the bits (`TRIGGER_BITS`) of the lists that hold it as a phrase of one unit, `MARK_BIT` for the
   * marks `marks` counts, and above `PAIR_SHIFT` the place in `pairs` (plus one) of the pairs it starts.
   */
  units: Uint32Array
  /** For each first unit of a phrase, the count of its second units and then each second unit with its bits. */
  pairs: Uint16Array
}

const TRIGGER_BITS = 0xfff
const MARK_BIT = 0x1000
const PAIR_SHIFT = 13
/** Marks counted by `marks` (clause and sentence punctuation). */
const MARK_UNITS = '，、；：。！？,;:!?'

function buildTriggers(lists: readonly [number, readonly string[]][]): Triggers {
  const units = new Uint32Array(65536)
  const seconds = new Map<number, Map<number, number>>()
  for (const [bit, phrases] of lists) {
    for (const phrase of phrases) {
      if (phrase.length === 1) units[phrase.charCodeAt(0)]! |= bit
      else {
        const after = seconds.get(phrase.charCodeAt(0)) ?? new Map<number, number>()
        after.set(phrase.charCodeAt(1), (after.get(phrase.charCodeAt(1)) ?? 0) | bit)
        seconds.set(phrase.charCodeAt(0), after)
      }
    }
  }
  for (const c of MARK_UNITS) units[c.charCodeAt(0)]! |= MARK_BIT
  const pairs: number[] = []
  for (const [firstUnit, after] of seconds) {
    units[firstUnit]! |= (pairs.length + 1) << PAIR_SHIFT
    pairs.push(after.size)
    for (const [second, bits] of after) pairs.push(second, bits)
  }
  return { units, pairs: Uint16Array.from(pairs) }
}

/** Every unit of `\s` (what `trim` and the patterns' `\s` take as white space). */
const WHITE = new Uint8Array(65536)
for (let code = 0; code < 65536; code++) if (/\s/.test(String.fromCharCode(code))) WHITE[code] = 1

/** Whether a line is only white space (`text.trim() === ''`), without making the trimmed string. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (WHITE[text.charCodeAt(i)] !== 1) return false
  return true
}

/** A table by code unit: 1 for the units of `chars` and for every unit of `white` (when given). */
function unitSet(chars: Iterable<string>, white = false): Uint8Array {
  const table = white ? WHITE.slice() : new Uint8Array(65536)
  for (const c of chars) table[c.charCodeAt(0)] = 1
  return table
}
/** The first units of the phrases of `lists`, and the units of `more`. */
const firstUnits = (lists: readonly (readonly string[])[], more = '') => unitSet([...lists.flat().map((phrase) => phrase[0]!), ...more])
const DIGITS = '0123456789'

/** What the heads' patterns skip before a head: every unit of `\s` and the opening brackets. */
const HEAD_LEAD = unitSet('【[〖（(>》', true)

const IMAGE_END = /(?:[摄攝]|供[图圖]|\.(?:jpe?g|png|gif|webp|bmp))\s*$/i

/** Whether a disclaimer or copyright head may start the line (after its leading brackets and spaces). */
function mayHaveHead(text: string, heads: Uint8Array): boolean {
  let i = 0
  while (i < text.length && HEAD_LEAD[text.charCodeAt(i)] === 1) i++
  return i < text.length && heads[text.charCodeAt(i)] === 1
}

/**
 * For each pattern anchored at a line's start (or end), the units its match may start (or end) with, past the white
 * space (or the other leading units) it skips: the pattern runs only on a line whose unit there is one of them.
 */
export interface Gates {
  /** First units of the disclaimer and copyright heads (after `HEAD_LEAD`). */
  heads: Uint8Array
  forumLine: Uint8Array
  contact: Uint8Array
  tags: Uint8Array
  pagination: Uint8Array
  imageLead: Uint8Array
  imageLast: Uint8Array
  navigationLine: Uint8Array
  /** What the navigation heads skip (`[\s>·»]`), the units they start with, and the last units of the head's other branches. */
  navSkip: Uint8Array
  navigationHead: Uint8Array
  navigationTail: Uint8Array
  welcome: Uint8Array
  url: Uint8Array
  junk: Uint8Array
  ticker: Uint8Array
  widgetLine: Uint8Array
  endMark: Uint8Array
  bracket: Uint8Array
  /** What the byline labels skip (`[\s（(【\[]`) and the units they start with. */
  bylineSkip: Uint8Array
  bylineLabel: Uint8Array
  bullet: Uint8Array
  sentenceLast: Uint8Array
  strongLast: Uint8Array
}

function buildGates(): Gates {
  const closers = '”’」』）)】]'
  return {
    heads: firstUnits([forms.DISCLAIMER_HEADS_FORMS, forms.DISCLAIMER_LABELS_FORMS, forms.COPYRIGHT_HEADS_FORMS]),
    forumLine: firstUnits([forms.FORUM_LINES_FORMS], DIGITS),
    contact: firstUnits([forms.CONTACT_LABELS_FORMS], `${DIGITS}ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.+-(（`),
    tags: firstUnits([forms.TAG_LABELS_FORMS]),
    pagination: firstUnits([], `本第首上${DIGITS}.…`),
    imageLead: firstUnits([], '图圖▲△封图数數'),
    imageLast: firstUnits([], '摄攝图圖gGfFpP'),
    navigationLine: firstUnits([forms.NAVIGATION_LINES_FORMS]),
    navSkip: unitSet('>·»', true),
    navigationHead: firstUnits([forms.NAVIGATION_HEADS_FORMS]),
    navigationTail: firstUnits([], '篇條E+>'),
    welcome: firstUnits([], '欢歡'),
    url: firstUnits([], 'h/'),
    junk: firstUnits([], `-–—_=*·.,:：%+|/\\${DIGITS}[]()<>~#`),
    ticker: firstUnits([forms.TICKER_NAMES_FORMS]),
    widgetLine: firstUnits([forms.WIDGET_LINES_FORMS], '赞讚贊阅閱浏瀏评評点點'),
    endMark: firstUnits([], '（(【[—-完全Ee'),
    bracket: firstUnits([], '（('),
    bylineSkip: unitSet('（(【[', true),
    bylineLabel: firstUnits([forms.BYLINE_LABELS_FORMS]),
    bullet: firstUnits([], `-–—·•●◆■▪*${DIGITS}(（`),
    sentenceLast: firstUnits([], `。！？!?…；;${closers}`),
    strongLast: firstUnits([], `。；;${closers}`),
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const alternation = (list: readonly string[]) => list.map(escape).join('|')
const isHan = (s: string) => /[\u4e00-\u9fff]/.test(s)

let built: Matchers | undefined

/** The patterns and tables of the line classification, built on first use and shared by every processor. */
export function buildMatchers(): Matchers {
  return (built ??= makeMatchers())
}

function makeMatchers(): Matchers {
  const email = '[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+'
  const phone = '[+(（]?\\d[\\d\\s()（）-]{6,}\\d'
  const latinCopyright = forms.COPYRIGHT_HEADS_FORMS.filter((h) => !isHan(h))
  const hanCopyright = forms.COPYRIGHT_HEADS_FORMS.filter(isHan)
  const clauseStart = '(?:^|[\\s，,。；;：:！!）)】」”>》])'
  return {
    disclaimer: new RegExp(`^[\\s【\\[〖（(>》]*(?:${alternation(forms.DISCLAIMER_HEADS_FORMS)}|(?:${alternation(forms.DISCLAIMER_LABELS_FORMS)})\\s*[:：])`),
    disclaimerPhrase: new RegExp(`${clauseStart}(?:${alternation(forms.DISCLAIMER_PHRASES_FORMS)})`),
    copyright: new RegExp(`^[\\s【\\[〖（(]*(?:${alternation(hanCopyright)}|(?:${alternation(latinCopyright)})(?=[\\s\\d©?？]|$))`),
    copyrightPhrase: new RegExp(alternation(forms.COPYRIGHT_PHRASES_FORMS)),
    forumPhrase: new RegExp(alternation(forms.FORUM_PHRASES_FORMS)),
    forumLine: new RegExp(`^\\s*(?:${alternation(forms.FORUM_LINES_FORMS)}|\\d{1,4}#.*)\\s*$`),
    // Never two space runs side by side (`\\s*[:：]?\\s*`): on a label followed by a long run of tabs the engine
    // would try every split of the run between them.
    contact: new RegExp(`^\\s*(?:(?:${alternation(forms.CONTACT_LABELS_FORMS)})\\d?\\s*(?:[:：]\\s*)?)?(?:${email}|${phone})\\s*$`),
    contactLabel: new RegExp(`^\\s*(?:${alternation(forms.CONTACT_LABELS_FORMS)})\\d?\\s*(?:[:：?？]|$)`),
    tags: new RegExp(`^\\s*(?:${alternation(forms.TAG_LABELS_FORMS)})\\s*[:：]|Posted in .*Tagged `),
    navigationLine: new RegExp(`^\\s*(?:${alternation(forms.NAVIGATION_LINES_FORMS)})\\s*$`),
    navigationHead: new RegExp(`^[\\s>·»]*(?:${alternation(forms.NAVIGATION_HEADS_FORMS)})|(?:上一篇|下一篇|上一條|下一條)\\s*$|(?:MORE\\+?|更多\\s*>+|更多\\+)\\s*$`),
    widgetLine: new RegExp(`^\\s*(?:${alternation(forms.WIDGET_LINES_FORMS)})\\s*(?:[:：]\\s*)?$|^\\s*(?:赞|讚|贊|阅读|閱讀|浏览|瀏覽|评论|評論|点击|點擊)\\s*[(（:：]?\\s*\\d*\\s*[)）]?\\s*$`),
    widgetPhrase: new RegExp(alternation(forms.WIDGET_PHRASES_FORMS)),
    ticker: new RegExp(`^\\s*(?:${alternation(forms.TICKER_NAMES_FORMS)})[\\d.,%+\\-\\s]*$`),
    bylineLabel: new RegExp(`^[\\s（(【\\[]*(?:${alternation(forms.BYLINE_LABELS_FORMS)})\\s*[:：/／]`),
    bylineWord: new RegExp(`${alternation(forms.BYLINE_WORDS_FORMS)}|(?:记者|記者)\\s*[\\u4e00-\\u9fff]{2,3}(?=\\s|$|[）)])`),
    injected: new RegExp(alternation(forms.INJECTED_WORDS_FORMS), 'g'),
    triggers: buildTriggers([
      [T_DISCLAIMER, forms.DISCLAIMER_PHRASES_FORMS],
      [T_COPYRIGHT, forms.COPYRIGHT_PHRASES_FORMS],
      [T_FORUM, forms.FORUM_PHRASES_FORMS],
      [T_WIDGET, forms.WIDGET_PHRASES_FORMS],
      [T_INJECTED, forms.INJECTED_WORDS_FORMS],
      [T_BYLINE, [...forms.BYLINE_WORDS_FORMS, '记者', '記者']],
      // IMAGE_LINE's branches that may stand anywhere hold 来源; the others are gated by the line's first and last units (`Gates`).
      [T_IMAGE, ['来源', '來源']],
      [T_LICENCE, ['IC', '公网', '公網']],
      [T_CRUMB, [...'>»›→＞']],
      [T_BAR, [...'|丨｜']],
      [T_COLON, [...':：']],
      [T_POSTED, ['Po']],
    ]),
    gates: buildGates(),
  }
}

const JUNK = /^[\s\-–—_=*·.,:：%+|/\\\d[\]()<>~#]*$/
const BULLET = /^\s*(?:[-–—·•●◆■▪*]|\d{1,2}[.、)）]|[(（]\d{1,2}[)）])\s*\S/
// A sentence ends with a full stop, maybe closed by quotes or brackets and followed by a bracketed byline: `。（记者杨文）`.
const SENTENCE_END = /[。！？!?…；;][”’」』）)】\]]*(?:[（(][^（()）]{1,24}[）)])?\s*$/
const TRUNCATED = /(?:\.{3}|[^…]…|\[详细\]|\[詳細\]|\[详情\]|\[詳情\]|【详细】|阅读全文|閱讀全文|查看全文|详情>>|詳情>>)\s*$/
const DATE = /\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?/
const DATED_END = /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/
const DATE_TIME = /\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}:\d{2}/
const COUNTED = /\S\s*\d+\s*(?:人气|人氣|赞|讚|贊|阅读|閱讀|浏览|瀏覽|评论|評論|次)\s*$/
const END_MARK = /^\s*[（(【\[—-]*\s*(?:完|全文完|END|end)\s*[）)】\]—-]*\s*$/
/** An editor's note in brackets closing the article: `（应受访者要求，胡生、蓝冬均为化名）`, `（文章有删改）`. */
const BRACKETED_NOTE = /^\s*[（(][^（()）]{4,80}[）)]\s*$/
const MENU = /^[^|丨｜。！？]{1,12}(?:[|丨｜][^|丨｜。！？]{0,12}){2,}$|^[^|丨｜]{1,12}[|丨｜]\s*$/
const CRUMB_SEPARATOR = /\s*(?:>>?|»|›|→|＞)\s*/g
const CRUMB_HOME = /^(?:首页|首頁|主页|主頁|网站首页|網站首頁|当前位置|當前位置)/
const BARE_DATE = /^\s*\d{4}-\d{2}-\d{2}\s*$/
const DATE_TIME_LINE = /^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*$/
const DATED_START = /^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*[·•|]?\s*[^\d\s:]/
const STRONG_END = /[。；;][”’」』）)】\]]*(?:[（(][^（()）]{1,24}[）)])?\s*$/
/** A field of a record (`科室简介 : 九院内分泌代谢科…`, `品牌型号：华硕台式电脑`) that does not end a sentence. */
const FIELD = /^[^\s:：，。]{1,8}\s*[:：]/
/** The greeting of a site's header: `欢迎访问广东koko体育叉车设备有限公司官网！`. */
const WELCOME = /^\s*(?:欢迎|歡迎)(?:访问|訪問|光临|光臨|来到|來到|进入|進入)[^。，,]{0,40}(?:官网|官網|网站|網站|官方网站|官方網站|公司|平台|平臺)[！!。]?\s*$/
/** A line that is only an address of a page. */
const URL_LINE = /^\s*(?:https?:)?\/\/\S+\s*$/

const unitTable = (chars: string) => {
  const table = new Uint8Array(65536)
  for (const c of chars) table[c.charCodeAt(0)] = 1
  return table
}
const TRUNCATION_LAST = unitTable('.…]】文>')
const COUNTER_LAST = unitTable('气氣赞讚贊读讀览覽论論次')

/** The last 40 units of a line without its trailing white space: enough for every pattern of a line's end. */
export const lineEnd = (text: string) => text.trimEnd().slice(-40)

/** A line longer than this that ends a sentence skips the patterns of short lines (every one of them is shorter). */
const SENTENCE_FAST = 90

/** Lines longer than this are sentences of the article unless a head at their start says otherwise. */
const LONG_LINE = 240

const HAN_FIRST = 0x4e00
const HAN_LAST = 0x9fff
/** Counts Han characters and marks, and finds the triggers of the whole-line patterns, in one pass. */
function measure(text: string, triggers: Triggers, into: LineInfo): number {
  let han = 0
  let marks = 0
  let found = 0
  const { units, pairs } = triggers
  const length = text.length
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    const unit = units[code]!
    if (code >= HAN_FIRST && code <= HAN_LAST) han++
    else if ((unit & MARK_BIT) !== 0) marks++
    found |= unit & TRIGGER_BITS
    const place = unit >>> PAIR_SHIFT
    if (place !== 0 && i + 1 < length) {
      const next = text.charCodeAt(i + 1)
      const end = place + 2 * pairs[place - 1]!
      for (let k = place; k < end; k += 2) if (pairs[k] === next) found |= pairs[k + 1]!
    }
  }
  into.han = han
  into.marks = marks
  return found
}

function isCrumb(text: string): boolean {
  if (text.length > 120) return false
  const parts = text.split(CRUMB_SEPARATOR)
  if (parts.length < 2) return false
  const first = parts[0]!.trim()
  if (CRUMB_HOME.test(first) && first.length <= 30) return true
  // Three or more parts, the inner ones short: `CCMTV私人医生 > 疾病频道 > 慢性肾病`.
  return parts.length >= 3 && parts.slice(1, -1).every((part) => part.trim().length <= 12) && first.length <= 24
}

export function countInjected(text: string, m: Matchers): number {
  if (text.length > INJECTED_LINE_MAX) return 0
  const found = new Set<string>()
  m.injected.lastIndex = 0
  for (const match of text.matchAll(m.injected)) found.add(match[0].toLowerCase())
  return found.size
}

/** The index of the first unit of `text` from `from` that `skip` does not hold (the length when there is none). */
function skipFrom(text: string, from: number, skip: Uint8Array): number {
  let i = from
  while (i < text.length && skip[text.charCodeAt(i)] === 1) i++
  return i
}

/**
 * Where a line's patterns may start and end: its first unit after white space (`lead`), its first unit after the
 * other runs of leading units the anchored patterns skip, and its last unit before trailing white space (`last`).
 * An anchored pattern runs only when the unit it must start (or end) with is there.
 */
interface Shape {
  lead: number
  /** First unit after `[\s>·»]*` (the navigation heads' lead) and after `[\s（(【\[]*` (the byline labels'). */
  navLead: number
  bylineLead: number
  last: number
  /** `lineEnd(text)`, made on first use. */
  end: string | undefined
}

const endOf = (text: string, shape: Shape) => (shape.end ??= lineEnd(text))

/**
 * Classifies one line and measures it. `ungated` runs every pattern on every line, without the triggers, the fast
 * path and the first- and last-unit gates: a test holds the gated result to it. `kindOnly` leaves out the measures
 * of the line's ends (`truncated`, `datedEnd`, `datedStart`, `counted`, `strong`: false), for a line judged alone.
 */
export function describeLine(text: string, m: Matchers, ungated = false, kindOnly = false): LineInfo {
  const info: LineInfo = { kind: 'blank', han: 0, marks: 0, truncated: false, datedEnd: false, datedStart: false, counted: false, strong: false, injected: 0 }
  const lead = skipFrom(text, 0, WHITE)
  if (lead === text.length) return info
  const g = m.gates
  if (text.length > LONG_LINE) {
    info.han = LONG_LINE
    info.marks = 4
    const head = ungated || mayHaveHead(text, g.heads)
    info.kind = head && m.disclaimer.test(text) ? 'disclaimer' : head && m.copyright.test(text) ? 'copyright' : 'sentence'
    info.strong = info.kind === 'sentence'
    return info
  }
  let lastIndex = text.length - 1
  while (WHITE[text.charCodeAt(lastIndex)] === 1) lastIndex--
  const leadCode = text.charCodeAt(lead)
  const shape: Shape = {
    lead: leadCode,
    navLead: g.navSkip[leadCode] === 1 ? text.charCodeAt(skipFrom(text, lead, g.navSkip)) : leadCode,
    bylineLead: g.bylineSkip[leadCode] === 1 ? text.charCodeAt(skipFrom(text, lead, g.bylineSkip)) : leadCode,
    last: text.charCodeAt(lastIndex),
    end: undefined,
  }
  const found = measure(text, m.triggers, info)
  const han = info.han
  info.kind = classify(text, han, info.marks, ungated ? ALL_TRIGGERS : found, m, ungated, shape)
  info.injected = (found & T_INJECTED) !== 0 ? countInjected(text, m) : 0
  if (kindOnly) return info
  // The patterns of a line's end look at its last units only: V8 would try an end-anchored pattern at every unit.
  // Each runs only when the line's last (or first) unit is one it can end (or start) with.
  const last = shape.last
  const digitLast = last >= 0x30 && last <= 0x39
  info.truncated = (ungated || TRUNCATION_LAST[last] === 1) && TRUNCATED.test(endOf(text, shape))
  info.datedEnd = (ungated || digitLast) && DATED_END.test(endOf(text, shape)) && !BARE_DATE.test(text)
  info.datedStart = (ungated || (leadCode >= 0x30 && leadCode <= 0x39)) && DATED_START.test(text)
  info.counted = (ungated || COUNTER_LAST[last] === 1) && COUNTED.test(endOf(text, shape))
  info.strong = info.kind === 'sentence' && (han >= 30 || (han >= 10 && (ungated || g.strongLast[last] === 1) && STRONG_END.test(endOf(text, shape))))
  return info
}

/**
 * Whether a line is a navigation line or a welcome line (`欢迎访问本站官网!`) by its phrase, each pattern asked only
 * when the line's first unit can start it: the navigation rule's own patterns, which the long-sentence fast path
 * asks too.
 */
function navigationPhrase(text: string, lead: number, m: Matchers, ungated: boolean): boolean {
  const g = m.gates
  return ((ungated || g.navigationLine[lead] === 1) && m.navigationLine.test(text)) || ((ungated || g.welcome[lead] === 1) && WELCOME.test(text))
}

/** The kind of a line of at most `LONG_LINE` units; `found` holds the trigger bits `measure` found in it. */
function classify(text: string, han: number, marks: number, found: number, m: Matchers, ungated: boolean, shape: Shape): LineKind {
  const length = text.length
  const g = m.gates
  const { lead, navLead, bylineLead, last } = shape
  const sentenceEnd = (ungated || g.sentenceLast[last] === 1) && SENTENCE_END.test(endOf(text, shape))
  const head = ungated || mayHaveHead(text, g.heads)
  const image = ungated || (found & T_IMAGE) !== 0 || g.imageLead[lead] === 1 || (g.imageLast[last] === 1 && IMAGE_END.test(endOf(text, shape)))
  const bracketed = (ungated || g.bracket[lead] === 1) && BRACKETED_NOTE.test(text)
  const tags = (ungated || g.tags[lead] === 1 || (found & T_POSTED) !== 0) && m.tags.test(text)
  const navigationHead = (ungated || g.navigationHead[navLead] === 1 || g.navigationTail[last] === 1) && m.navigationHead.test(text)
  const crumb = (ungated || (found & T_CRUMB) !== 0) && isCrumb(text)
  const url = (ungated || g.url[lead] === 1) && URL_LINE.test(text)
  // A long line that ends a sentence is a sentence unless a head starts it or it holds a licence or copyright
  // phrase: most lines of a clean text end here, after one pass and a few tests.
  if (!ungated && length > SENTENCE_FAST && sentenceEnd && (han >= 8 || length >= 100) && (found & (T_COPYRIGHT | T_LICENCE | T_IMAGE)) === 0 && !head && !image && !bracketed) {
    // What a line of up to 160 units that ends a sentence may still be: a tag line, a crumb, a previous/next link,
    // a welcome line (`欢迎访问本站官网!` after a run of spaces).
    if (length > 160 || !(tags || navigationHead || crumb || url || navigationPhrase(text, lead, m, false))) return 'sentence'
  }
  if ((head && m.disclaimer.test(text)) || (length <= DISCLAIMER_ANYWHERE_MAX && (found & T_DISCLAIMER) !== 0 && m.disclaimerPhrase.test(text))) return 'disclaimer'
  if ((head && m.copyright.test(text)) || (length <= COPYRIGHT_LINE_MAX && marks <= 3 && (found & T_COPYRIGHT) !== 0 && m.copyrightPhrase.test(text)) || (length <= 200 && (found & T_LICENCE) !== 0 && LICENCE_LINE.test(text))) return 'copyright'
  if (length <= FORUM_LINE_MAX && ((!sentenceEnd && (found & T_FORUM) !== 0 && m.forumPhrase.test(text)) || ((ungated || g.forumLine[lead] === 1) && m.forumLine.test(text)))) return 'forum'
  if (length <= CONTACT_LINE_MAX && (ungated || g.contact[lead] === 1) && !BARE_DATE.test(text) && !DATE.test(text.slice(0, 12)) && (m.contact.test(text) || m.contactLabel.test(text))) return 'contact'
  if (length <= 160 && tags) return 'tags'
  if (length <= 80 && (ungated || g.pagination[lead] === 1) && PAGINATION_LINE.test(text)) return 'pagination'
  if (length <= IMAGE_LINE_MAX && image && IMAGE_LINE.test(text)) return 'image'
  if (length <= 160 && (navigationHead || crumb || (!sentenceEnd && (ungated || (found & T_BAR) !== 0) && MENU.test(text)) || url || navigationPhrase(text, lead, m, ungated))) return 'navigation'
  // A date and time alone (`2019-12-10 07:57:40`) is a dateline, not a row of digits: where it stands decides.
  if ((ungated || (lead >= 0x30 && lead <= 0x39 && (found & T_COLON) !== 0)) && DATE_TIME_LINE.test(text)) return 'dateline'
  if (((ungated || g.junk[lead] === 1) && JUNK.test(text)) || ((ungated || g.ticker[lead] === 1) && m.ticker.test(text)) || ((ungated || g.widgetLine[lead] === 1) && m.widgetLine.test(text))) return 'widget'
  if (((ungated || g.endMark[lead] === 1) && END_MARK.test(text)) || (han >= 4 && bracketed)) return 'end'
  // A byline may carry a counter (`發布時間：2022-08-19 08:56　點擊數： 次`): the label decides.
  const bylineLabel = length <= BYLINE_LINE_MAX && (ungated || g.bylineLabel[bylineLead] === 1) && m.bylineLabel.test(text)
  if (!bylineLabel && length <= WIDGET_LINE_MAX && !sentenceEnd && (found & T_WIDGET) !== 0 && m.widgetPhrase.test(text)) return 'widget'
  if (bylineLabel || (length <= BYLINE_LINE_MAX && !sentenceEnd && (found & T_BYLINE) !== 0 && m.bylineWord.test(text))) return 'byline'
  if (length <= BYLINE_LINE_MAX && (ungated || (found & T_COLON) !== 0) && DATE_TIME.test(text)) return 'dateline'
  if (!sentenceEnd && (ungated || (found & T_COLON) !== 0) && FIELD.test(text)) return 'headline'
  if ((sentenceEnd && han >= 8) || (han >= 20 && marks >= 2) || length >= 100) return 'sentence'
  if ((ungated || g.bullet[lead] === 1) && BULLET.test(text)) return 'bullet'
  return 'headline'
}

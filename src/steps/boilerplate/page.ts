/**
 * The page judgement: which lines of one document are boilerplate, from each line on its own (lines.ts) and from
 * where it stands. The article is the dense run of sentence-like lines; furniture sits around it — runs of short
 * lines before it (menus, crumbs, headline lists) and after it (related links, widgets, footers). Measured on the
 * labelled dev pages (scripts/eval-boilerplate.mjs), the signals that carry are: a line's own phrases and shape
 * (every kind in lines.ts), whether it ends a sentence and how many Han characters it has, and its place before,
 * inside or after the article. Precision first: inside the article only lines that are furniture on their own go,
 * a sentence outside it stays unless it is a cut-off teaser, and a page without furniture of its own loses no line
 * to its place alone.
 */
import type { BoilerplateRuleId } from './rules.js'
import { isSolidSentence } from '../../tree/sentences.js'
import { BYLINE_LINE_MAX, INJECTED_MIN, INJECTED_RUN_MIN } from './rules.js'
import { describeLine, isBlank, lineEnd, type LineInfo, type LineKind, type Matchers } from './lines.js'
import { INJECTED_COMMON_WORDS_FORMS, INJECTED_WORDS_FORMS } from '../../data/boilerplate-forms.js'

export interface PageOptions {
  /** 'keep' (default) leaves bylines and datelines; 'remove' removes them as `boilerplate/byline`. */
  bylines: 'keep' | 'remove'
}

const RULE_OF_KIND: Partial<Record<LineKind, BoilerplateRuleId>> = {
  disclaimer: 'boilerplate/disclaimer',
  copyright: 'boilerplate/copyright',
  forum: 'boilerplate/forum',
  contact: 'boilerplate/contact',
  tags: 'boilerplate/tags',
  pagination: 'boilerplate/navigation',
  image: 'boilerplate/image',
  navigation: 'boilerplate/navigation',
  widget: 'boilerplate/widget',
  junk: 'boilerplate/widget',
}

/** Non-sentence lines a run of the article may hold between two sentences (subheads, captions, a table row). */
const ARTICLE_GAP = 3
/** The least weight (see `weight`) the article must have: one strong sentence. */
const ARTICLE_MIN = 0.5
/** A further run of sentences belongs to the article when it weighs this much, and this share of the main run. */
const JOIN_MIN = 2
const JOIN_SHARE = 0.25
/** A head without a furniture line of its own is furniture only when it holds this many short lines. */
const BARE_HEAD_MIN = 6
/** On a page without furniture lines, a tail is furniture only when it is this many short lines and nothing else. */
const BARE_TAIL_MIN = 6
/** The fewest lines a run that goes by place alone on a page without furniture lines has (see `plainProse`). */
const PLACE_RUN_MIN = Math.min(BARE_HEAD_MIN, BARE_TAIL_MIN)
/** Lines a page must have that are furniture on their own before place alone can make a line furniture. */
const EVIDENCE_MIN = 2
/** A page without an article needs more: its furniture is all there is to go by. */
const EVIDENCE_MIN_NO_ARTICLE = 4
/** Furniture lines of their own between the article and a solid sentence at a stretch's edge that make it no part of the article. */
const EDGE_FURNITURE_MAX = 3

/** The kinds that make a page's first line furniture: its title is never only these. */
const TITLE_FURNITURE: ReadonlySet<LineKind> = new Set(['disclaimer', 'contact', 'navigation', 'widget', 'junk'])
const NUMBER_CELL = /^\s*\d[\d.,%、\s]*\s*$/
const GLUED_DATE = /^\d{4}-\d{2}-\d{2}(?=\S)/
const BARE_DATE = /^\s*\d{4}-\d{2}-\d{2}\s*$/
/** A date, maybe with a time, alone on a line. */
const DATE_LINE = /^\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/
/** A date in Latin script alone on a line, maybe after a weekday: `Friday, November 20, 2009`, `20 November 2009`. */
const LATIN_DATE_LINE = /^\s*(?:[A-Z][a-z]{2,8}\.?,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?),?\s+(?:19|20)\d{2}\s*$/
/** The most lines between a heading that repeats the title and the article that are its byline zone. */
const BYLINE_ZONE = 4
// No white space around the separator: on a line of 200 K tabs `\s*` before it would be tried at every tab.
export const TITLE_SPLIT = /[-_|｜–—]/
const NOT_WORD = /[\s\p{P}\p{S}]/gu
/**
 * What an item of a spec sheet or a list of features has and a headline of a link list has not: a bullet mark, a
 * field whose value has a digit or a Latin letter (`用电: 230 VAC`), a measure (`120MHz`, `-40～104℃`, `7 x 7 mm`,
 * `±0.25%`), a sentence in Latin script (an example of a dictionary entry). A share (`大跌近7%`) or a field of Han
 * words (`大国之争：…`) is as often a headline's.
 */
const ITEM = /^\s*[-–—·•●◆■□▪]|^[^\s:：，。]{1,10}\s*[:：][^:：]*[\dA-Za-z]|\d\s*(?:[kKMG]Hz|Hz|[KMGT]B\b|mAh|mA\b|[kK]?V\b|[kK]?W\b|mm\b|cm\b|kg\b|ml\b|°C|℃|°|[MmKk][Pp]a|Ω|bar\b)|\d\s*[x×*~～]\s*[+-]?\d|[±≤≥]/
/** The longest line that may be an item. */
const ITEM_MAX = 200
const HAN = /[\u4e00-\u9fff]/
const LETTER = /\p{L}/u
/**
 * A line that reads as prose though it does not end as a sentence (`简介： 成哲遇到了…成了废人。 为了老师的康复…相爱... 详细 >`):
 * a full stop, question or exclamation mark inside it with Han text after it, and `PROSE_HAN` Han characters. A
 * headline has no sentence end inside it; such a line is never furniture by its place alone.
 */
const INNER_SENTENCE_END = /[。][^。！？]*[\u4e00-\u9fff]{4}/
const PROSE_HAN = 20
/** A line that ends with a full stop (`他笑了。`, `“好。”`) is a sentence however short: no headline or menu item ends so. */
const FULL_STOP_END = /。[”’」』）)]*\s*$/
/** A date as the lines of a split dateline read when joined: a year with a month name, or 年 and 月. */
const SPLIT_DATE = /(?:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\b[\s\S]*\b(?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b[\s\S]*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b|(?:19|20)\d{2}\s*年[\s\S]*\d{1,2}\s*月)/
/** What a part of a split dateline holds: a digit, a month or a weekday, a date mark, a place before a comma or a zone. */
const DATE_PART = /\d|^[\p{P}\p{S}\s]+$|,$|\/|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b|[年月日]|星期|周[一二三四五六日]/u
/** The most lines, and the longest line, of a dateline split into lines. */
const SPLIT_DATE_MAX = 8
/** A numeric date split over short lines under a heading, joined with spaces: `2019 09/07 19:02`. */
/** How many widget lines or short names may stand between a heading and its date (`分享到：` `9` `23`). */
const UNDER_HEADING_SKIP = 4
/** The most Han characters a meta line under a heading has beside its date (`发布时间` `浏览次数`). */
const META_HAN_MAX = 10
const FULL_DATE = /\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}/
/** The longest line read as a source's name between a heading and its date (`新华社`). */
const SOURCE_NAME_MAX = 8
const NUMERIC_SPLIT_DATE = /^(?:19|20)\d{2}\s+\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/
const SPLIT_DATE_PART = 24
/** The share of a page's other lines with injected words that makes them the page's own topic (see `findInStretch`). */
const TOPIC_SHARE = 1 / 5
/** The fewest units (see `normalise`) of a line the title holds for it to be the heading the title repeats. */
const TITLE_PART_MIN = 5
const isItem = (text: string) =>
  text.length <= ITEM_MAX && (ITEM.test(text) || (/^[\s(]*[A-Za-z]/.test(text) && /[.?!]\s*$/.test(text) && !HAN.test(text) && text.trim().split(/\s+/).length >= 4))
/**
 * A run of short lines that a page without furniture lines of its own loses by place alone is a list of headlines
 * or of menu items: at least this share of it are headlines (lines of six Han characters or more that are no
 * items), or at most this share of it are items.
 */
const BARE_HEADLINE_SHARE = 2 / 3
const BARE_ITEM_SHARE = 1 / 8

/** The injected words that are no ordinary words (see `INJECTED_COMMON_WORDS`). */
const MARKED_WORD = new RegExp(
  INJECTED_WORDS_FORMS.filter((word) => !INJECTED_COMMON_WORDS_FORMS.includes(word))
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
)

const isHanUnit = (code: number) => code >= 0x4e00 && code <= 0x9fff
/** A unit `normalise` keeps as it is (a Han character, an ASCII digit or lower-case letter). */
const isKept = (code: number) => isHanUnit(code) || (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)

/** The units other than A-Z that lower-case to a kept one (`İ` to `i̇`, the Kelvin sign to `k`); a test checks every unit. */
export const LOWER_TO_KEPT: readonly number[] = [0x130, 0x212a]

/**
 * The units of `normalise(text)` that `isKept` holds, in order, read from `text` itself: a Han character, digit or
 * lower-case letter stays as it is through `normalise`, A-Z becomes a-z, and every other unit lower-cases to units
 * `isKept` does not hold, but for `LOWER_TO_KEPT` (then undefined: not known without normalising).
 */
export function keptUnits(text: string): string | undefined {
  let out = ''
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k)
    if (code === 0x130 || code === 0x212a) return undefined
    if (isKept(code)) out += text[k]
    else if (code >= 0x41 && code <= 0x5a) out += String.fromCharCode(code + 0x20)
  }
  return out
}

/**
 * Whether a line may repeat the page title (`first`, its first line): false when `normalise(line)` is certainly
 * neither the normalised title, nor its head (before the first `TITLE_SPLIT`), nor a head of the title, because the
 * line's kept units (`keptUnits`) do not run as the first of either form's.
 */
export function titleFilter(first: string): (line: string) => boolean {
  const title = keptUnits(first)
  const head = keptUnits(first.split(TITLE_SPLIT)[0] ?? '')
  if (title === undefined || head === undefined) return () => true
  return (line) => {
    let a = 0
    let b = 0
    for (let k = 0; k < line.length; k++) {
      let code = line.charCodeAt(k)
      if (code >= 0x41 && code <= 0x5a) code += 0x20
      else if (code === 0x130 || code === 0x212a) return true
      if (!isKept(code)) continue
      if (a >= 0) a = a < title.length && title.charCodeAt(a) === code ? a + 1 : -1
      if (b >= 0) b = b < head.length && head.charCodeAt(b) === code ? b + 1 : -1
      if (a < 0 && b < 0) return false
    }
    return true
  }
}
const weight = (info: LineInfo) => (info.strong ? Math.min(4, Math.max(0.5, info.han / 25)) : 0.25)
export const normalise = (text: string) => text.toLowerCase().replace(NOT_WORD, '')

/**
 * Judges a document stretch by stretch: two consecutive non-blank lines that are both solid sentences
 * (`isSolidSentence`) start a new stretch at the second, each stretch with its own article, head and tail. A
 * stretch is the head of a page and its first sentence, a run of lines between two sentences of the article, or its
 * last sentence and the tail. Long plain text is cleaned in windows cut at such breaks (src/stream/text.ts), and a
 * window then gives what the whole document gives.
 */
export function findBoilerplate(texts: readonly string[], m: Matchers, options: PageOptions = { bylines: 'keep' }): Map<number, BoilerplateRuleId> {
  const verdicts = new Map<number, BoilerplateRuleId>()
  let start = 0
  let lastSolid = false
  for (let i = 0; i < texts.length; i++) {
    if (isBlank(texts[i]!)) continue
    const solid = isSolidSentence(texts[i]!)
    if (solid && lastSolid) {
      judge(texts, start, i, m, options, verdicts)
      start = i
    }
    lastSolid = solid
  }
  judge(texts, start, texts.length, m, options, verdicts)
  return verdicts
}

function judge(texts: readonly string[], from: number, to: number, m: Matchers, options: PageOptions, into: Map<number, BoilerplateRuleId>): void {
  // A stretch of one line (most stretches of a clean text: one sentence after another) has no context to judge by.
  let lines = 0
  for (let i = from; i < to && lines < 2; i++) if (!isBlank(texts[i]!)) lines++
  if (lines === 1 && from > 0) {
    for (let i = from; i < to; i++) {
      if (isBlank(texts[i]!)) continue
      const info = describeLine(texts[i]!, m, false, true)
      const injected = info.injected >= INJECTED_MIN && !/[。！？]/.test(texts[i]!) ? 'boilerplate/injected' : undefined
      const rule = RULE_OF_KIND[info.kind] ?? injected ?? (options.bylines === 'remove' && (info.kind === 'byline' || info.kind === 'dateline') ? 'boilerplate/byline' : undefined)
      if (rule) into.set(i, rule)
    }
    return
  }
  const found = findInStretch(from === 0 && to === texts.length ? texts : texts.slice(from, to), m, options, from === 0, to === texts.length)
  for (const [i, rule] of found) into.set(from + i, rule)
}

let fastPaths = true
/** Switches the fast path of `findInStretch` off (`false`) or on: a test holds the fast path to the whole analysis. */
export function setFastPaths(on: boolean): void {
  fastPaths = on
}

/**
 * Whether the analysis of a stretch can find nothing. Without a line that is furniture on its own there is no
 * evidence, and a line goes by place only in a run of at least `BARE_HEAD_MIN` lines before the article or
 * `BARE_TAIL_MIN` after it, never a line that ends with a full stop (prose) or the stretch's first line (the title or
 * its first sentence). So nothing goes when no line is furniture on its own, none holds an injected word, reads as a
 * dated or counted teaser or starts with a date (the runs found before the analysis), bylines are kept, and fewer
 * lines than either run are other than prose. The common case of a clean record: sentences and a few headings.
 */
function plainProse(texts: readonly string[], infos: readonly LineInfo[], options: PageOptions): boolean {
  if (options.bylines === 'remove') return false
  let first = true
  let others = 0
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i]!
    if (info.kind === 'blank') continue
    if (RULE_OF_KIND[info.kind] !== undefined || info.injected > 0 || info.datedEnd || info.datedStart || info.counted) return false
    const text = texts[i]!
    if (GLUED_DATE.test(text) || BARE_DATE.test(text)) return false
    if (!first && (info.truncated || info.han < 2 || !FULL_STOP_END.test(text)) && ++others >= PLACE_RUN_MIN) return false
    first = false
  }
  return true
}

/**
 * `pageStart`: the stretch starts the document, so that its first line is the page title. `pageEnd`: it ends the
 * document; a stretch the text goes on after ends with a solid sentence (see `findBoilerplate`).
 */
function findInStretch(texts: readonly string[], m: Matchers, options: PageOptions, pageStart: boolean, pageEnd = true): Map<number, BoilerplateRuleId> {
  const infos = texts.map((text) => describeLine(text, m))
  const verdicts = new Map<number, BoilerplateRuleId>()
  if (fastPaths && plainProse(texts, infos, options)) return verdicts
  const open = (i: number) => !verdicts.has(i) && infos[i]!.kind !== 'blank'

  // Lines that are furniture on their own.
  let lastLine = infos.length - 1
  while (lastLine >= 0 && infos[lastLine]!.kind === 'blank') lastLine--
  const first = infos.findIndex((info) => info.kind !== 'blank')
  // A hijacked page carries the keywords on a page about something else; a page whose own lines are full of them
  // (a fifth or more) is about them, and its title with them is its title.
  let worded = 0
  let others = 0
  if (pageStart && first >= 0 && infos[first]!.injected >= INJECTED_MIN) {
    infos.forEach((info, i) => {
      if (i === first || info.kind === 'blank') return
      others++
      if (info.injected > 0) worded++
    })
  }
  const ownTopic = others > 0 && worded >= others * TOPIC_SHARE
  infos.forEach((info, i) => {
    const rule = RULE_OF_KIND[info.kind]
    // The page title may name the site's software or section (`… - Powered by Discuz!`): only what is never a
    // title makes it furniture.
    if (rule && (i !== first || !pageStart || TITLE_FURNITURE.has(info.kind))) verdicts.set(i, rule)
    else if (!rule && info.injected > 0 && !/[。！？]/.test(texts[i]!) && !(i === first && ownTopic)) {
      if (info.injected >= INJECTED_MIN || (i === lastLine && i > first && info.kind !== 'sentence' && (info.injected >= 2 || (info.injected === 1 && MARKED_WORD.test(texts[i]!))))) verdicts.set(i, 'boilerplate/injected')
    }
  })
  findInjectedRuns(texts, infos, verdicts, pageStart ? first : -1)
  findTeaserRuns(texts, infos, verdicts, pageStart)
  if (options.bylines === 'remove') infos.forEach((info, i) => (info.kind === 'byline' || info.kind === 'dateline') && !verdicts.has(i) && verdicts.set(i, 'boilerplate/byline'))

  // Evidence of the page's own furniture: the lines that are furniture on their own, but a line of symbols and
  // digits alone (`+`, `|`, an icon) counts once however often it stands there: forty `+` are a diff's markers.
  const symbols = new Set<string>()
  let evidence = 0
  for (const i of verdicts.keys()) {
    if (LETTER.test(texts[i]!)) evidence++
    else symbols.add(texts[i]!.trim())
  }
  evidence += symbols.size
  const good = (i: number) => open(i) && infos[i]!.kind === 'sentence' && !infos[i]!.truncated
  // A page of snippets (every sentence cut short, `…`) is its own article when it has no other.
  let found = findArticle(infos, good) ?? findArticle(infos, (i) => open(i) && infos[i]!.kind === 'sentence')
  // The solid sentence at the stretch's edge is the article's unless furniture lines of their own stand between it
  // and the article: a footer's two disclaimer sentences after the related links and the comment box start a stretch
  // too, and the links before them are no part of the article.
  const furnished = (a: number, b: number) => {
    let n = 0
    for (let k = a + 1; k < b && n < EDGE_FURNITURE_MAX; k++) if (verdicts.has(k) && LETTER.test(texts[k]!)) n++
    return n >= EDGE_FURNITURE_MAX
  }
  // A stretch that starts inside the document starts with a sentence of the article (its last one, when the tail
  // follows): sentences past furniture lines of their own further on (a list of hot-news questions after the comment
  // box) are no article, even as a heavier run; the article is the stretch's first sentence and what follows it up
  // to there. Captions between its sentences do not count: they stand inside articles.
  if (found && !pageStart && good(first) && found[1] > first) {
    let n = 0
    let end = first
    for (let k = first + 1; k <= found[1] && n < EDGE_FURNITURE_MAX; k++) {
      // A caption is furniture inside the article: only other furniture counts.
      if (verdicts.has(k) && verdicts.get(k) !== 'boilerplate/image' && LETTER.test(texts[k]!)) n++
      else if (good(k) && n === 0) end = k
    }
    if (n >= EDGE_FURNITURE_MAX) found = [first, Math.max(end, Math.min(found[1], first))]
  }
  // A stretch inside the document starts (or ends) with a solid sentence next to another one: when that sentence is
  // one of the article's, every line between it and the article is inside the article, where only lines that are
  // furniture on their own go (a spec list, a table's cells or a run of bullets between two paragraphs stays).
  // So is a further strong sentence of the stretch with no line between it and the article that is furniture on its
  // own, but cells of a table: what lies between is a spec list, a table or a run of subheads.
  const clean = (a: number, b: number) => {
    for (let k = a + 1; k < b; k++) if (verdicts.has(k) && !NUMBER_CELL.test(texts[k]!)) return false
    return true
  }
  const strong = (i: number) => good(i) && infos[i]!.strong
  if (found) {
    for (let i = found[1] + 1; i < infos.length && (!strong(i) || clean(found[1], i)); i++) if (strong(i)) found[1] = i
    for (let i = found[0] - 1; i >= 0 && (!strong(i) || clean(i, found[0])); i--) if (strong(i)) found[0] = i
  }
  const span: [number, number] | undefined = found && [
    !pageStart && good(first) && !furnished(first, found[0]) ? Math.min(first, found[0]) : found[0],
    !pageEnd && good(lastLine) && !furnished(found[1], lastLine) ? Math.max(lastLine, found[1]) : found[1],
  ]
  // Without furniture lines of its own, a page is judged by place only when it has an article and a long run of
  // short lines around it: a list of headlines above it (`BARE_HEAD_MIN`) or below it (`BARE_TAIL_MIN`).
  const bare = evidence < EVIDENCE_MIN
  if (bare && !span) return verdicts
  if (!span && evidence < EVIDENCE_MIN_NO_ARTICLE) return verdicts

  // A number on a line of its own inside the article is a cell of a table, not a counter.
  if (span) for (let i = span[0]; i <= span[1]; i++) if (infos[i]!.kind === 'junk' || infos[i]!.kind === 'widget') if (NUMBER_CELL.test(texts[i]!)) verdicts.delete(i)

  // What stays wherever it stands: the page title (its first line), lines that repeat the title, bylines.
  const protectedLines = new Set<number>([first])
  // Only the page's first stretch has its title; a later stretch starts with a sentence of the article.
  // The title forms are normalised only when a line may repeat one (see `titleFilter`).
  let title: string | undefined
  let titleHead = ''
  const titleForms = () => {
    if (title === undefined) {
      title = normalise(texts[first] ?? '')
      titleHead = normalise((texts[first] ?? '').split(TITLE_SPLIT)[0] ?? '')
    }
    return title
  }
  const headings = new Set<number>()
  const titleLength = pageStart ? (texts[first] ?? '').length : -1
  const mayRepeatTitle = pageStart ? titleFilter(texts[first] ?? '') : () => false
  let previous = -1
  infos.forEach((info, i) => {
    if (info.kind === 'blank') return
    // Only a line no longer than the title (and a little) can repeat it.
    const line = i !== first && texts[i]!.length <= titleLength + 20 && mayRepeatTitle(texts[i]!) ? normalise(texts[i]!) : ''
    if (info.kind === 'byline' || info.kind === 'end') protectedLines.add(i)
    else if (!info.truncated && ((info.han >= PROSE_HAN && INNER_SENTENCE_END.test(texts[i]!)) || (info.han >= 2 && FULL_STOP_END.test(texts[i]!)))) protectedLines.add(i)
    else if (line.length >= 2 && (line === titleForms() || line === titleHead || (line.length >= 4 && titleForms().startsWith(line)))) {
      protectedLines.add(i)
      headings.add(i)
    }
    // A dateline under a heading or a byline, or just before the article, is the article's.
    else if (info.kind === 'dateline' && ((previous >= 0 && protectedLines.has(previous) && previous !== first) || (span && nextLine(infos, i) === span[0]))) protectedLines.add(i)
    previous = i
  })
  const removable = (i: number) => open(i) && !protectedLines.has(i) && !good(i)
  // A weak sentence (a short question or exclamation) outside the article is furniture in a run of three or more
  // lines that are not strong sentences: a list of question headlines.
  const inList = listRuns(infos, open)
  const removableInList = (i: number) => removable(i) || (open(i) && !protectedLines.has(i) && (inList.has(i) || infos[i]!.truncated) && !infos[i]!.strong)
  const contextRule = (i: number, edge: 'head' | 'tail'): BoilerplateRuleId => (infos[i]!.han >= 6 ? 'boilerplate/link-list' : edge === 'head' ? 'boilerplate/navigation' : 'boilerplate/tail-junk')

  // The head: before the article (the whole page when there is none). Its furniture ends at its last furniture
  // line, or at the heading that repeats the title if that comes later; the lines after that, up to the article,
  // are the article's heading, byline and lead.
  const headEnd = span ? span[0] : infos.length
  let lastFlag = -1
  for (let i = 0; i < headEnd; i++) if (verdicts.has(i) && i !== first) lastFlag = i
  // The heading is looked for after the menu: a widget between the heading and the article (`立即播放`, a counter)
  // does not make the heading part of the menu above it.
  let lastMenu = -1
  for (let i = 0; i < headEnd; i++) if (verdicts.has(i) && i !== first && verdicts.get(i) !== 'boilerplate/widget') lastMenu = i
  // A line that repeats another part of the title (`Dreye權威釋義 | reckoning`: the headword) after the head's last
  // furniture line is the article's heading too; before that line, it is the site's name in its header.
  // So is a line that the title holds (`《伦理女教师：我的梦遗时代》高清版…` and `女教师：我的梦遗时代`): a title may
  // put a category or a mark before the heading it repeats.
  if (pageStart) {
    const parts = new Set((texts[first] ?? '').split(TITLE_SPLIT).slice(1).map(normalise).filter((part) => part.length >= 2))
    const inTitle = (line: string) => line.length >= TITLE_PART_MIN && titleForms().includes(line)
    for (let i = Math.max(lastMenu, first) + 1; i < headEnd; i++) {
      if (open(i) && !protectedLines.has(i) && (parts.has(normalise(texts[i]!)) || inTitle(normalise(texts[i]!)))) {
        protectedLines.add(i)
        headings.add(i)
      }
    }
  }
  let heading = -1
  for (let i = Math.max(lastMenu, first) + 1; i < headEnd && heading < 0; i++) if (headings.has(i)) heading = i
  // A heading that repeats the title a few lines above the article, with widgets among those lines (`庄紫藤`,
  // `2020-03-25`, `2312`): the lines between are its byline and dateline; a date on a line of its own is the
  // article's date there, and the widgets still go.
  if (heading < 0 && span) {
    let last = -1
    for (let i = first + 1; i < headEnd; i++) if (headings.has(i)) last = i
    if (last >= 0 && countLines(infos, last + 1, headEnd - 1) <= BYLINE_ZONE) heading = last
  }
  if (heading >= 0 && span && countLines(infos, heading + 1, headEnd - 1) <= BYLINE_ZONE) {
    for (let i = heading + 1; i < headEnd; i++) if (DATE_LINE.test(texts[i]!)) verdicts.delete(i)
  }
  // The date just under a heading that repeats the title is the article's, however many widgets follow it before
  // the article (a share row, a font-size switch): the first line after the heading, its bylines, a source's name
  // and a few widget lines (`分享到：`, a counter), when it is a date on its own (`2020-07-04 12:10:24`), or a date a
  // template splits into short lines (`2019` `09/07` `19:02`).
  // A short line with a full date and few Han characters is the post's meta line (`发表于2014-08-24 21:30|`,
  // `| 发布时间: 2018-05-17 | 浏览次数: 2168`), not a headline.
  const metaDate = (k: number) => texts[k]!.length <= BYLINE_LINE_MAX && infos[k]!.han <= META_HAN_MAX && FULL_DATE.test(texts[k]!)
  const splitDateAt = (k: number): number[] => {
    const parts: number[] = []
    for (let i = k; i < headEnd && parts.length < SPLIT_DATE_MAX; i++) {
      if (infos[i]!.kind === 'blank') continue
      if (texts[i]!.trim().length > SPLIT_DATE_PART || !DATE_PART.test(texts[i]!)) break
      parts.push(i)
    }
    return parts.length >= 2 && NUMERIC_SPLIT_DATE.test(parts.map((i) => texts[i]!.trim()).join(' ')) ? parts : []
  }
  for (const h of headings) {
    if (h >= headEnd) continue
    for (let k = h + 1, skipped = 0; k < headEnd; k++) {
      if (infos[k]!.kind === 'blank' || (protectedLines.has(k) && !verdicts.has(k))) continue
      const date = DATE_LINE.test(texts[k]!) || metaDate(k) ? [k] : splitDateAt(k)
      for (const i of date) {
        verdicts.delete(i)
        protectedLines.add(i)
      }
      if (date.length > 0 || skipped >= UNDER_HEADING_SKIP) break
      const verdict = verdicts.get(k)
      if (!(verdict === 'boilerplate/widget' || (verdict === undefined && texts[k]!.trim().length <= SOURCE_NAME_MAX))) break
      skipped++
    }
  }
  // A date on a line of its own just above the heading is the article's date (a blog's `Friday, November 20, 2009`
  // over the post's title), not the end of the menu.
  if (heading > first) {
    let k = heading - 1
    while (k > first && infos[k]!.kind === 'blank') k--
    if (k > first && !verdicts.has(k) && (DATE_LINE.test(texts[k]!) || LATIN_DATE_LINE.test(texts[k]!))) protectedLines.add(k)
  }
  // A dateline a template splits into short lines just above the heading (`Singapore,` `08` `February` `2018` `|`
  // `19:58`): the lines between the menu and the heading that read as a date when joined are the article's.
  if (heading > first) {
    const between: number[] = []
    for (let i = heading - 1; i > first && between.length <= SPLIT_DATE_MAX; i--) {
      if (infos[i]!.kind === 'blank') continue
      const part = texts[i]!.trim()
      if (part.length > SPLIT_DATE_PART || !DATE_PART.test(part)) break
      between.unshift(i)
    }
    if (between.length >= 2 && between.length <= SPLIT_DATE_MAX) {
      const joined = between.map((i) => texts[i]!.trim()).join(' ')
      if (SPLIT_DATE.test(joined)) {
        for (const i of between) {
          verdicts.delete(i)
          protectedLines.add(i)
        }
      }
    }
  }
  const cut = heading >= 0 ? heading : lastFlag
  if (cut >= 0 && !bare) {
    for (let i = 0; i < cut; i++) if (removableInList(i)) verdicts.set(i, contextRule(i, 'head'))
  }
  // Many short lines between the last furniture line and the article: a headline list, all but the last few.
  // A headline list does not run through a strong sentence of the article's: only the lines before the first count.
  const rest = []
  for (let i = cut + 1; i < headEnd && !(good(i) && infos[i]!.strong); i++) if (removableInList(i)) rest.push(i)
  // On a page without furniture lines, only before the page's first strong sentence.
  const firstStrong = infos.findIndex((info) => info.strong)
  const bareRest = bare ? rest.filter((i) => i < firstStrong) : rest
  const listLike = (run: readonly number[]) => {
    const items = run.filter((i) => isItem(texts[i]!)).length
    const headlines = run.filter((i) => infos[i]!.han >= 6 && !isItem(texts[i]!)).length
    return items <= BARE_ITEM_SHARE * run.length || headlines >= BARE_HEADLINE_SHARE * run.length
  }
  if (span && heading < 0 && bareRest.length >= BARE_HEAD_MIN && (!bare || listLike(bareRest))) {
    for (const i of bareRest.slice(0, -2)) verdicts.set(i, contextRule(i, 'head'))
  }

  // The tail: after the article. The lines after a furniture line of its own go (a disclaimer after the article,
  // seeds 001 and 002); the short lines between the article and that line, or a tail of three or more short lines
  // without one, go when they are a list of headlines or menu items, not the items of a spec sheet or an entry.
  if (span) {
    const before: number[] = []
    const after: number[] = []
    let flagged = false
    for (let i = span[1] + 1; i < infos.length; i++) {
      if (verdicts.has(i)) flagged = true
      else if (removableInList(i) || (flagged && open(i) && !protectedLines.has(i) && !infos[i]!.strong)) (flagged ? after : before).push(i)
    }
    const list = listLike(before)
    const bareTail = before.length >= BARE_TAIL_MIN && before.length === countLines(infos, span[1] + 1, infos.length - 1) && list
    const take = (run: readonly number[]) => {
      for (const i of run) verdicts.set(i, contextRule(i, 'tail'))
    }
    if (flagged) take(after)
    if (list && (flagged || (bare ? bareTail : before.length >= 3))) take(before)
  }
  return verdicts
}

/**
 * The article: the heaviest run of sentence-like lines (at most `ARTICLE_GAP` other lines between two of them),
 * widened to the further runs that weigh enough on their own. Undefined when no run weighs `ARTICLE_MIN`.
 */
function findArticle(infos: readonly LineInfo[], good: (i: number) => boolean): [number, number] | undefined {
  const runs: { start: number; end: number; weight: number }[] = []
  let run: { start: number; end: number; weight: number } | undefined
  let gap = 0
  for (let i = 0; i < infos.length; i++) {
    if (good(i)) {
      if (run && gap <= ARTICLE_GAP) {
        run.end = i
        run.weight += weight(infos[i]!)
      } else {
        run = { start: i, end: i, weight: weight(infos[i]!) }
        runs.push(run)
      }
      gap = 0
    } else if (infos[i]!.kind !== 'blank') gap++
  }
  const main = runs.reduce<(typeof runs)[number] | undefined>((best, r) => (!best || r.weight > best.weight ? r : best), undefined)
  if (main) trimWeakEdges(main, infos)
  if (!main || main.weight < ARTICLE_MIN) return undefined
  const joined = runs.filter((r) => r === main || (r.weight >= JOIN_MIN && r.weight >= JOIN_SHARE * main.weight && trimWeakEdges(r, infos)))
  let start = Math.min(...joined.map((r) => r.start))
  let end = Math.max(...joined.map((r) => r.end))
  // A sentence cut short (`…`) next to the article is its last snippet, not a teaser; it never starts a run.
  const cut = (i: number) => infos[i]!.kind === 'sentence' && infos[i]!.truncated
  for (let i = end + 1, gap = 0; i < infos.length && gap <= ARTICLE_GAP; i++) {
    if (cut(i)) [end, gap] = [i, 0]
    else if (infos[i]!.kind !== 'blank') gap++
  }
  for (let i = start - 1, gap = 0; i >= 0 && gap <= ARTICLE_GAP; i--) {
    if (cut(i)) [start, gap] = [i, 0]
    else if (infos[i]!.kind !== 'blank') gap++
  }
  return [start, end]
}

function countLines(infos: readonly LineInfo[], from: number, to: number): number {
  let n = 0
  for (let i = from; i <= to; i++) if (infos[i]!.kind !== 'blank') n++
  return n
}

function nextLine(infos: readonly LineInfo[], i: number): number {
  let j = i + 1
  while (j < infos.length && infos[j]!.kind === 'blank') j++
  return j
}

/** Narrows a run to its strong sentences when three or more other lines sit at an edge; false when none is strong. */
function trimWeakEdges(run: { start: number; end: number }, infos: readonly LineInfo[]): boolean {
  const strong: number[] = []
  for (let i = run.start; i <= run.end; i++) if (infos[i]!.strong) strong.push(i)
  if (strong.length === 0) return false
  const count = (from: number, to: number) => {
    let n = 0
    for (let i = from; i <= to; i++) if (infos[i]!.kind !== 'blank') n++
    return n
  }
  if (count(strong[strong.length - 1]! + 1, run.end) >= 3) run.end = strong[strong.length - 1]!
  if (count(run.start, strong[0]! - 1) >= 3) run.start = strong[0]!
  return true
}

/** Lines in runs of three or more non-blank lines none of which is a strong sentence (blank lines do not break a run). */
function listRuns(infos: readonly LineInfo[], open: (i: number) => boolean): Set<number> {
  const out = new Set<number>()
  let run: number[] = []
  const flush = () => {
    if (run.length >= 3) for (const i of run) if (open(i)) out.add(i)
    run = []
  }
  for (let i = 0; i < infos.length; i++) {
    if (infos[i]!.kind === 'blank') continue
    if (infos[i]!.strong) flush()
    else run.push(i)
  }
  flush()
  return out
}

/**
 * Related-article teasers: a run of lines that end with a date (`益气通络治疗膜性肾病 2017-02-13`) or a counter
 * (`358人气`), and a run reaching the page's end of lines that start with a date glued to the next teaser
 * (`2021-08-21為進一步…`, seed 003) together with the teaser before its first date.
 */
function findTeaserRuns(texts: readonly string[], infos: readonly LineInfo[], verdicts: Map<number, BoilerplateRuleId>, pageStart: boolean): void {
  const teaserLike = (i: number) => (infos[i]!.datedEnd || infos[i]!.counted || infos[i]!.datedStart) && infos[i]!.han <= 60 && !/[。]\s*$/.test(lineEnd(texts[i]!))
  for (let i = 0; i < infos.length; ) {
    let j = i
    while (j < infos.length && (teaserLike(j) || (j > i && infos[j]!.kind === 'blank'))) j++
    const members = []
    for (let k = i; k < j; k++) if (infos[k]!.kind !== 'blank') members.push(k)
    if (members.length >= 2) for (const k of members) if (!verdicts.has(k)) verdicts.set(k, infos[k]!.counted ? 'boilerplate/link-list' : 'boilerplate/dated-teasers')
    i = j > i ? j : i + 1
  }
  // Glued dates, twice: once as the page is, once with the lines found above out of the way (a run that ends before
  // a contact line or a disclaimer reaches the end once they go).
  for (let pass = 0; pass < 2; pass++) {
    let start = texts.length
    while (start > 0 && ((pass === 1 && verdicts.has(start - 1)) || infos[start - 1]!.kind === 'blank' || GLUED_DATE.test(texts[start - 1]!) || BARE_DATE.test(texts[start - 1]!))) start--
    const isOpen = (i: number) => !verdicts.has(i) && infos[i]!.kind !== 'blank'
    const glued = texts.slice(start).filter((t, k) => isOpen(start + k) && GLUED_DATE.test(t)).length
    if (glued < 2) continue
    for (let i = start; i < texts.length; i++) if (isOpen(i)) verdicts.set(i, 'boilerplate/dated-teasers')
    const firstTeaser = start - 1
    // Not the page's title; a stretch after the first starts with a sentence, which may be that teaser.
    if ((firstTeaser > 0 || (firstTeaser === 0 && !pageStart)) && isOpen(firstTeaser) && infos[firstTeaser]!.kind !== 'disclaimer') verdicts.set(firstTeaser, 'boilerplate/dated-teasers')
  }
}

/**
 * Keyword runs of hijacked pages (`秒速赛车开奖结果网址`, `极速飞艇三期计划`, `澳洲幸运10在线预测`, one a line): lines in a
 * row that are no sentences and each hold an injected word that is no ordinary word, or two injected words, go
 * when there are `INJECTED_RUN_MIN` of them. The page title (`title`, or -1) is judged as a title.
 */
function findInjectedRuns(texts: readonly string[], infos: readonly LineInfo[], verdicts: Map<number, BoilerplateRuleId>, title: number): void {
  let run: number[] = []
  const flush = () => {
    if (run.length >= INJECTED_RUN_MIN) for (const i of run) if (!verdicts.has(i)) verdicts.set(i, 'boilerplate/injected')
    run = []
  }
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i]!
    if (info.kind === 'blank') continue
    const hit = i !== title && info.injected > 0 && info.kind !== 'sentence' && !/[。！？]/.test(texts[i]!) && (info.injected >= 2 || MARKED_WORD.test(texts[i]!))
    if (hit) run.push(i)
    else flush()
  }
  flush()
}

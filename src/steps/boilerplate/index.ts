import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { checkChoice, checkKnownKeys, ZhtidyError } from '../../errors.js'
import { removeLine } from '../../tree/edit.js'
import type { LineNode, Root } from '../../types.js'
import { CONTACT_LABELS_FORMS, DISCLAIMER_HEADS_FORMS, TICKER_NAMES_FORMS, WIDGET_LINES_FORMS } from '../../data/boilerplate-forms.js'
import { removeRepeated, resolveRepeated, type RepeatedOptions } from '../../corpus/repeated.js'
import { BOILERPLATE_RULE_IDS, HEADLINE_MAX, LICENCE_LINE, type BoilerplateRuleId } from './rules.js'

export interface BoilerplateOptions {
  /** 'remove' (default) deletes boilerplate lines; 'mark' only reports them (warnings) and keeps the text. */
  mode?: 'remove' | 'mark'
  /** Rule ids to switch off, e.g. ['boilerplate/contact']. */
  disable?: BoilerplateRuleId[]
  /** Corpus mode: lines that a table of the dump counts in many documents go too (`boilerplate/repeated`). */
  repeated?: RepeatedOptions
}

export interface Matchers {
  disclaimer: RegExp
  contact: RegExp
  ticker: RegExp
  widget: RegExp
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const alternation = (forms: readonly string[]) => forms.map(escape).join('|')

export function buildMatchers(): Matchers {
  const email = '[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+'
  const phone = '[+(（]?\\d[\\d\\s()（）-]{6,}\\d'
  return {
    // Chinese heads at the start of the line; Latin ones (`Copyright`, `©`) only before a space, a year or the end.
    disclaimer: new RegExp(`^[\\s【\\[〖（(]*(?:${alternation(DISCLAIMER_HEADS_FORMS.filter((h) => /[\u4e00-\u9fff]/.test(h)))}|(?:${alternation(DISCLAIMER_HEADS_FORMS.filter((h) => !/[\u4e00-\u9fff]/.test(h)))})(?=[\\s\\d©]|$))`),
    // Never two space runs side by side (`\\s*[:：]?\\s*`): on a label followed by a long run of tabs the engine
    // would try every split of the run between them.
    contact: new RegExp(`^\\s*(?:(?:${alternation(CONTACT_LABELS_FORMS)})\\s*(?:[:：]\\s*)?)?(?:${email}|${phone})\\s*$`),
    ticker: new RegExp(`^\\s*(?:${alternation(TICKER_NAMES_FORMS)})[\\d.,%+\\-\\s]*$`),
    widget: new RegExp(`^\\s*(?:${alternation(WIDGET_LINES_FORMS)})\\s*(?:[:：]\\s*)?$`),
  }
}

export type Kind = 'disclaimer' | 'contact' | 'junk' | 'bullet' | 'headline' | 'sentence' | 'blank'

const BULLET = /^\s*(?:[-–—·•●◆■▪*]|\d{1,2}[.、)）]|[(（]\d{1,2}[)）])\s*\S/
const JUNK = /^[\s\-–—_=*·.,:：%+|/\\\d[\]()<>]*$/
// A sentence ends with a full stop, maybe closed by quotes or brackets and followed by a bracketed byline: `。（记者杨文）`.
const SENTENCE_END = /[。！？!?…][”’」』）)]*(?:[（(][^（()）]{1,24}[）)])?\s*$/
const GLUED_DATE = /^\d{4}-\d{2}-\d{2}(?=\S)/
const BARE_DATE = /^\s*\d{4}-\d{2}-\d{2}\s*$/

/**
 * Contact, ticker and widget lines are short: longer lines never go to their patterns, which keeps every pattern's
 * work bounded by this length (a 10 MB line of digits overflowed the regex engine's stack in the phone pattern).
 */
const SHORT_LINE_MAX = 240

/*
 * What one pass over a line's code units tells, so that most lines are classified without their patterns: each
 * pattern below runs only on a line that has what it cannot match without (a test holds these tables to the
 * patterns' classes, code unit by code unit).
 */
/** JavaScript's `\s`, which is also the white space of `trim`. */
const WHITE = 1
/** `[。！？!?…]`, where `SENTENCE_END` starts. */
const END_MARK = 2
/** `[。！？]` */
const STOP = 4
/** `[，,]` */
const COMMA = 8
/** Outside `JUNK`'s class. */
const NOT_JUNK = 16
/** Not white space. */
const NOT_WHITE = 32
/** `@` or an ASCII digit: an e-mail address or a phone number has one. */
const CONTACT_UNIT = 64
/** `I` or `公`: every keyword of `LICENCE_LINE` (`ICP…`, `公网安备`, `公網安備`) has one. */
const LICENCE_UNIT = 128
const LINE_UNITS = new Uint16Array(65536).fill(NOT_JUNK | NOT_WHITE)
const WHITE_UNITS = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]
for (let code = 0x2000; code <= 0x200a; code++) WHITE_UNITS.push(code)
for (const code of WHITE_UNITS) LINE_UNITS[code] = WHITE
for (const char of '-–—_=*·.,:：%+|/\\0123456789[]()<>') LINE_UNITS[char.charCodeAt(0)]! &= ~NOT_JUNK
for (const char of '。！？!?…') LINE_UNITS[char.charCodeAt(0)]! |= END_MARK
for (const char of '。！？') LINE_UNITS[char.charCodeAt(0)]! |= STOP
for (const char of '，,') LINE_UNITS[char.charCodeAt(0)]! |= COMMA
for (const char of '@0123456789') LINE_UNITS[char.charCodeAt(0)]! |= CONTACT_UNIT
for (const char of 'I公') LINE_UNITS[char.charCodeAt(0)]! |= LICENCE_UNIT

/** Code units a match can start with (first units of the phrase lists), and `disclaimer`'s leading class. */
const DISCLAIMER_START = 1
const TICKER_START = 2
const WIDGET_START = 4
const BULLET_START = 8
const LEAD = 16
/** A contact line starts with a label, an e-mail address (`[\\w.+-]`) or a phone number (`[+(（]` or a digit). */
const CONTACT_START = 32
const START_UNITS = new Uint8Array(65536)
for (const head of DISCLAIMER_HEADS_FORMS) START_UNITS[head.charCodeAt(0)]! |= DISCLAIMER_START
for (const name of TICKER_NAMES_FORMS) START_UNITS[name.charCodeAt(0)]! |= TICKER_START
for (const phrase of WIDGET_LINES_FORMS) START_UNITS[phrase.charCodeAt(0)]! |= WIDGET_START
for (const char of '-–—·•●◆■▪*0123456789(（') START_UNITS[char.charCodeAt(0)]! |= BULLET_START
for (const label of CONTACT_LABELS_FORMS) START_UNITS[label.charCodeAt(0)]! |= CONTACT_START
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.+-(（') START_UNITS[char.charCodeAt(0)]! |= CONTACT_START
for (const char of '【[〖（(') START_UNITS[char.charCodeAt(0)]! |= LEAD
for (const code of WHITE_UNITS) START_UNITS[code]! |= LEAD

/** `LICENCE_LINE` is at most 12 units, its longest keyword (8), and 40 more: a longer line cannot be one. */
const LICENCE_LINE_MAX = 12 + 8 + 40
const mayBeLicence = (text: string): boolean =>
  text.length <= LICENCE_LINE_MAX && (text.includes('ICP') || text.includes('公网安备') || text.includes('公網安備'))

export function classify(text: string, m: Matchers): Kind {
  const length = text.length
  let first = 0
  while (first < length && (LINE_UNITS[text.charCodeAt(first)]! & WHITE) !== 0) first++
  // Only white space (or nothing): what `text.trim() === ''` says.
  if (first === length) return 'blank'
  // A disclaimer head starts at or before the first unit after the leading brackets and spaces.
  let lead = first
  while (lead < length && (START_UNITS[text.charCodeAt(lead)]! & LEAD) !== 0) lead++
  let head = false
  for (let i = 0; i <= lead && i < length && !head; i++) head = (START_UNITS[text.charCodeAt(i)]! & DISCLAIMER_START) !== 0
  // A headline-long line (most lines of a page) has its units looked at once, for the gates below.
  const headlineLong = length <= HEADLINE_MAX
  let units = 0
  if (headlineLong) for (let i = first; i < length; i++) units |= LINE_UNITS[text.charCodeAt(i)]!
  const licence = length <= LICENCE_LINE_MAX && (!headlineLong || (units & LICENCE_UNIT) !== 0) && mayBeLicence(text)
  if ((head && m.disclaimer.test(text)) || (licence && LICENCE_LINE.test(text))) return 'disclaimer'
  const start = START_UNITS[text.charCodeAt(first)]!
  if (length <= SHORT_LINE_MAX) {
    if ((start & CONTACT_START) !== 0 && (!headlineLong || (units & CONTACT_UNIT) !== 0) && m.contact.test(text)) return 'contact'
    const junkStart = (LINE_UNITS[text.charCodeAt(first)]! & NOT_JUNK) === 0
    if ((junkStart && JUNK.test(text)) || ((start & TICKER_START) !== 0 && m.ticker.test(text)) || ((start & WIDGET_START) !== 0 && m.widget.test(text))) return 'junk'
  }
  if (!headlineLong) return 'sentence'
  if (((units & END_MARK) !== 0 && SENTENCE_END.test(text)) || ((units & STOP) !== 0 && (units & COMMA) !== 0)) return 'sentence'
  if ((start & BULLET_START) !== 0 && BULLET.test(text)) return 'bullet'
  return 'headline'
}

/** The `boilerplate` step: disclaimers, contact lines, link lists, teaser runs and widget junk, removed or marked. */
export const zhtidyBoilerplate: Plugin<[BoilerplateOptions?], Root> = function (options) {
  const given = options ?? {}
  checkKnownKeys('boilerplate', given, ['mode', 'disable', 'repeated'])
  const mode = given.mode === undefined ? 'remove' : checkChoice('boilerplate', 'mode', given.mode, ['remove', 'mark'])
  if (given.disable !== undefined && !Array.isArray(given.disable)) {
    throw new ZhtidyError('invalid-option', `boilerplate: option \`disable\` must be an array of rule ids (rules: ${BOILERPLATE_RULE_IDS.join(', ')}), got ${JSON.stringify(given.disable)}`)
  }
  const disabled = new Set<string>(given.disable ?? [])
  for (const id of disabled) {
    if (!(BOILERPLATE_RULE_IDS as readonly string[]).includes(id)) {
      throw new ZhtidyError('invalid-option', `boilerplate: option \`disable\`: unknown rule \`${id}\` (rules: ${BOILERPLATE_RULE_IDS.join(', ')})`)
    }
  }
  const matchers = buildMatchers()
  const repeated = given.repeated === undefined ? undefined : resolveRepeated(given.repeated)

  return (tree: Root, file: VFile) => {
    const lines = tree.children.filter((node) => !node.data?.removed)
    const verdicts = findBoilerplate(lines.map((node) => node.value), matchers)
    const taken = new Set<number>()
    for (const [index, ruleId] of verdicts) {
      if (disabled.has(ruleId)) continue
      taken.add(index)
      remove(file, lines[index]!, ruleId, mode === 'remove')
    }
    if (repeated) removeRepeated(file, lines, taken, repeated, mode === 'remove')
  }
}

const REASONS: Record<BoilerplateRuleId, string> = {
  'boilerplate/disclaimer': 'disclaimer or copyright line',
  'boilerplate/contact': 'line of nothing but contact details',
  'boilerplate/link-list': 'list of links at the edge of the page',
  'boilerplate/dated-teasers': 'related-article teasers with dates glued on',
  'boilerplate/tail-junk': 'page furniture after the end of the article',
  'boilerplate/widget': 'widget text (ticker, counters, buttons, dashes)',
}

function remove(file: VFile, node: LineNode, ruleId: BoilerplateRuleId, confident: boolean): void {
  removeLine(file, node, ruleId, `Unexpected ${REASONS[ruleId]}, expected nothing`, confident)
}

/**
 * Decides which lines are boilerplate. Precision first: in the body of an article only lines that are
 * boilerplate on their own (a disclaimer head, bare contact details) go; headline-like lines and junk go
 * only in the tail, after the article's last sentence, or in a bulleted run at the top.
 */
export function findBoilerplate(texts: readonly string[], m: Matchers): Map<number, BoilerplateRuleId> {
  const verdicts = new Map<number, BoilerplateRuleId>()
  const kinds = texts.map((text) => classify(text, m))

  // Teasers glued to dates: a run of lines starting with a date glued to the next teaser, reaching the end.
  let runStart = texts.length
  while (runStart > 0 && (GLUED_DATE.test(texts[runStart - 1]!) || BARE_DATE.test(texts[runStart - 1]!) || kinds[runStart - 1] === 'blank')) runStart--
  const glued = texts.slice(runStart).filter((t) => GLUED_DATE.test(t)).length
  if (glued >= 2) {
    for (let i = runStart; i < texts.length; i++) if (kinds[i] !== 'blank') verdicts.set(i, 'boilerplate/dated-teasers')
    // The first teaser of the run has no date of its own: its date is glued to the next line.
    const first = runStart - 1
    if (first > 0 && kinds[first] !== 'disclaimer' && kinds[first] !== 'blank') verdicts.set(first, 'boilerplate/dated-teasers')
  }

  for (let i = 0; i < texts.length; i++) {
    if (verdicts.has(i)) continue
    if (kinds[i] === 'disclaimer') verdicts.set(i, 'boilerplate/disclaimer')
    else if (kinds[i] === 'contact') verdicts.set(i, 'boilerplate/contact')
  }

  // The tail: everything after the last sentence of the article.
  let articleEnd = -1
  for (let i = texts.length - 1; i >= 0; i--) {
    if (!verdicts.has(i) && kinds[i] === 'sentence') {
      articleEnd = i
      break
    }
  }
  const tail: number[] = []
  for (let i = articleEnd + 1; i < texts.length; i++) if (!verdicts.has(i) && kinds[i] !== 'blank') tail.push(i)
  const tailHasSignal =
    texts.slice(articleEnd + 1).some((_, k) => verdicts.get(articleEnd + 1 + k) === 'boilerplate/disclaimer' || verdicts.get(articleEnd + 1 + k) === 'boilerplate/contact') ||
    tail.filter((i) => kinds[i] === 'junk' || kinds[i] === 'bullet').length >= 3
  // With no sentence at all there is no article to measure a tail against: leave such a page to the line rules.
  if (tailHasSignal && articleEnd >= 0) {
    for (const i of tail) {
      const kind = kinds[i]
      verdicts.set(i, kind === 'bullet' ? 'boilerplate/link-list' : kind === 'junk' ? 'boilerplate/widget' : 'boilerplate/tail-junk')
    }
  } else {
    for (const i of bulletedRuns(kinds, tail)) verdicts.set(i, 'boilerplate/link-list')
  }

  // A bulleted run of three or more headlines before the first sentence of the page.
  const firstSentence = kinds.indexOf('sentence')
  const head: number[] = []
  for (let i = 0; i < (firstSentence < 0 ? 0 : firstSentence); i++) if (!verdicts.has(i) && kinds[i] !== 'blank') head.push(i)
  for (const i of bulletedRuns(kinds, head)) verdicts.set(i, 'boilerplate/link-list')

  // Teasers again, with the lines found above out of the way: a run that ends before a contact line or a
  // disclaimer reaches the end once they go, and would be found by a second run otherwise.
  let start = texts.length
  while (start > 0 && (verdicts.has(start - 1) || kinds[start - 1] === 'blank' || GLUED_DATE.test(texts[start - 1]!) || BARE_DATE.test(texts[start - 1]!))) start--
  const open = (i: number) => !verdicts.has(i) && kinds[i] !== 'blank'
  const gluedLeft = texts.slice(start).filter((t, k) => open(start + k) && GLUED_DATE.test(t)).length
  if (gluedLeft >= 2) {
    for (let i = start; i < texts.length; i++) if (open(i)) verdicts.set(i, 'boilerplate/dated-teasers')
    const first = start - 1
    if (first > 0 && !verdicts.has(first) && kinds[first] !== 'disclaimer' && kinds[first] !== 'blank') verdicts.set(first, 'boilerplate/dated-teasers')
  }
  return verdicts
}

/** Indices (among `candidates`, in order) in consecutive runs of three or more bulleted lines. */
function bulletedRuns(kinds: readonly Kind[], candidates: readonly number[]): number[] {
  const out: number[] = []
  let run: number[] = []
  const flush = () => {
    if (run.length >= 3) out.push(...run)
    run = []
  }
  for (const i of candidates) {
    if (kinds[i] === 'bullet' && (run.length === 0 || run[run.length - 1] === i - 1)) run.push(i)
    else {
      flush()
      if (kinds[i] === 'bullet') run.push(i)
    }
  }
  flush()
  return out
}

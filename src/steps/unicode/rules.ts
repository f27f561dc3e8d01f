import { isHanCode, isChineseContextUnit as isChineseContext, isCjkPunctuationUnit as isCjkPunctuation, markCjkPunctuationUnits, markUnits, PAIR_SHIFT, unitScan } from '../../chars.js'
import type { Edit } from '../../types.js'
import type { LineRule, ScannedRule } from '../../tree/edit.js'
import { RADICAL_SUPPLEMENT } from '../../data/radicals.js'
import { isWordPair } from '../../decode/plausibility.js'
import type { ResolvedUnicodeOptions } from './options.js'
import { guarded, insideSpan, protectedSpans } from '../protect.js'

// The rules' expressions are made once (`matchAll` would copy one on every call); each loop starts at `lastIndex` 0.

const EMOJI_LIKE = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F/u
const isEmojiLike = (char: string | undefined): boolean => !!char && EMOJI_LIKE.test(char)

/** Compatibility ideographs (canonical decompositions), Kangxi radicals and the radicals supplement (Equivalent_Unified_Ideograph). */
const IDEOGRAPH_FORMS = /[\uf900-\ufaff\u2f00-\u2fdf\u2e80-\u2eff\u{2f800}-\u{2fa1f}]/gu
const ideographs: LineRule = (line) => {
  const edits: Edit[] = []
  const pattern = IDEOGRAPH_FORMS
  pattern.lastIndex = 0
  for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
    const char = match[0]
    const code = char.codePointAt(0)!
    // Radical forms: Unicode's Equivalent_Unified_Ideograph (generated table); compatibility ideographs: NFC.
    const target = code >= 0x2e80 && code <= 0x2fdf ? RADICAL_SUPPLEMENT.get(char) ?? char : char.normalize('NFC')
    if (target === char) continue
    const kind = code >= 0xf900 && code <= 0xfaff ? 'compatibility-ideograph' : code >= 0x2f800 ? 'compatibility-ideograph' : 'radical'
    edits.push({
      start: match.index,
      end: match.index + char.length,
      replacement: target,
      ruleId: `unicode/${kind}`,
      reason: `Unexpected ${kind === 'radical' ? 'radical' : 'compatibility ideograph'} \`${char}\` (U+${code.toString(16).toUpperCase()}), expected \`${target}\``,
      confident: true,
    })
  }
  return edits
}

const FULLWIDTH_RUN = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+/g
const FULLWIDTH_UNIT = /[\uff10-\uff5a]/g
const toHalfwidth = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 0xfee0)
const fullwidthAlphanumerics: LineRule = (line) => {
  const edits: Edit[] = []
  const pattern = FULLWIDTH_RUN
  pattern.lastIndex = 0
  for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
    const replacement = match[0].replace(FULLWIDTH_UNIT, toHalfwidth)
    edits.push({
      start: match.index,
      end: match.index + match[0].length,
      replacement,
      ruleId: 'unicode/fullwidth-alphanumeric',
      reason: `Unexpected full-width \`${match[0]}\`, expected \`${replacement}\``,
      confident: true,
    })
  }
  return edits
}

/** Zero-width characters, soft hyphens, stray byte-order marks and control characters except tab. */
const INVISIBLE_RUN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2060-\u2064\u206a-\u206f\ufeff]+/g
function isLatin1High(c: number): boolean {
  return c >= 0xa0 && c <= 0xff
}

const invisibles: LineRule = (line) => {
  const edits: Edit[] = []
  const pattern = INVISIBLE_RUN
  pattern.lastIndex = 0
  for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
    let start = match.index
    let run = match[0]
    // A zero-width joiner between two emoji builds one glyph (👨‍👩‍👧): keep it.
    if (run === '\u200d' && isEmojiLike(previousChar(line, start)) && isEmojiLike(String.fromCodePoint(line.codePointAt(start + 1) ?? 0))) continue
    // Soft hyphens and C1 controls after a Latin-1 character are bytes of mojibake the encoding step left alone
    // (`ä¸\u00ad` is `中` read as windows-1252): deleting them would lose the byte and change what a second run
    // repairs.
    if (start > 0 && isLatin1High(line.charCodeAt(start - 1)) && /^[\u0080-\u009f\u00ad]+$/.test(run)) continue
    const names = [...new Set([...run].map((c) => 'U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')))].join(', ')
    edits.push({
      start,
      end: start + run.length,
      replacement: '',
      ruleId: 'unicode/invisible',
      reason: `Unexpected invisible character${run.length > 1 ? 's' : ''} ${names}, expected nothing`,
      confident: true,
    })
  }
  return edits
}

function previousChar(line: string, index: number): string | undefined {
  if (index === 0) return undefined
  const code = line.charCodeAt(index - 1)
  if (code >= 0xdc00 && code <= 0xdfff && index >= 2) return line.slice(index - 2, index)
  return line[index - 1]
}

/** Odd spaces become plain spaces, runs collapse to one, indentation made of ideographic spaces and trailing spaces go. */
const SPACE_RUN = /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/
const IDEOGRAPHIC_SPACE = /\u3000/
const NOT_TAB = /[^\t]/g
const spaces: LineRule = (line) => {
  const edits: Edit[] = []
  const odd = ODD_SPACE
  const pattern = SPACE_RUN
  pattern.lastIndex = 0
  for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
    const run = match[0]
    const start = match.index
    const end = start + run.length
    const leading = start === 0
    const trailing = end === line.length
    let replacement: string
    // A space after a Chinese mark and before Chinese text is scraped layout (`。\u3000那是`, `热门搜索： 贵州`).
    // Not after a closing quote or bracket around Latin text (`输入 “about:config” 到`): the source spaced it on purpose.
    const afterMark = isCjkPunctuation(line[start - 1]) && isChineseContext(line[end]) && !closesLatin(line, start - 1)
    if (trailing || afterMark) replacement = ''
    else if (leading) replacement = IDEOGRAPHIC_SPACE.test(run) ? '' : run.replace(NOT_TAB, ' ')
    else replacement = run.includes('\t') && !odd.test(run) ? run : ' '
    if (replacement === run) continue
    const ruleId = trailing ? 'unicode/trailing-space' : afterMark ? 'unicode/space-after-mark' : odd.test(run) ? 'unicode/odd-space' : 'unicode/space-run'
    edits.push({
      start,
      end,
      replacement,
      ruleId,
      reason: `Unexpected ${describeSpaces(run)}, expected ${replacement === '' ? 'nothing' : 'one space'}`,
      confident: true,
    })
  }
  return edits
}

function describeSpaces(run: string): string {
  const names = [...new Set([...run].map((c) => (c === ' ' ? 'space' : c === '\t' ? 'tab' : 'U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'))))]
  return `${run.length > 1 ? 'run of ' : ''}${names.join(', ')}`
}


/** Whether the mark at `at` closes a quotation or bracket whose text ends in a Latin letter or digit. */
function closesLatin(line: string, at: number): boolean {
  if (!'”’」』）》】'.includes(line[at]!)) return false
  const code = line.charCodeAt(at - 1)
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a)
}

/**
 * NFC where the text is not: a base character with combining marks that compose (`e\u0301` → `é`, pinyin `a\u0304`
 * → `ā`), and the singletons that normalize to another character (`Ω` U+2126 → `Ω`, `Å` U+212B → `Å`, `K` U+212A).
 * The marks looked for are the combining blocks (U+0300–U+036F, U+1AB0–U+1AFF, U+1DC0–U+1DFF, U+20D0–U+20FF,
 * U+FE20–U+FE2F) and the kana voicing marks U+3099–U+309A; compatibility ideographs are the ideographs rule's.
 */
const COMBINING = '\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f\\u3099\\u309a'
const SINGLETONS = '\\u2126\\u212a\\u212b\\u0340\\u0341\\u0343\\u0374\\u037e\\u0387'
const NOT_NFC = new RegExp(`(?:[\\ud800-\\udbff][\\udc00-\\udfff]|[^${COMBINING}])?[${COMBINING}]+|[${SINGLETONS}]`, 'g')
const nfc: LineRule = (line) => {
  const edits: Edit[] = []
  const pattern = NOT_NFC
  pattern.lastIndex = 0
  for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
    const text = match[0]
    const replacement = text.normalize('NFC')
    if (replacement === text) continue
    edits.push({ start: match.index, end: match.index + text.length, replacement, ruleId: 'unicode/nfc', reason: `Unexpected \`${text}\` (not NFC), expected \`${replacement}\``, confident: true })
  }
  return edits
}

/**
 * Letter-spacing: Han characters each followed by one space or NBSP, three or more in a row (`习 近 平`,
 * `会议由习 近 平主持`), lose the spaces. Two spaced characters (`张 三`) may be a name written so, and words spaced
 * apart (`中国 美国`) or an ideographic space between phrases are not letter-spacing: they stay.
 */
const LETTER_SPACED = /[\u3400-\u4dbf\u4e00-\u9fff](?:[ \u00a0][\u3400-\u4dbf\u4e00-\u9fff]){2,}/g
const SPACED_GAP = /[ \u00a0]/g
/** One-character words that word-segmented text spaces apart. */
const FUNCTION_WORD = /[的地得了着过是在和与與及或对對被把将將以给給从從向于於也都就而其这這那有为為个個中上下里裏用由作会會不没沒很并並且则則即才象像设設再又还還所此该該每各]/
/** Whether the line around is unspaced Han text: at least three Han characters glued to the next one. */
function unspacedAround(line: string): boolean {
  let glued = 0
  for (let k = 1; k < line.length && glued < 3; k++) if (isHanCode(line.charCodeAt(k)) && isHanCode(line.charCodeAt(k - 1))) glued++
  return glued >= 3
}
const SPACED_PAIR = /[\u3400-\u4dbf\u4e00-\u9fff][ \u00a0](?=[\u3400-\u4dbf\u4e00-\u9fff])/g
const letterSpacing: LineRule = (line) => {
  const edits: Edit[] = []
  const pattern = LETTER_SPACED
  pattern.lastIndex = 0
  let inRuns = 0
  for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
    const start = match.index
    const text = match[0]
    const replacement = text.replace(SPACED_GAP, '')
    inRuns += text.length - replacement.length
    // A run glued to Han (`由习 近 平主持`) may be text segmented into words (`指定 的 字体`, `信息 时 非常`).
    const end = start + text.length
    const gluedBefore = isHanCode(line.charCodeAt(start - 1))
    const gluedAfter = isHanCode(line.charCodeAt(end))
    // Glued on both sides, the edges must not close words with their neighbours (`信息 时 非常`: 信息 is a word),
    // and the text around must be unspaced; glued on one side only (`man 的 页 选项`), it is segmented text.
    if ((gluedBefore || gluedAfter) && !(gluedBefore && gluedAfter && !FUNCTION_WORD.test(text.slice(1, -1)) && unspacedAround(line) && !isWordPair(line.charCodeAt(start - 1), line.charCodeAt(start)) && !isWordPair(line.charCodeAt(end - 1), line.charCodeAt(end)))) continue
    edits.push({ start, end: start + text.length, replacement, ruleId: 'unicode/letter-spacing', reason: `Unexpected letter-spaced \`${text}\`, expected \`${replacement}\``, confident: true })
  }
  if (edits.length === 0) return edits
  // Text segmented into words (`以 特定 根 目录 运行`, as manpages-zh writes) has spaces between Han words outside
  // such runs too: there a run of one-character words is not letter-spacing, and the line is left as it is.
  let gaps = 0
  SPACED_PAIR.lastIndex = 0
  while (SPACED_PAIR.exec(line) !== null) gaps++
  return gaps === inRuns ? edits : []
}
const hasSpacedHan = (line: string): boolean => /[\u3400-\u4dbf\u4e00-\u9fff][ \u00a0][\u3400-\u4dbf\u4e00-\u9fff][ \u00a0][\u3400-\u4dbf\u4e00-\u9fff]/.test(line)

/**
 * HTML character references left in scraped text: whole ones (`&amp;`, `&nbsp;`, `&#12290;`, `&#xff0c;`) and
 * numeric ones whose `&` a scraper stripped (`#xff1a;`, `#65292;`) when they stand for a full-width mark or a Han
 * character. Not inside code, markup or URLs (`<a href="?a=1&amp;b=2">`, `` `&amp;` ``), where they are meant.
 */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', hellip: '…', mdash: '—', middot: '·', times: '×', copy: '©', reg: '®', yen: '¥', deg: '°' }
const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-z]{2,6}));|(?<![&\w])#(?:[xX]([0-9a-fA-F]{4,5})|([0-9]{4,6}));/g
const AFTER_AMP = /^(?:#[xX]?[0-9a-fA-F]+|[a-z]{2,6});/
const htmlEntity: LineRule = (line) => {
  const edits: Edit[] = []
  const spans = protectedSpans(line)
  const pattern = ENTITY
  pattern.lastIndex = 0
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) {
    const stripped = m[4] !== undefined || m[5] !== undefined
    const code = m[1] ?? m[4] ? parseInt((m[1] ?? m[4])!, 16) : m[2] ?? m[5] ? parseInt((m[2] ?? m[5])!, 10) : undefined
    let replacement: string | undefined
    if (code !== undefined) {
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code < 0x20) continue
      // A stripped one only when it stands for Chinese text or a full-width mark (`#1234;` may be an issue number).
      if (stripped && !(isChineseContext(String.fromCodePoint(code)) || (code >= 0xff01 && code <= 0xff5e))) continue
      replacement = String.fromCodePoint(code)
    } else replacement = NAMED[m[3]!]
    if (replacement === undefined) continue
    // `&amp;amp;`, `&amp;#12290;`: escaped twice; decoding once would leave an entity for a second run to decode.
    const escaped = replacement === '&' ? AFTER_AMP.exec(line.slice(m.index + m[0].length, m.index + m[0].length + 12)) : null
    if (escaped !== null) {
      pattern.lastIndex = m.index + m[0].length + escaped[0].length
      continue
    }
    if (spans.length > 0 && (insideSpan(spans, m.index) || insideSpan(spans, m.index + m[0].length - 1))) continue
    edits.push({ start: m.index, end: m.index + m[0].length, replacement, ruleId: 'unicode/html-entity', reason: `Unexpected HTML entity \`${m[0]}\`${stripped ? ' (its `&` stripped)' : ''}, expected \`${replacement}\``, confident: true })
  }
  return edits
}
const hasEntity = (line: string): boolean => line.includes(';') && (line.includes('&') || line.includes('#'))

const INVISIBLE = 1
const IDEOGRAPH = 2
const FULLWIDTH = 4
/** Any unit of the spaces rule's runs (space, tab, odd spaces). */
const SPACE = 8
const ODD = 0x10
/** U+0020, and the bit above it: a space right after a space (a run the rule collapses), by the pair scan. */
const PLAIN_SPACE = 0x20
const SPACE_AFTER_SPACE = PLAIN_SPACE << 1
/** A Chinese mark, and the bit above it: a space or tab right after one (`space-after-mark`), by the pair scan. */
const CJK_MARK = 0x80
const SPACE_AFTER_MARK = CJK_MARK << 1
/** Combining marks and the singletons NFC changes. */
const COMPOSE = 0x200
/** `;`, which ends every HTML entity. */
const SEMICOLON = 0x400
/** A space or NBSP: the gaps of letter-spacing. */
const LETTER_GAP = 0x800

/** Per code unit, the rules that could match it; each bit covers every character of that rule's regular expression. */
const UNITS = new Uint16Array(65536)
for (const [from, to] of [[0x00, 0x08], [0x0b, 0x0c], [0x0e, 0x1f], [0x7f, 0x9f], [0xad, 0xad], [0x200b, 0x200f], [0x2060, 0x2064], [0x206a, 0x206f], [0xfeff, 0xfeff]] as const) {
  markUnits(UNITS, INVISIBLE, from, to)
}
markUnits(UNITS, IDEOGRAPH, 0xf900, 0xfaff)
markUnits(UNITS, IDEOGRAPH, 0x2e80, 0x2fdf)
// U+2F800..U+2FA1F all have the high surrogate D87E.
markUnits(UNITS, IDEOGRAPH, 0xd87e)
markUnits(UNITS, FULLWIDTH, 0xff10, 0xff19)
markUnits(UNITS, FULLWIDTH, 0xff21, 0xff3a)
markUnits(UNITS, FULLWIDTH, 0xff41, 0xff5a)
for (const code of [0x20, 0x09, 0xa0, 0x1680, 0x202f, 0x205f, 0x3000]) markUnits(UNITS, SPACE, code)
markUnits(UNITS, SPACE, 0x2000, 0x200a)
for (const code of [0xa0, 0x1680, 0x202f, 0x205f, 0x3000]) markUnits(UNITS, ODD, code)
markUnits(UNITS, ODD, 0x2000, 0x200a)
markUnits(UNITS, PLAIN_SPACE | SPACE_AFTER_SPACE | SPACE_AFTER_MARK, 0x20)
markUnits(UNITS, SPACE_AFTER_MARK, 0x09)
markCjkPunctuationUnits(UNITS, CJK_MARK)
for (const [from, to] of [[0x300, 0x36f], [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x20d0, 0x20ff], [0xfe20, 0xfe2f], [0x3099, 0x309a]] as const) markUnits(UNITS, COMPOSE, from, to)
for (const code of [0x2126, 0x212a, 0x212b, 0x340, 0x341, 0x343, 0x374, 0x37e, 0x387]) markUnits(UNITS, COMPOSE, code)
markUnits(UNITS, SEMICOLON, 0x3b)
markUnits(UNITS, LETTER_GAP, 0x20)
markUnits(UNITS, LETTER_GAP, 0xa0)

/** The pre-scan of a line: one pass over its code units. */
export const scanUnicode = (line: string, from?: number, to?: number): number => unitScan(UNITS, line, from, to)

/**
 * Whether the spaces rule can change a line with spaces: only an odd space, two plain spaces side by side, a space
 * or tab right after a Chinese mark, or a space or tab ending the line make it do anything (a lone space between
 * words, tabs, plain indentation stay as they are).
 */
const spacesMayChange = (line: string, scan: number): boolean => {
  if ((scan & (ODD | ((SPACE_AFTER_SPACE | SPACE_AFTER_MARK) << PAIR_SHIFT))) !== 0) return true
  const last = line.charCodeAt(line.length - 1)
  return last === 0x20 || last === 0x09
}

/** The step's rules in order, each with the pre-scan bits it needs (run them with `runScannedRules`). */
export function unicodeScannedRules(options: ResolvedUnicodeOptions): ScannedRule[] {
  const rules: ScannedRule[] = []
  if (options.invisibles) rules.push({ rule: invisibles, bits: INVISIBLE })
  if (options.entities) rules.push({ rule: htmlEntity, bits: SEMICOLON, also: hasEntity })
  if (options.nfc) rules.push({ rule: nfc, bits: COMPOSE })
  if (options.ideographs) rules.push({ rule: ideographs, bits: IDEOGRAPH })
  if (options.fullwidthAlphanumerics) rules.push({ rule: guarded(fullwidthAlphanumerics), bits: FULLWIDTH })
  if (options.spaces) rules.push({ rule: guarded(letterSpacing), bits: LETTER_GAP, also: hasSpacedHan }, { rule: guarded(spaces), bits: SPACE, also: spacesMayChange })
  return rules
}

/** The step's rules in order, without the pre-scan: what tests hold the pre-scanned run to. */
export function unicodeRules(options: ResolvedUnicodeOptions): LineRule[] {
  return unicodeScannedRules(options).map((entry) => entry.rule)
}

import { isChineseContextUnit as isChineseContext, isCjkPunctuationUnit as isCjkPunctuation, lineScanner, markUnits } from '../../chars.js'
import type { Edit } from '../../types.js'
import type { LineRule } from '../../tree/edit.js'
import { RADICAL_SUPPLEMENT } from '../../data/radicals.js'
import type { ResolvedUnicodeOptions } from './options.js'

const isEmojiLike = (char: string | undefined): boolean => !!char && /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F/u.test(char)

/** Compatibility ideographs (canonical decompositions), Kangxi radicals (compatibility decompositions), radicals supplement (table). */
const ideographs: LineRule = (line) => {
  const edits: Edit[] = []
  for (const match of line.matchAll(/[\uf900-\ufaff\u2f00-\u2fdf\u2e80-\u2eff\u{2f800}-\u{2fa1f}]/gu)) {
    const char = match[0]
    const code = char.codePointAt(0)!
    const target = code >= 0x2e80 && code <= 0x2eff ? RADICAL_SUPPLEMENT.get(char) ?? char.normalize('NFKC') : code >= 0x2f00 && code <= 0x2fdf ? char.normalize('NFKC') : char.normalize('NFC')
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

const fullwidthAlphanumerics: LineRule = (line) => {
  const edits: Edit[] = []
  for (const match of line.matchAll(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+/g)) {
    const replacement = match[0].replace(/[\uff10-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
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
const invisibles: LineRule = (line) => {
  const edits: Edit[] = []
  for (const match of line.matchAll(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2060-\u2064\u206a-\u206f\ufeff]+/g)) {
    let start = match.index
    let run = match[0]
    // A zero-width joiner between two emoji builds one glyph (👨‍👩‍👧): keep it.
    if (run === '\u200d' && isEmojiLike(previousChar(line, start)) && isEmojiLike(String.fromCodePoint(line.codePointAt(start + 1) ?? 0))) continue
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
const spaces: LineRule = (line) => {
  const edits: Edit[] = []
  const odd = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/
  for (const match of line.matchAll(/[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g)) {
    const run = match[0]
    const start = match.index
    const end = start + run.length
    const leading = start === 0
    const trailing = end === line.length
    let replacement: string
    // A space after a Chinese mark and before Chinese text is scraped layout (`。\u3000那是`, `热门搜索： 贵州`).
    const afterMark = isCjkPunctuation(line[start - 1]) && isChineseContext(line[end])
    if (trailing || afterMark) replacement = ''
    else if (leading) replacement = /\u3000/.test(run) ? '' : run.replace(/[^\t]/g, ' ')
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

const INVISIBLE = 1
const IDEOGRAPH = 2
const FULLWIDTH = 4
const SPACE = 8

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

const NO_EDITS: Edit[] = Object.freeze([]) as unknown as Edit[]

// The rules of a step run one after another on the same line; it is scanned once unless a rule changed it.
const scanner = lineScanner(UNITS)
const lineMask = scanner.mask
/** Drops the last line scanned (see LineScanner.forget). */
export const forgetScannedLine = scanner.forget

/** The rule, run only on lines holding a code unit it matches: most scraped lines need none of them. */
function prescanned(rule: LineRule, bit: number): LineRule {
  return (line, context) => ((lineMask(line) & bit) === 0 ? NO_EDITS : rule(line, context))
}

/**
 * The step's rules in order. `prescan: false` gives them without the code-unit pre-scan, for tests that check the
 * pre-scan never skips a line a rule would change.
 */
export function unicodeRules(options: ResolvedUnicodeOptions, prescan = true): LineRule[] {
  const rules: LineRule[] = []
  const add = (rule: LineRule, bit: number) => rules.push(prescan ? prescanned(rule, bit) : rule)
  if (options.invisibles) add(invisibles, INVISIBLE)
  if (options.ideographs) add(ideographs, IDEOGRAPH)
  if (options.fullwidthAlphanumerics) add(fullwidthAlphanumerics, FULLWIDTH)
  if (options.spaces) add(spaces, SPACE)
  return rules
}

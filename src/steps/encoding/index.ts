import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { applyEdits } from '../../tree/edit.js'
import { applyPlan, type PlanStep } from '../../plan.js'
import type { Edit, Root } from '../../types.js'
import { codec, codecTitle, windowsTable } from '../../decode/codecs.js'
import { resolveEncodingOptions, type EncodingOptions } from './options.js'
import { mayHoldMojibake, repairText, type Reading, type RepairedStretch } from './repair.js'

/**
 * The `encoding` step: text that was decoded with the wrong encoding, repaired stretch by stretch. Each repair
 * is one message whose rule id names the misreading (`encoding/utf8-as-gbk`; `encoding/layered` when more than
 * one was undone) and whose note is the plan: the chain of encode/decode moves that turns the input back.
 */
export const zhtidyEncoding: Plugin<[EncodingOptions?], Root> = function (options) {
  const settings = resolveEncodingOptions(options)
  const rule = seeingThroughInvisibles(inPieces(encodingRule(settings.readings)))
  return (tree: Root, file: VFile) => {
    // A repair can make text that a second run reads as another misreading (`ÖÐ)Ã©“`: once `Ã©` is `é`, the
    // whole line reads as GBK): the step is run again over what it made, as a second run would see it, until
    // nothing changes (at most MAX_ROUNDS times; each round's repairs are their own messages). A round after the
    // first looks again only at the lines the round before changed, and at those whose reading the document now
    // establishes differently; the other lines' first readings are kept from the round before.
    const readings = new Map<LineNode, LineReadings>()
    let changed: Set<LineNode> | undefined
    let established: ReadonlySet<string> = new Set()
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const result = pass(tree, file, rule, readings, changed, established)
      if (result.changed.size === 0) break
      changed = result.changed
      established = result.established
    }
  }
}

type LineNode = Root['children'][number]

/** What the rule made of a line's text under some established readings. */
interface LineReading {
  edits: Edit[]
  /** The readings whose being established (beyond those that were) would change the edits. */
  watch: Set<string>
  stretches: number
}

/**
 * The readings of one line's current text, by the readings established for them: the first reading of a line
 * (none established) is asked for again by the next round, and the repairs of a round end with a reading of the
 * line they made.
 */
class LineReadings {
  private text: string | undefined
  private readonly byEstablished = new Map<string, LineReading>()

  read(rule: EncodingRule, text: string, established: ReadonlySet<string> | undefined): LineReading {
    if (text !== this.text) {
      this.text = text
      this.byEstablished.clear()
    }
    const names = established && established.size > 0 ? [...established].sort() : []
    const key = names.join(' ')
    let reading = this.byEstablished.get(key)
    if (reading) return reading
    // Established readings only add stretches (weak ones, and those line-level checks would turn away): a line
    // that none repaired with more readings established has none with fewer, and the edits that do not depend on
    // stretches are the same. Its watch is then the one found with more and those readings (whose weak
    // stretches were not watched there).
    for (const [other, found] of this.byEstablished) {
      if (found.stretches !== 0) continue
      const more = other === '' ? [] : other.split(' ')
      if (!names.every((name) => more.includes(name))) continue
      reading = { edits: found.edits, watch: new Set([...found.watch, ...more]), stretches: 0 }
      this.byEstablished.set(key, reading)
      return reading
    }
    const watch = new Set<string>()
    const info = { stretches: 0 }
    reading = { edits: rule(text, key === '' ? undefined : established, watch, info), watch, stretches: info.stretches }
    this.byEstablished.set(key, reading)
    return reading
  }
}

const MAX_ROUNDS = 3

/**
 * One run of the step over the document. `changed` (undefined on the first round) are the lines the round
 * before changed; `before` the readings it established. Returns the lines this round changed.
 */
function pass(
  tree: Root,
  file: VFile,
  rule: EncodingRule,
  readings: Map<LineNode, LineReadings>,
  changed: ReadonlySet<LineNode> | undefined,
  before: ReadonlySet<string>,
): { changed: Set<LineNode>; established: Set<string> } {
  // Two passes: the readings found convincing on some lines are established for the document, and lines
  // whose stretches were too short to convince alone (`¡¡¡¡AD2069Äê¡£`) are read again with them.
  const found = new Map<string, number>()
  const pending: { node: LineNode; line: LineReadings; edits: Edit[]; watch: Set<string> }[] = []
  for (const node of tree.children) {
    if (node.data?.removed || node.value.length === 0 || !mayHoldMojibake(node.value)) continue
    let line = readings.get(node)
    if (!line) readings.set(node, (line = new LineReadings()))
    const { edits, watch } = line.read(rule, node.value, undefined)
    for (const ids of readingsByPiece(node.value, edits)) for (const id of ids) found.set(id, (found.get(id) ?? 0) + 1)
    pending.push({ node, line, edits, watch })
  }
  const established = new Set([...found].filter(([, n]) => n >= 2).map(([id]) => id.replace('encoding/', '')))
  const now = new Set<LineNode>()
  for (const { node, line, edits, watch } of pending) {
    // After the first round, a line the round before left alone reads as it did, unless a reading it watches
    // came or went.
    if (changed && !changed.has(node) && ![...watch].some((r) => established.has(r) !== before.has(r))) continue
    // Read again only when an established reading would change what the first reading found.
    const again = established.size > 0 && [...watch].some((r) => established.has(r)) && SUSPECT.test(node.value) ? line.read(rule, node.value, established).edits : edits
    if (again.length === 0) continue
    let applied = again === edits ? edits : moreOf(node.value, again, edits)
    // A later round reports only what it changes: the warnings of the lines it reads again were given.
    if (changed) applied = applied.filter((e) => e.confident)
    const value = node.value
    applyEdits(file, node, applied)
    // A repair can uncover another (`\u0085ÖÐÎÄ`: once the C1 control is `…`, `ÖÐÎÄ` reads as GBK; two kinds of
    // mojibake on one line): the changed line is looked at again. What a repair wrote is not read again here
    // (`——` from `¡ª¡ª` would read as GBK `棗` with the document's readings established); the next round reads
    // the line as a second run would.
    let written = writtenRanges([], applied)
    for (let round = 0; round < 2 && mayHoldMojibake(node.value); round++) {
      const more = line.read(rule, node.value, established).edits.filter((e) => !written.some(([a, b]) => e.start < b && a < e.end))
      if (more.length === 0) break
      const apply = changed ? more.filter((e) => e.confident) : more
      if (apply.length === 0) break
      applyEdits(file, node, apply)
      written = writtenRanges(written, more)
    }
    if (node.value !== value) now.add(node)
  }
  return { changed: now, established }
}

/**
 * A line longer than this (a page with no line breaks, a book on one line) is read in pieces: a piece ends after
 * the first sentence end (`。！？`, or an ASCII `!`, which no double-byte code holds and no lost byte shows as, and
 * the closing marks after it) at least PIECE units on, and each piece is
 * pre-scanned and read as a line of its own would be. One rare character no longer sends a whole long line through
 * the search: 300 K characters of classical prose on one line took 9.4 s and 513 MB in this step, and the time grew
 * faster than the length.
 */
export const LONG_LINE = 4096
export const PIECE = 1024
const CLOSING_MARKS = new Set([0x201d, 0x2019, 0x300d, 0x300f, 0xff09, 0x300b, 0x3009, 0x3011])

/** Where the piece of a line longer than LONG_LINE that starts at `start` ends. */
export function pieceEnd(line: string, start: number): number {
  for (let i = start + PIECE; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c !== 0x3002 && c !== 0xff01 && c !== 0xff1f && c !== 0x21) continue
    let end = i + 1
    while (end < line.length && CLOSING_MARKS.has(line.charCodeAt(end))) end++
    return end
  }
  return line.length
}

/** The [start, end) of each piece of a line longer than LONG_LINE, in order. */
function piecesOf(line: string): [number, number][] {
  const pieces: [number, number][] = []
  for (let start = 0; start < line.length; ) {
    const end = pieceEnd(line, start)
    pieces.push([start, end])
    start = end
  }
  return pieces
}

/** `edits` by the piece their start falls in, each group sorted by start (a stable sort: ties keep their order). */
function byPiece(pieces: readonly [number, number][], edits: readonly Edit[]): Edit[][] {
  const sorted = [...edits].sort((a, b) => a.start - b.start)
  let k = 0
  return pieces.map(([, end]) => {
    const group: Edit[] = []
    while (k < sorted.length && sorted[k]!.start < end) group.push(sorted[k++]!)
    return group
  })
}

/** The rule ids of a line's edits, one set per piece (see LONG_LINE): a reading counts once per line it is found on. */
function readingsByPiece(line: string, edits: readonly Edit[]): Set<string>[] {
  if (line.length <= LONG_LINE) return [new Set(edits.map((edit) => edit.ruleId))]
  return byPiece(piecesOf(line), edits)
    .filter((group) => group.length > 0)
    .map((group) => new Set(group.map((edit) => edit.ruleId)))
}

/**
 * Of two readings of a line, the one with more edits (`again` on a tie); a long line chooses piece by piece, as
 * its pieces on lines of their own would.
 */
function moreOf(line: string, again: Edit[], edits: Edit[]): Edit[] {
  if (line.length <= LONG_LINE) return again.length >= edits.length ? again : edits
  const pieces = piecesOf(line)
  const a = byPiece(pieces, again)
  const b = byPiece(pieces, edits)
  return pieces.flatMap((_, p) => (a[p]!.length >= b[p]!.length ? a[p]! : b[p]!))
}

function inPieces(rule: EncodingRule): EncodingRule {
  return (line, established, watch, info) => {
    if (line.length <= LONG_LINE) return rule(line, established, watch, info)
    const edits: Edit[] = []
    let stretches = 0
    for (const [start, end] of piecesOf(line)) {
      const piece = line.slice(start, end)
      if (!mayHoldMojibake(piece)) continue
      const part = { stretches: 0 }
      for (const edit of rule(piece, established, watch, part)) edits.push(start === 0 ? edit : { ...edit, start: edit.start + start, end: edit.end + start })
      stretches += part.stretches
    }
    if (info) info.stretches = stretches
    return edits
  }
}

/**
 * Zero-width characters and stray byte-order marks, which the unicode step deletes: they have no bytes in any
 * codec and would cut a stretch of mojibake in two (`ÖÐ\u200bÖÐ`), each piece too short to convince alone,
 * where the next run, without them, repairs the whole.
 */
const ZERO_WIDTH = /[\u200b-\u200f\u2060-\u2064\u206a-\u206f\ufeff]/u
const ZERO_WIDTH_ALL = new RegExp(ZERO_WIDTH.source, 'gu')

/**
 * `rule` reading a line as if its zero-width characters were not there: its edits are mapped back onto the
 * line, a stretch repaired across such characters taking them with it; those outside every stretch stay.
 */
function seeingThroughInvisibles(rule: EncodingRule): EncodingRule {
  return (line, established, watch, info) => {
    if (!ZERO_WIDTH.test(line)) return rule(line, established, watch, info)
    const text = line.replace(ZERO_WIDTH_ALL, '')
    // at[i]: where the unit i of `text` stands in `line`; at[text.length] is the line's length.
    const at: number[] = []
    for (let i = 0; i < line.length; i++) if (!ZERO_WIDTH.test(line.charAt(i))) at.push(i)
    at.push(line.length)
    return rule(text, established, watch, info).map((edit) => ({
      ...edit,
      start: at[edit.start]!,
      end: edit.end > edit.start ? at[edit.end - 1]! + 1 : at[edit.start]!,
    }))
  }
}

/**
 * The ranges of a line that repairs wrote, after `edits` (sorted, apart from each other and from `ranges`) are
 * applied to a line whose written ranges were `ranges`.
 */
function writtenRanges(ranges: readonly [number, number][], edits: readonly Edit[]): [number, number][] {
  const sorted = [...edits].sort((a, b) => a.start - b.start)
  const shift = (at: number) => {
    let delta = 0
    for (const e of sorted) if (e.end <= at) delta += e.replacement.length - (e.end - e.start)
    return at + delta
  }
  const out: [number, number][] = ranges.map(([a, b]) => [shift(a), shift(b)])
  let delta = 0
  for (const e of sorted) {
    const start = e.start + delta
    out.push([start, start + e.replacement.length])
    delta += e.replacement.length - (e.end - e.start)
  }
  return out
}

/** Lines with characters a misreading leaves: Latin-1 and windows-1252 symbols, C1 controls. */
const SUSPECT = /[\u0080-\u00ff\u0152-\u0192\u02c6-\u02dc\u2013-\u203a\u20ac\u2122]/u

function title(name: string): string {
  return codecTitle(name)
}

/** `encode windows-1252 → decode UTF-8`: one move of a plan. */
function move(reading: Reading): string {
  return `encode as ${title(reading.wrong)}, decode as ${title(reading.right)}`
}

function describe(reading: Reading): string {
  const right = title(reading.right)
  const wrong = reading.wrong === 'latin' ? 'windows-1252/Latin-1' : title(reading.wrong)
  return `${right} read as ${wrong}`
}

const C1 = /[\u0080-\u009f]/gu
const LOST = /(?:锟斤拷)+|\uFFFD+/gu
const lostNbspCache = new Map<string, RegExp>()

/** `à` with its no-break space lost, as a codec whose C3 is `lead` shows it. */
function lostNbsp(lead: string): RegExp {
  let re = lostNbspCache.get(lead)
  if (!re) {
    const l = lead.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
    re = new RegExp(`(?<=^|[\\s'’a-zà-ÿ])(?:${l}  |${l} s(?= )|${l} (?=qu(?:el[ae]|ilo)s?\\b)|${l}(?= [a-zà-ÿ]))`, 'gu')
    lostNbspCache.set(lead, re)
  }
  return re
}
let windows1252: string[] | undefined

/** A continuation byte (80–BF) as windows-1252 shows it, C1 controls included. */
const CONT = '[\\u0080-\\u00bf\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013\\u2014\\u2018-\\u201e\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122]'
/** A UTF-8 sequence read as windows-1252 with one continuation byte printed as `?`. */
const QUESTION_MARK_LOST = new RegExp(
  `[\\u00c2-\\u00df]\\?|[\\u00e0-\\u00ef](?:\\?${CONT}|${CONT}\\?)|[\\u00f0-\\u00f4](?:\\?${CONT}{2}|${CONT}\\?${CONT}|${CONT}{2}\\?)`,
  'gu',
)

/**
 * The rule of the step: the edits for one line. `watch` collects the readings whose being established would change
 * them; `info.stretches` is set to the number of repaired stretches.
 */
export type EncodingRule = (line: string, established: ReadonlySet<string> | undefined, watch?: Set<string>, info?: { stretches: number }) => Edit[]

export function encodingRule(readings: readonly Reading[]): EncodingRule {
  return (line, established, watch, info) => {
    const { stretches } = repairText(line, readings, established, watch)
    if (info) info.stretches = stretches.length
    const talk = TALKS_ABOUT_ENCODINGS.test(line)
    const edits = stretches.flatMap((stretch) => (talk && quoted(line, stretch.start, stretch.end) ? [asExample(toEdit(stretch))] : (lossyPieces(stretch) ?? [toEdit(stretch)])))
    // The checks below look only at what no repaired stretch covers.
    const untouched = (at: number, length: number): boolean => !stretches.some((s) => at < s.end && s.start < at + length)
    // C1 controls left over: windows-1252 bytes read as Latin-1 (`parlé\u0085` → `parlé…`).
    for (const match of line.matchAll(C1)) {
      const at = match.index
      if (!untouched(at, 1)) continue
      const code = match[0].charCodeAt(0)
      windows1252 ??= windowsTable('windows-1252')
      const shown = windows1252[code]!
      if (shown === match[0]) continue
      edits.push({
        start: at,
        end: at + 1,
        replacement: shown,
        ruleId: 'encoding/c1-control',
        reason: `Unexpected control character U+${code.toString(16).toUpperCase().padStart(4, '0')}, expected \`${shown}\` (windows-1252 read as Latin-1)`,
        confident: true,
        note: `plan: encode as Latin-1, decode as windows-1252`,
      })
    }
    // `à` is C3 A0 in UTF-8: read as windows-1252 it shows `Ã` and a no-break space, which editors and crawlers
    // turn into a plain space or drop. `Ã` before a lower-case word is that `à` (`jusqu'Ã nos` → `jusqu'à nos`).
    // `Ã` is C3 as windows-1252 shows it; a line repaired from another codec shows C3 its way (windows-1251: `Г`).
    const leads = new Map([['Ã', 'latin']])
    for (const s of stretches) {
      for (const r of s.chain) {
        if (r.right !== 'utf-8' || r.wrong === 'gbk' || r.wrong === 'big5') continue
        const lead = String.fromCodePoint(codec(r.wrong).decodeAt([0xc3], 0)!.code)
        if (!leads.has(lead)) leads.set(lead, r.wrong)
      }
    }
    for (const [lead, wrong] of leads) for (const match of line.includes(lead) ? line.matchAll(lostNbsp(lead)) : []) {
      const at = match.index
      if (!untouched(at, match[0].length)) continue
      // Portuguese glues `à` to what follows (`às`, `àquele`); French keeps it a word (`à nos`).
      const rest = match[0].slice(1)
      const replacement = rest === '  ' ? 'à ' : rest === ' s' ? 'às' : 'à'
      edits.push({
        start: at,
        end: at + match[0].length,
        replacement,
        ruleId: 'encoding/utf8-as-latin',
        reason: `Unexpected \`${match[0]}\`, expected \`${replacement}\` (UTF-8 read as ${title(wrong)}, the no-break space of \`à\` lost)`,
        confident: true,
        note: `plan: encode as ${title(wrong)} with the lost byte A0, decode as UTF-8`,
      })
    }
    // Decoders that print `?` for the bytes windows-1252 leaves undefined (81, 8D, 8F, 90, 9D) leave UTF-8
    // sequences with a `?` for a continuation byte (`â€?` was `”`, E2 80 9D). On a line where UTF-8 read as
    // windows-1252 is repaired elsewhere, such a sequence is one character lost: U+FFFD.
    if (stretches.some((s) => s.chain.some((r) => r.wrong === 'latin' && r.right === 'utf-8'))) {
      for (const match of line.matchAll(QUESTION_MARK_LOST)) {
        const at = match.index
        if (!untouched(at, match[0].length)) continue
        edits.push({
          start: at,
          end: at + match[0].length,
          replacement: '\uFFFD',
          ruleId: 'encoding/lost-bytes',
          reason: `Unexpected \`${match[0]}\`: UTF-8 read as windows-1252 with a byte printed as \`?\`, one character lost`,
          confident: true,
          note: 'plan: encode as windows-1252 with a lost byte for `?`, decode as UTF-8',
        })
      }
    }
    // A `?` right beside repaired GBK or Big5 text is most likely a character lost before the misreading (a
    // decoder or a save that printed `?` for it): it stays, with a warning at its place.
    for (const stretch of stretches) {
      if (stretch.chain.length !== 1 || !PAIRWISE.has(stretch.chain[0]!.right)) continue
      for (const at of [stretch.start - 1, stretch.end]) {
        if (line.charCodeAt(at) !== 0x3f || !untouched(at, 1) || edits.some((e) => e.start === at && e.ruleId === 'encoding/lost-bytes')) continue
        edits.push({
          start: at,
          end: at + 1,
          replacement: '?',
          ruleId: 'encoding/lost-bytes',
          reason: `Unexpected \`?\` beside ${describe(stretch.chain[0]!)}: perhaps a character lost before the misreading; its bytes are gone`,
          confident: false,
        })
      }
    }
    // Bytes lost before the text was stored cannot come back: mark them. `锟斤拷` is U+FFFD twice in UTF-8
    // (EF BF BD EF BF BD) read as GBK; it becomes the two U+FFFD it stands for. Other U+FFFD are reported.
    for (const match of line.matchAll(LOST)) {
      const at = match.index
      if (!untouched(at, match[0].length)) continue
      const kunjinkao = match[0].startsWith('锟')
      const count = kunjinkao ? (match[0].length / 3) * 2 : match[0].length
      // `锟斤拷` quoted in a sentence about encodings is the example of it, not damage.
      if (kunjinkao && talk && quoted(line, at, at + match[0].length)) continue
      edits.push({
        start: at,
        end: at + match[0].length,
        replacement: '\uFFFD'.repeat(count),
        ruleId: 'encoding/lost-bytes',
        reason: kunjinkao
          ? `Unexpected \`${match[0]}\`, expected \`${'\uFFFD'.repeat(count)}\` (U+FFFD in UTF-8 read as GBK: the characters were lost before)`
          : `Unexpected \`${match[0]}\`: ${count} character${count > 1 ? 's' : ''} lost before this text was stored`,
        confident: kunjinkao,
        note: kunjinkao ? 'plan: encode as GBK, decode as UTF-8' : undefined,
      })
    }
    return edits.sort((a, b) => a.start - b.start)
  }
}

/** Words of a sentence about encodings or mojibake, in which quoted mojibake is an example of it. */
const TALKS_ABOUT_ENCODINGS = /乱码|亂碼|编码|編碼|解码|解碼|字符集|字元集|字符編碼|mojibake|encoding|charset|UTF-8|GBK|GB2312|GB18030|Big5|Latin-1|ISO-8859|windows-1252/iu

const OPENING = /[“"'‘「『《〈(（\[【`]\s*$/u
const CLOSING = /^\s*[”"'’」』》〉)）\]】`]/u

/** Whether `line[start, end)` stands between quotation marks or brackets (an example, not the text itself). */
function quoted(line: string, start: number, end: number): boolean {
  return OPENING.test(line.slice(Math.max(0, start - 2), start)) && CLOSING.test(line.slice(end, end + 2))
}

/** A repair of quoted mojibake in a sentence about encodings: left as written, with a warning naming what it reads as. */
function asExample(edit: Edit): Edit {
  return { ...edit, confident: false, reason: `${edit.reason.replace(/\)$/u, '')}; quoted in a sentence about encodings, left as the example it is)` }
}

/** Misreadings between the two double-byte codecs, and of them as Latin-1: a lost character is a whole pair. */
const PAIRWISE = new Set(['gbk', 'big5'])

/**
 * A stretch of GBK or Big5 text misread, with characters lost in it (U+FFFD, or `?` beside misread characters):
 * the pieces between the losses decode cleanly and are repaired; each loss stays as it is, with a warning at its
 * place, since no byte says what it was. Undefined for any other stretch, or when the pieces do not line up.
 */
function lossyPieces(stretch: RepairedStretch): Edit[] | undefined {
  if (stretch.chain.length !== 1 || !PAIRWISE.has(stretch.chain[0]!.right)) return undefined
  const loss = /\uFFFD|(?<=[^\u0000-\u007f])\?|\?(?=[^\u0000-\u007f])/gu
  if (!loss.test(stretch.before)) return undefined
  const before = stretch.before.split(/(\uFFFD|(?<=[^\u0000-\u007f])\?|\?(?=[^\u0000-\u007f]))/u)
  const after = stretch.after.split(/(\uFFFD|(?<=[^\u0000-\u007f])\?|\?(?=[^\u0000-\u007f]))/u)
  const lossAfter = (stretch.after.match(/\uFFFD/gu) ?? []).length + (stretch.after.match(/\?/gu) ?? []).length
  const lossBefore = (stretch.before.match(/\uFFFD/gu) ?? []).length + (stretch.before.match(/\?/gu) ?? []).length
  const edits: Edit[] = []
  if (before.length !== after.length || lossAfter !== lossBefore) {
    // The losses moved: nothing of the stretch is certain.
    const edit = toEdit(stretch)
    return [{ ...edit, confident: false, reason: `${edit.reason.replace(/\)$/u, '')}; characters lost before the misreading, so the repair is not certain)` }]
  }
  const what = describe(stretch.chain[0]!)
  let at = stretch.start
  for (let k = 0; k < before.length; k++) {
    const b = before[k]!
    const a = after[k]!
    if (k % 2 === 1) {
      edits.push({
        start: at,
        end: at + b.length,
        replacement: b,
        ruleId: 'encoding/lost-bytes',
        reason: `Unexpected \`${b}\`: a character lost before this text was misread (${what}); its bytes are gone`,
        confident: false,
      })
    } else if (a !== b) {
      edits.push({
        start: at,
        end: at + b.length,
        replacement: a,
        ruleId: `encoding/${stretch.chain[0]!.rule}`,
        reason: `Unexpected \`${b}\`, expected \`${a}\` (${what}; beside a character lost before the misreading)`,
        confident: true,
        note: `plan: ${move(stretch.chain[0]!)}`,
      })
    }
    at += b.length
  }
  return edits
}

function toEdit(stretch: RepairedStretch): Edit {
  const layered = stretch.chain.length > 1
  const ruleId = layered ? 'encoding/layered' : `encoding/${stretch.chain[0]!.rule}`
  // The chain is in the order the misreadings happened: the plan undoes the last one first.
  const steps = [...stretch.chain].reverse()
  const what = layered ? steps.map(describe).join(', then ') : describe(stretch.chain[0]!)
  const lost =
    (stretch.questionMarks ? '; `?` read as a byte lost when the misread text was saved again' : '') +
    (stretch.lost > 0 ? `; ${stretch.lost} character${stretch.lost > 1 ? 's' : ''} lost before the misreading left as U+FFFD` : '') +
    (stretch.guessed > 0 ? `; ${stretch.guessed} lost character${stretch.guessed > 1 ? 's' : ''} guessed from the character before` : '')
  return {
    start: stretch.start,
    end: stretch.end,
    replacement: stretch.after,
    ruleId,
    reason: `Unexpected \`${stretch.before}\`, expected \`${stretch.after}\` (${what}${lost})`,
    confident: true,
    note: `plan: ${stretch.questionMarks ? 'read `?` as a lost byte; ' : ''}${steps.map(move).join('; ')}`,
    // The plan as data, where replaying it gives the repair (no byte was lost or guessed, and the readings are
    // codecs applyPlan knows: the UTF-8-where-valid reading of GBK is decided per character and has no codec).
    ...planOf(stretch, steps),
  }
}

function planOf(stretch: RepairedStretch, steps: RepairedStretch['chain']): { plan?: PlanStep[] } {
  if (stretch.lost !== 0 || stretch.guessed !== 0 || stretch.questionMarks) return {}
  const plan = steps.flatMap((r): PlanStep[] => [{ op: 'encode', codec: r.wrong }, { op: 'decode', codec: r.right }])
  // One misreading undone over text without U+FFFD: the repair was checked to round-trip (the stretch's bytes
  // under the wrong codec, each character's from its own table, read as the repair under the right one), which is
  // what replaying the plan does. The UTF-8-where-valid reading chooses its bytes per character and is replayed.
  if (steps.length === 1 && steps[0]!.wrong !== 'utf8-latin' && !stretch.before.includes('\uFFFD')) return { plan }
  try {
    return applyPlan(plan, stretch.before) === stretch.after ? { plan } : {}
  } catch {
    return {}
  }
}

export type { EncodingOptions } from './options.js'

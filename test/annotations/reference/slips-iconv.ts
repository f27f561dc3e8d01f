import iconv from 'iconv-lite'
import { charConverter } from '../../../src/convert/index.js'
import { CHARS_BY_FREQUENCY } from '../../../src/data/char-freq.js'
import { cjkWeights, pairKey } from '../../../src/decode/plausibility.js'
import type { LineRule } from '../../../src/tree/edit.js'
import type { Edit } from '../../../src/types.js'
import { readings, readsAs } from '../../../src/steps/annotations/readings.js'

/**
 * Byte slips of mirror sites, undone on GBK bytes (see shared/notes/mirror-damage.md for the mechanism).
 *
 * A mirror site inserts pinyin and rewrites punctuation by search-and-replace on GBK bytes. A match across two
 * characters (trail byte of one + lead byte of the next) splits a character: its lone byte shows as `?` (or
 * U+FFFD), and the bytes after it decode one byte out of step until an ASCII byte. The repair rebuilds the byte
 * sequence with the lost byte put back, drops the stray pinyin or undoes the punctuation pass, and decodes it again.
 */

const SYLLABLE_TONED = '[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*'
const SYLLABLE = `${SYLLABLE_TONED}|[a-zü]{1,6}`
const GLUED_PINYIN = new RegExp(`\\((?:${SYLLABLE_TONED}) ?\\)`, 'g')
const MARKS: Record<string, number[]> = {
  '!': [0xa3, 0xa1],
  ',': [0xa3, 0xac],
  ':': [0xa3, 0xba],
  ';': [0xa3, 0xbb],
  '?': [0xa3, 0xbf],
}

type Token =
  | { kind: 'bytes'; bytes: number[] }
  /** A lost byte: with a reading, the character it completes with the byte before it must read so. */
  | { kind: 'lost'; reading?: string }

interface Plan {
  start: number
  end: number
  tokens: Token[]
  rule: 'annotations/broken-insertion' | 'annotations/punctuation-slip'
  description: string[]
}

function gbk(text: string): number[] | undefined {
  const bytes = [...iconv.encode(text, 'gbk')]
  return iconv.decode(Buffer.from(bytes), 'gbk') === text ? bytes : undefined
}

/** Decodes bytes as GBK only if every byte belongs to a valid character and the decoding round-trips. */
function strictDecode(bytes: number[]): string | undefined {
  const buffer = Buffer.from(bytes)
  const text = iconv.decode(buffer, 'gbk')
  if (text.includes('\ufffd')) return undefined
  return Buffer.compare(iconv.encode(text, 'gbk'), buffer) === 0 ? text : undefined
}

/** GBK pairs by lead byte: `pairsAfter(lead)[trail - 0x80]` is what lead·trail decodes to (trails 80–FE). */
const pairRows = new Map<number, string[]>()
function pairsAfter(lead: number): string[] {
  let row = pairRows.get(lead)
  if (!row) {
    row = []
    for (let trail = 0x80; trail <= 0xfe; trail++) row.push(iconv.decode(Buffer.from([lead, trail]), 'gbk'))
    pairRows.set(lead, row)
  }
  return row
}

/** Finds the damaged spans of a line: a lone-byte mark after a Han character, then what decodes out of step. */
function plans(line: string): Plan[] {
  const found: Plan[] = []
  const anchor = /[?\ufffd]/g
  let match: RegExpExecArray | null
  let from = 0
  while ((match = anchor.exec(line))) {
    const i = match.index
    if (i < from || i === 0) continue
    // The character before the lost byte, maybe with its own glued pinyin (`學(xué)?!`): ASCII resyncs the
    // decoder, so the pinyin only separates the two and is dropped with the repair.
    const glued = new RegExp(`(${SYLLABLE_TONED})\\)$`).exec(line.slice(Math.max(0, i - 10), i))
    const gluedStart = glued ? i - glued[0].length - 1 : i
    // A space before the lost byte is the punctuation pass's own (`有關 ? ！鄙`: a space was put before 。 too).
    const spaced = !glued && line[i - 1] === ' ' && line[i - 2] !== ' ' ? 1 : 0
    const start = glued && line[gluedStart] === '(' ? gluedStart - 1 : i - 1 - spaced
    if (start < 0) continue
    const before = line[start]!
    const prefix = gbk(before)
    if (!prefix || prefix.length !== 2) continue
    const tokens: Token[] = [{ kind: 'bytes', bytes: prefix }]
    const description: string[] = glued ? [`glued \`${line.slice(start + 1, i)}\` dropped`] : spaced ? ['inserted space removed'] : []
    let rule: Plan['rule'] | undefined
    let j = i
    let expectOutOfStep = false
    while (j < line.length) {
      const rest = line.slice(j)
      const insertion = new RegExp(`^[?\\ufffd]\\(?(${SYLLABLE}) ?\\)`).exec(rest)
      if (insertion) {
        tokens.push({ kind: 'lost', reading: insertion[1]! })
        description.push(`lost byte completed by reading ${insertion[1]}, stray \`${insertion[0].slice(1)}\` dropped`)
        rule ??= 'annotations/broken-insertion'
        j += insertion[0].length
        expectOutOfStep = true
        continue
      }
      const slip = /^[?\ufffd]( ?)([!,:;?]|[！，：；？])/.exec(rest)
      if (slip && j === i) {
        const mark = slip[2]!
        const markBytes = MARKS[mark] ?? gbk(mark)
        if (!markBytes) break
        tokens.push({ kind: 'lost' }, { kind: 'bytes', bytes: markBytes })
        description.push(`${slip[1] ? 'inserted space removed, ' : ''}\`${mark}\` put back as GBK ${hex(markBytes)} spanning two characters`)
        rule = 'annotations/punctuation-slip'
        j += slip[0].length
        expectOutOfStep = true
        continue
      }
      const char = line[j]!
      if (char === '?' || char === '\ufffd') break
      const code = char.charCodeAt(0)
      if (code < 0x80) {
        // An ASCII character ends the run; it may itself be the trail byte of the last character (`包c` ← `“點`).
        tokens.push({ kind: 'bytes', bytes: [code] })
        j++
        break
      }
      const bytes = gbk(char)
      if (!bytes) break
      tokens.push({ kind: 'bytes', bytes })
      j++
    }
    if (!rule || !expectOutOfStep) continue
    found.push({ start, end: j, tokens, rule, description })
    from = j
    anchor.lastIndex = j
  }
  return found
}

function hex(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')
}

/**
 * Document statistics that score candidate repairs: how often a character and a pair of characters occur. Keys
 * are numbers (code points; pairs by plausibility's `pairKey`), which count a long document several times faster
 * than strings.
 */
export interface DocumentStats {
  chars: Map<number, number>
  pairs: Map<number, number>
}

export function documentStats(lines: readonly string[]): DocumentStats {
  const chars = new Map<number, number>()
  const pairs = new Map<number, number>()
  for (const raw of lines) {
    // Counted without glued pinyin, so that 學(xué)校 counts as the pair 學校.
    const line = raw.includes('(') ? raw.replace(GLUED_PINYIN, '') : raw
    let previous = -1
    for (let i = 0; i < line.length; i++) {
      let code = line.charCodeAt(i)
      if (code >= 0xd800 && code < 0xdc00 && i + 1 < line.length) (code = line.codePointAt(i)!), i++
      chars.set(code, (chars.get(code) ?? 0) + 1)
      if (previous >= 0) {
        const key = pairKey(previous, code)
        pairs.set(key, (pairs.get(key) ?? 0) + 1)
      }
      previous = code
    }
  }
  return { chars, pairs }
}

let globalRank: Map<string, number> | undefined

/** 0..1: how common a character is in real prose (manpages-zh counts), for pages too short to vote. */
function commonness(char: string): number {
  globalRank ??= new Map([...CHARS_BY_FREQUENCY].map((c, k) => [c, k]))
  const rank = globalRank.get(charConverter('t2s')(char))
  return rank === undefined ? 0 : 1 - rank / globalRank.size
}

/** How much real prose counts against the page's own statistics (log-count units per character). */
const COMMONNESS_WEIGHT = 3

/** Characters a repair may produce: Han characters and Chinese marks, never pinyin letters or symbols. */
const PLAUSIBLE = /^[\u3400-\u9fff\u3001-\u3003\u300a-\u3011\u2014\u2026\u2018\u2019\u201c\u201d\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\x20-\x7e]*$/u

function score(text: string, stats: DocumentStats): number {
  let total = 0
  const chars = [...text]
  for (let k = 0; k < chars.length; k++) {
    const code = chars[k]!.codePointAt(0)!
    total += Math.log1p(stats.chars.get(code) ?? 0) + COMMONNESS_WEIGHT * commonness(chars[k]!)
    if (k > 0) total += 2 * Math.log1p(stats.pairs.get(pairKey(chars[k - 1]!.codePointAt(0)!, code)) ?? 0)
  }
  return total
}

interface Candidate {
  text: string
  bytes: number[]
  lost: number[]
  score: number
}

/** A reading that matches with its tone counts for more than one that matches without. */
const EXACT_TONE = 2

/** Every way to fill the lost bytes that decodes cleanly and honours the readings; at most a few thousand. */
function candidates(plan: Plan, getStats: () => DocumentStats): Candidate[] {
  // Partial fillings hold only the lost bytes chosen so far; the bytes of the run are put together at the end
  // (copying them at every token made long runs quadratic).
  let partial: { lost: number[]; bonus: number }[] = [{ lost: [], bonus: 0 }]
  let lastFixed: number | undefined
  let previousWasLost = false
  for (const token of plan.tokens) {
    if (token.kind === 'bytes') {
      lastFixed = token.bytes[token.bytes.length - 1]
      previousWasLost = false
      continue
    }
    const next: typeof partial = []
    for (const p of partial) {
      const previous = previousWasLost ? p.lost[p.lost.length - 1]! : lastFixed!
      // A lost byte is never ASCII: an ASCII byte decodes on its own and cannot be lost.
      for (let byte = 0x80; byte <= 0xfe; byte++) {
        let bonus = p.bonus
        if (token.reading !== undefined) {
          const pair = pairsAfter(previous)[byte - 0x80]!
          if (pair.length !== 1 || pair === '\ufffd' || !readsAs(pair, token.reading)) continue
          if (readings(pair).includes(token.reading)) bonus += EXACT_TONE
        } else if (byte < 0x81) continue
        next.push({ lost: [...p.lost, byte], bonus })
      }
    }
    partial = next.slice(0, 5000)
    previousWasLost = true
  }
  const out: Candidate[] = []
  for (const q of partial) {
    const p = { ...q, bytes: fill(plan.tokens, q.lost) }
    // The run may end with an ASCII byte that was a trail byte, or with a real ASCII character: try both.
    const last = p.bytes[p.bytes.length - 1]!
    const variants = last < 0x80 ? [p.bytes, p.bytes.slice(0, -1)] : [p.bytes]
    for (const bytes of variants) {
      const decoded = strictDecode(bytes)
      if (decoded === undefined || !PLAUSIBLE.test(decoded)) continue
      const tail = bytes.length < p.bytes.length ? String.fromCharCode(last) : ''
      out.push({ text: decoded + tail, bytes, lost: p.lost, score: score(decoded, getStats()) + p.bonus })
    }
  }
  return out
}

/** Runs of more characters than this are checked for reading like prose before their repairs are scored. */
const LONG_RUN = 16

/** The bytes of a run with its lost bytes filled in. */
function fill(tokens: readonly Token[], lost: readonly number[]): number[] {
  const bytes: number[] = []
  let k = 0
  for (const token of tokens) {
    if (token.kind === 'bytes') for (const b of token.bytes) bytes.push(b)
    else bytes.push(lost[k++]!)
  }
  return bytes
}

/** Confidence margin: the best repair must beat the runner-up by this much (in log-count units). */
const MARGIN = 1.5

/**
 * What may follow the mark of a lost byte in a slip: the glued pinyin of a broken insertion (`?(`, `?yin)`) or
 * the space and mark of a punctuation slip (`? ！`, `?,`).
 */
const AFTER_LOST = new Uint8Array(0x10000)
for (const ch of '(abcdefghijklmnopqrstuvwxyzüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ !,:;?！，：；？') AFTER_LOST[ch.charCodeAt(0)] = 1

/**
 * Whether a line holds the start of a slip: `?` or U+FFFD after a character that can end a GBK character (or the
 * `)` of glued pinyin, or a space) and before what a slip leaves. Most lines with a `?` are questions.
 */
export function maySlip(line: string): boolean {
  return marksSlip(line, '?') || marksSlip(line, '\ufffd')
}

function marksSlip(line: string, mark: string): boolean {
  for (let i = line.indexOf(mark, 1); i > 0 && i < line.length - 1; i = line.indexOf(mark, i + 1)) {
    const before = line.charCodeAt(i - 1)
    if ((before >= 0x80 || before === 0x29 || before === 0x20) && AFTER_LOST[line.charCodeAt(i + 1)] === 1) return true
  }
  return false
}

export function slipRule(getStats: () => DocumentStats): LineRule {
  return (line) => {
    if (!maySlip(line)) return []
    const edits: Edit[] = []
    for (const plan of plans(line)) {
      const actual = line.slice(plan.start, plan.end)
      // After a punctuation slip the text reads out of step, made of rare characters, until the next ASCII byte.
      // A long run that reads like prose after the mark is no slip: `隤??、` holds question marks that stand for
      // rare characters, as classical texts do. (Checking first also spares scoring a hundred readings of a
      // whole paragraph.) Broken insertions can come back in step (two lost bytes), so they are not checked.
      const chars = [...actual]
      if (plan.rule === 'annotations/punctuation-slip' && chars.length > LONG_RUN && cjkWeights(chars.slice(3, 3 + LONG_RUN).join('')).meanCjk >= 0.8) continue
      const found = candidates(plan, getStats)
      const unrepaired = (why: string): void => {
        // A `?` before a mark can be real (`谁?!`); a stray `py)` or U+FFFD cannot: only those are marked.
        if (plan.rule === 'annotations/punctuation-slip' && !actual.includes('\ufffd')) return
        edits.push({
          start: plan.start,
          end: plan.end,
          replacement: actual,
          ruleId: 'annotations/unrepaired-slip',
          reason: `Unexpected \`${actual}\` (a byte slip of a mirror site), left as it is: ${why}`,
          confident: false,
          note: plan.description.join('; '),
        })
      }
      if (found.length === 0) {
        unrepaired('no way to fill the lost bytes decodes cleanly')
        continue
      }
      found.sort((a, b) => b.score - a.score)
      const best = found[0]!
      // The runner-up is the best candidate with a different text: two byte plans can give the same text.
      const second = found.find((candidate) => candidate.text !== best.text)
      const unique = !second
      const confident = unique || best.score - second.score >= MARGIN
      if (best.text === actual) continue
      // Real text can hold `?!` too: a repair must read better, character for character, than what is there.
      const original = actual.replace(GLUED_PINYIN, '').replace(/[?\ufffd ]|[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+ ?\)/g, '')
      if (best.score / [...best.text].length <= score(original, getStats()) / Math.max(1, [...original].length)) {
        unrepaired(`the best repair \`${best.text}\` reads no better than the damaged text`)
        continue
      }
      const note = `${plan.description.join('; ')}; lost byte${best.lost.length > 1 ? 's' : ''} ${hex(best.lost)}; re-decoded ${best.bytes.length} bytes as GBK: ${hex(best.bytes)}${confident ? '' : `; runner-up \`${second!.text}\` scores ${second!.score.toFixed(1)} against ${best.score.toFixed(1)}`}`
      edits.push({
        start: plan.start,
        end: plan.end,
        replacement: best.text,
        ruleId: plan.rule,
        reason: `Unexpected \`${actual}\` (${plan.rule === 'annotations/punctuation-slip' ? 'a punctuation pass split a GBK character' : 'pinyin inserted inside a GBK character'}), expected \`${best.text}\`${confident ? '' : ' (candidates score close: left as it is)'}`,
        confident,
        note,
      })
    }
    return edits
  }
}

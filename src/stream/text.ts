import { decodeBytes } from '../decode/index.js'
import { windowsTable } from '../decode/codecs.js'
import { isSolidSentence } from '../tree/sentences.js'
import type { TidyMessage } from '../types.js'
import { ByteQueue, equalBytes, utf8Encoder } from './bytes.js'
import type { Item } from './pump.js'
import type { DocumentReport, Sink, StreamContext, TaskResult } from './types.js'

/**
 * Plain text up to this size is one document, cleaned whole exactly as tidy() would: the document-level steps
 * (the boilerplate tail, the script majority, the annotation statistics) see all of it.
 */
export const WHOLE_BYTES = 1 << 20

/**
 * Larger text is cleaned in windows of about this size. A window's cleaning holds about 200 bytes of transient
 * memory per byte of text: with 1 MiB windows a 1 GB text file peaked at 321 MB (`--jobs 1`), with 256 KiB at 295 MB.
 */
export const WINDOW_BYTES = 256 << 10

/**
 * A line longer than this is cut (after its last full stop, `。！？`, in UTF-8; else wherever a character ends), so
 * that one line cannot take all the memory: a 20 MB line of prose peaked at 682 MB with 16 MiB pieces.
 */
export const LONGEST_LINE = 2 << 20

export interface TextOptions {
  /** Text longer than this is cleaned in windows of about this size, and text up to it whole (default: whole up to 1 MiB, windows of 256 KiB). */
  windowBytes?: number
  /**
   * The encoding the command line was told to read (`--encoding`): the bytes arriving here are already its UTF-8
   * transcoding, so nothing is detected; reports name this encoding.
   */
  forcedEncoding?: string
}

/**
 * The items of a plain-text document. Small input: one task with the raw bytes. Large input: the encoding is
 * detected on the first window, the bytes are cut on line breaks (a character boundary in every encoding zhtidy
 * reads, so each piece decodes on its own and no decoder state spans pieces, UTF-16 code units included), and the
 * text is cut into windows on paragraph boundaries between two sentences.
 */
export async function* textItems(queue: ByteQueue, ctx: StreamContext, sink: Sink, options: TextOptions = {}): AsyncGenerator<Item> {
  const window = options.windowBytes ?? WINDOW_BYTES
  const whole = options.windowBytes ?? WHOLE_BYTES
  await queue.fill(whole + 1)
  const forced = options.forcedEncoding
  if (queue.ended && queue.length <= whole) {
    const bytes = queue.take(queue.length)
    yield {
      task: forced ? { kind: 'text', text: new TextDecoder().decode(bytes) } : { kind: 'bytes', bytes },
      size: bytes.length,
      emit: async (result) => {
        const out = utf8Encoder.encode(result!.text)
        const changed = !equalBytes(out, bytes) || (forced !== undefined && !isUtf8(forced))
        ctx.report({ path: ctx.display, encoding: forced ?? result!.encoding, changed, stats: result!.stats, messages: result!.messages })
        await sink.write(out)
      },
    }
    return
  }
  yield* windowItems(queue, ctx, sink, window, forced)
}

function isUtf8(encoding: string): boolean {
  return encoding === 'utf-8' || encoding === 'utf8'
}

async function* windowItems(queue: ByteQueue, ctx: StreamContext, sink: Sink, window: number, forced: string | undefined): AsyncGenerator<Item> {
  const head = queue.peek()
  const detected = forced ? { encoding: 'utf-8', bom: false } : decodeBytes(head.subarray(0, probeCut(head)))
  const encoding = detected.encoding
  const report: DocumentReport = { path: ctx.display, encoding: forced ?? encoding, changed: isUtf8(forced ?? encoding) === false || detected.bom, stats: {}, messages: [] }
  let first = true
  let carry = ''
  let decodedBreaks = 0 // line breaks in all text decoded so far: the line base of the next piece
  let lineBase = 0
  let offsetBase = 0
  for (;;) {
    await queue.fill(window)
    if (queue.length === 0 && carry === '') break
    let cut = queue.ended ? queue.length : lineEnd(queue.peek(), encoding)
    while (cut === 0 && !queue.ended && queue.length < LONGEST_LINE) {
      await queue.more()
      cut = queue.ended ? queue.length : lineEnd(queue.peek(), encoding)
    }
    if (cut === 0) cut = queue.ended ? queue.length : characterEnd(queue.peek(), encoding)
    const pieceStart = queue.consumed
    const piece = decodePiece(queue.take(cut), encoding, first && detected.bom)
    first = false
    if (piece.encoding !== encoding) report.encoding = 'mixed'
    if (ctx.keepMessages !== false) for (const bad of piece.invalid) report.messages.push(invalidBytes(pieceStart + bad.offset, bad.length, piece.encoding, decodedBreaks + bad.line))
    decodedBreaks += countBreaks(piece.text)
    const text = carry + piece.text
    const last = queue.ended && queue.length === 0
    const at = last ? text.length : windowCut(text)
    const windowText = text.slice(0, at)
    carry = text.slice(at)
    const base = { line: lineBase, offset: offsetBase }
    lineBase += countBreaks(windowText)
    offsetBase += windowText.length
    yield {
      task: { kind: 'text', text: windowText },
      size: cut,
      emit: async (result) => {
        merge(report, result!, base, windowText, ctx.keepMessages !== false)
        await sink.write(utf8Encoder.encode(result!.text))
      },
    }
    if (last) break
  }
  yield {
    size: 0,
    emit: async () => ctx.report(report),
  }
}

function merge(report: DocumentReport, result: TaskResult, base: { line: number; offset: number }, input: string, keepMessages: boolean): void {
  if (result.text !== input) report.changed = true
  for (const [rule, n] of Object.entries(result.stats)) report.stats[rule] = (report.stats[rule] ?? 0) + n
  if (keepMessages) for (const m of result.messages) report.messages.push(shift(m, base))
}

/** A window's messages count lines and offsets from the window's start; the report counts them from the input's. */
function shift(m: TidyMessage, base: { line: number; offset: number }): TidyMessage {
  return { ...m, line: m.line === undefined ? undefined : m.line + base.line, offset: m.offset === undefined ? undefined : m.offset + base.offset }
}

function invalidBytes(offset: number, length: number, encoding: string, line: number): TidyMessage {
  return {
    ruleId: 'decode/invalid-bytes',
    source: 'zhtidy',
    reason: `Undecodable bytes at byte offset ${offset} (${length} bytes) in ${encoding}, replaced by U+FFFD`,
    severity: 'warning',
    line: line + 1,
    column: 1,
    offset: undefined,
    actual: undefined,
    expected: undefined,
    note: `byte offset ${offset}`,
  }
}

/** Line breaks as the parser counts them: CRLF, LF and a lone CR are one each. */
export function countBreaks(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) n++
    else if (c === 13) {
      n++
      if (text.charCodeAt(i + 1) === 10) i++
    }
  }
  return n
}

/** Where the detection sample ends: after the last line feed, with the zero byte of a UTF-16LE line feed. */
function probeCut(bytes: Uint8Array): number {
  const lf = bytes.lastIndexOf(0x0a)
  if (lf < 0) return bytes.length
  let cut = lf + 1
  while (cut < bytes.length && cut % 4 !== 0 && bytes[cut] === 0) cut++
  return cut % 2 === 0 || cut === bytes.length ? cut : lf + 1
}

/** The end of the last whole line in `bytes` (0 when there is none), for the encoding's own line feed. */
export function lineEnd(bytes: Uint8Array, encoding: string): number {
  const unit = encoding.startsWith('utf-32') ? 4 : encoding.startsWith('utf-16') ? 2 : 1
  const big = encoding.endsWith('be')
  for (let i = bytes.lastIndexOf(0x0a); i >= 0; i = i === 0 ? -1 : bytes.lastIndexOf(0x0a, i - 1)) {
    if (unit === 1) return i + 1
    const start = big ? i - (unit - 1) : i
    if (start < 0 || start % unit !== 0 || start + unit > bytes.length) continue
    let zeros = true
    for (let k = 0; k < unit; k++) if (start + k !== i && bytes[start + k] !== 0) zeros = false
    if (zeros) return start + unit
  }
  return 0
}

/** The end of the last `。`, `！` or `？` in UTF-8 `bytes` (E3 80 82, EF BC 81, EF BC 9F), or 0. */
export function sentenceEnd(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 2; i--) {
    const b = bytes[i]!
    if (b === 0x82 ? bytes[i - 1] === 0x80 && bytes[i - 2] === 0xe3 : (b === 0x81 || b === 0x9f) && bytes[i - 1] === 0xbc && bytes[i - 2] === 0xef) return i + 1
  }
  return 0
}

/**
 * A cut inside an overlong line that still ends on a whole character (UTF-8, UTF-16, UTF-32), after a full stop
 * where UTF-8 has one in the second half; other encodings keep the line whole.
 */
export function characterEnd(bytes: Uint8Array, encoding: string): number {
  if (encoding === 'utf-8') {
    const stop = sentenceEnd(bytes.subarray(bytes.length >> 1))
    if (stop > 0) return (bytes.length >> 1) + stop
    let i = bytes.length
    while (i > 0 && (bytes[i - 1]! & 0xc0) === 0x80) i--
    // i is after a lead or ASCII byte; step back over the lead so its sequence stays whole.
    return i > 0 && bytes[i - 1]! >= 0xc0 ? i - 1 : i
  }
  if (encoding.startsWith('utf-32')) return bytes.length - (bytes.length % 4)
  if (encoding.startsWith('utf-16')) {
    let i = bytes.length - (bytes.length % 2)
    const high = (at: number) => (encoding === 'utf-16le' ? bytes[at + 1]! : bytes[at]!)
    if (i >= 2 && high(i - 2) >= 0xd8 && high(i - 2) <= 0xdb) i -= 2
    return i
  }
  return bytes.length
}

interface Piece {
  text: string
  encoding: string
  /** Offsets in the piece's bytes; `line` counts the line breaks before it in the piece's text. */
  invalid: { offset: number; length: number; line: number }[]
}

const strictDecoders = new Map<string, InstanceType<typeof TextDecoder>>()
let table1252: string[] | undefined

/** One piece of a large text: the document's encoding when it reads cleanly, else the decoder's own judgement. */
function decodePiece(bytes: Uint8Array, encoding: string, bom: boolean): Piece {
  if (bom) bytes = bytes.subarray(encoding === 'utf-8' ? 3 : encoding.startsWith('utf-32') ? 4 : 2)
  if (encoding === 'windows-1252') {
    table1252 ??= windowsTable('windows-1252')
    let text = ''
    for (let i = 0; i < bytes.length; i++) text += table1252[bytes[i]!]!
    return { text, encoding, invalid: [] }
  }
  if (encoding.startsWith('utf-32')) return decodeUtf32(bytes, encoding === 'utf-32le')
  if (encoding !== 'mixed') {
    let d = strictDecoders.get(encoding)
    if (!d) {
      d = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })
      strictDecoders.set(encoding, d)
    }
    try {
      return { text: d.decode(bytes), encoding, invalid: [] }
    } catch {}
  }
  const decoded = decodeBytes(bytes)
  return { text: decoded.text, encoding: decoded.encoding, invalid: decoded.invalid.map((bad) => ({ ...bad, line: breaksBefore(bytes, bad.offset) })) }
}

function breaksBefore(bytes: Uint8Array, offset: number): number {
  let n = 0
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) n++
  return n
}

function decodeUtf32(bytes: Uint8Array, little: boolean): Piece {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const invalid: Piece['invalid'] = []
  let text = ''
  let line = 0
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const code = view.getUint32(i, little)
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      invalid.push({ offset: i, length: 4, line })
      text += '\ufffd'
    } else {
      if (code === 10) line++
      text += String.fromCodePoint(code)
    }
  }
  return { text, encoding: little ? 'utf-32le' : 'utf-32be', invalid }
}

// The boilerplate step treats lines after a document's last sentence as its tail, and bulleted lines before its first
// as a link list. A window that starts and ends on a sentence has neither, so cutting there changes nothing.
const isSentence = isSolidSentence

/**
 * Where to end a window of `text` (which ends on a line break): the last paragraph break (blank line) between two
 * sentences in its second half; failing that a line break between two sentences; then any blank line; then the
 * last line break. Everything after the cut waits for the next window.
 */
export function windowCut(text: string): number {
  const floor = text.length >> 1
  let sentenceBreak = -1
  let blank = -1
  let lastBreak = -1
  // Walk the lines backwards: `end` is the index just after a line's break, `next` the line that follows it.
  let nextStart = text.length
  let nextLine: string | undefined
  let blanksAfter = false
  let i = text.length
  while (i > floor) {
    let start = text.lastIndexOf('\n', i - 2) + 1
    if (start < 0) start = 0
    const line = text.slice(start, i).replace(/\r?\n$/, '')
    if (line.trim() === '') {
      if (nextLine !== undefined) blanksAfter = true
    } else {
      if (nextLine !== undefined) {
        const boundary = nextStart
        if (lastBreak < 0) lastBreak = boundary
        if (isSentence(line) && isSentence(nextLine)) {
          if (blanksAfter) return boundary
          if (sentenceBreak < 0) sentenceBreak = boundary
        } else if (blanksAfter && blank < 0) blank = boundary
      }
      nextLine = line
      nextStart = start
      blanksAfter = false
    }
    if (start === 0) break
    i = start
  }
  if (sentenceBreak > 0) return sentenceBreak
  if (blank > 0) return blank
  if (lastBreak > 0) return lastBreak
  return text.length
}

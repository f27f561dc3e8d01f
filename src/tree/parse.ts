import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { decodeBytes } from '../decode/index.js'
import type { LineNode, Root } from '../types.js'
import { messageWithoutStack } from './edit.js'

/**
 * Text to a root of line nodes. Each node keeps its line break and its place in the input,
 * so that the compiler gives the input back byte for byte when no step changed anything.
 */
export function parseText(text: string): Root {
  const children: LineNode[] = []
  const length = text.length
  // `indexOf` finds a line feed far faster than a regular expression; carriage returns are looked for only in a
  // text that has one, and the next is kept until the lines pass it (a lone one near the end is not looked for
  // again from every line).
  let cr = text.indexOf('\r')
  let lf = -2
  let start = 0
  let line = 1
  for (;;) {
    // The same for line feeds: in a file of carriage returns, the one line feed there is is found once.
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start)
    let end = lf
    let eol = '\n'
    if (cr !== -1) {
      if (cr < start) cr = text.indexOf('\r', start)
      if (cr !== -1 && (end === -1 || cr < end)) {
        end = cr
        eol = text.charCodeAt(cr + 1) === 0x0a ? '\r\n' : '\r'
      }
    }
    if (end === -1) {
      if (start === length && children.length > 0) break
      end = length
      eol = ''
    }
    children.push({
      type: 'line',
      value: text.slice(start, end),
      eol,
      position: {
        start: { line, column: 1, offset: start },
        end: { line, column: end - start + 1, offset: end },
      },
    })
    if (eol === '') break
    start = end + eol.length
    line++
  }
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: { line, column: 1, offset: length } } }
}

/**
 * The unified parser: takes the file's value as it is, string or bytes.
 * Bytes are decoded here, and the decoded text becomes the file's value so that places refer to it.
 */
export const zhtidyParse: Plugin<[], string, Root> = function () {
  this.parser = (document: string, file: VFile): Root => parseFile(file, document)
}

/**
 * The parser's work on a file whose value is the input (a string, or bytes to decode): what `processor.parse` does,
 * called directly by tidy(). `document` is the value as unified hands it to a parser (bytes decoded as UTF-8); for
 * bytes it is not read.
 */
export function parseFile(file: VFile, document: string = typeof file.value === 'string' ? file.value : ''): Root {
  let text = document
  let encoding = 'utf-8'
  let confidence = 1
  if (file.value instanceof Uint8Array) {
    const bytes = file.value
    const decoded = decodeBytes(bytes)
    text = decoded.text
    encoding = decoded.encoding
    confidence = decoded.confidence
    file.value = text
    let line = 1
    let counted = 0
    const isLineFeed = lineFeedAt(encoding)
    for (const bad of decoded.invalid) {
      // The line of a byte offset: the line feeds before it, as code units of the encoding (in UTF-16 `上` is
      // 0A 4E, no line feed).
      for (; counted < bad.offset && counted < bytes.length; counted++) if (isLineFeed(bytes, counted)) line++
      const message = messageWithoutStack(file, `Undecodable bytes at byte offset ${bad.offset} (${bad.length} bytes) in ${encoding}, replaced by U+FFFD`, {
        ruleId: 'decode/invalid-bytes',
        source: 'zhtidy',
        place: { line, column: 1 },
      })
      message.note = `byte offset ${bad.offset}`
    }
  }
  if (!(text as unknown as WellFormed).isWellFormed()) text = replaceLoneSurrogates(text, file)
  const root = parseText(text)
  root.data = { encoding, confidence }
  return root
}

/** Whether the code unit starting at byte `i` is a line feed, in an encoding's unit size and byte order. */
function lineFeedAt(encoding: string): (bytes: Uint8Array, i: number) => boolean {
  const unit = encoding.startsWith('utf-32') ? 4 : encoding.startsWith('utf-16') ? 2 : 1
  const littleEndian = encoding.endsWith('le')
  if (unit === 1) return (bytes, i) => bytes[i] === 0x0a
  return (bytes, i) => {
    if (i % unit !== 0 || i + unit > bytes.length) return false
    for (let k = 0; k < unit; k++) if (bytes[i + k] !== ((littleEndian ? k === 0 : k === unit - 1) ? 0x0a : 0)) return false
    return true
  }
}

/** ES2024's string methods, which Node 20 has and the ES2023 library types lack. */
interface WellFormed {
  isWellFormed(): boolean
  toWellFormed(): string
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
/** Warnings per document before they are summed up in one. */
const LONE_SURROGATE_MESSAGES = 100

/**
 * A lone surrogate (half of a UTF-16 pair, from a broken decoder or a cut string) cannot be written as UTF-8:
 * each becomes U+FFFD here, before any step runs, with a warning at its place. The text keeps its length, so every
 * later place still refers to the input.
 */
function replaceLoneSurrogates(text: string, file: VFile): string {
  let line = 1
  let lineStart = 0
  let scanned = 0
  let count = 0
  for (const match of text.matchAll(LONE_SURROGATE)) {
    count++
    if (count > LONE_SURROGATE_MESSAGES) continue
    for (; scanned < match.index; scanned++) {
      const code = text.charCodeAt(scanned)
      if (code === 0x0a || (code === 0x0d && text.charCodeAt(scanned + 1) !== 0x0a)) {
        line++
        lineStart = scanned + 1
      }
    }
    const code = match[0].charCodeAt(0).toString(16).toUpperCase()
    const column = match.index - lineStart + 1
    const message = messageWithoutStack(file, `Unexpected lone surrogate U+${code}, expected U+FFFD (a lone surrogate cannot be written as UTF-8)`, {
      ruleId: 'decode/lone-surrogate',
      source: 'zhtidy',
      place: { start: { line, column, offset: match.index }, end: { line, column: column + 1, offset: match.index + 1 } },
    })
    message.actual = match[0]
    message.expected = ['\ufffd']
  }
  if (count > LONE_SURROGATE_MESSAGES) {
    messageWithoutStack(file, `${count - LONE_SURROGATE_MESSAGES} more lone surrogates replaced by U+FFFD`, { ruleId: 'decode/lone-surrogate', source: 'zhtidy' })
  }
  return (text as unknown as WellFormed).toWellFormed()
}

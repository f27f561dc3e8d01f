import { ZhtidyError } from '../errors.js'
import { concat, equalBytes, utf8Encoder, type ByteQueue } from './bytes.js'
import type { Item } from './pump.js'
import type { Sink, StreamContext } from './types.js'

/** The longest WARC or HTTP header block read before the input is called malformed. */
const LONGEST_HEADER = 1 << 20

const latin1 = new TextDecoder('latin1')

/** Whether the first bytes of an input open a WARC record (WARC and WET files alike). */
export function looksWarc(head: Uint8Array): boolean {
  return latin1.decode(head.subarray(0, 8)).startsWith('WARC/1.')
}

/**
 * The items of a WARC or WET input: each record is a document. The record's header block is kept byte for byte,
 * except `Content-Length`, which is rewritten to the cleaned block's length; the bytes between records (CRLF CRLF)
 * pass through. Only `conversion` and `response` records with text are cleaned; `warcinfo`, `request`, `metadata`
 * and the rest pass through untouched.
 */
export async function* warcItems(queue: ByteQueue, ctx: StreamContext, sink: Sink): AsyncGenerator<Item> {
  let line = 1
  for (;;) {
    // The blank lines that end the previous record.
    await queue.fill(1)
    let gap = 0
    for (;;) {
      const held = queue.peek()
      while (gap < held.length && (held[gap] === 0x0d || held[gap] === 0x0a)) gap++
      if (gap < held.length || !(await queue.more())) break
    }
    if (gap > 0) {
      const between = queue.take(gap)
      line += countLf(between)
      yield { size: gap, emit: () => sink.write(between) }
    }
    if (queue.length === 0 && !(await queue.more())) return
    const header = await readHeaderBlock(queue, `${ctx.display}:${line}`)
    const headerText = latin1.decode(header)
    if (!headerText.startsWith('WARC/')) throw new ZhtidyError('invalid-record', `${ctx.display}:${line}: expected a WARC record header (WARC/1.x), found ${JSON.stringify(headerText.slice(0, 20))}`)
    const length = contentLength(headerText)
    if (length === undefined) throw new ZhtidyError('invalid-record', `${ctx.display}:${line}: WARC record without a valid Content-Length`)
    await queue.fill(length)
    if (queue.length < length) throw new ZhtidyError('invalid-record', `${ctx.display}:${line}: WARC record cut short (Content-Length ${length}, ${queue.length} bytes left)`)
    const block = queue.take(length)
    const recordLine = line
    line += countLf(header) + countLf(block)
    const type = headerValue(headerText, 'WARC-Type')?.toLowerCase()
    const payload = type === 'conversion' ? conversionPayload(headerText) : type === 'response' ? responsePayload(block) : undefined
    if (payload === undefined) {
      yield { size: header.length + block.length, emit: () => sink.write(concat([header, block])) }
      continue
    }
    const prefix = block.subarray(0, payload)
    const body = block.subarray(payload)
    yield {
      task: { kind: 'bytes', bytes: body },
      size: header.length + block.length,
      emit: async (result) => {
        const cleaned = utf8Encoder.encode(result!.text)
        const changed = !equalBytes(cleaned, body)
        ctx.report({ path: ctx.display, record: recordLine, encoding: result!.encoding, changed, stats: result!.stats, messages: result!.messages })
        if (!changed) return sink.write(concat([header, block]))
        const httpHeader = prefix.length > 0 ? withContentLength(prefix, cleaned.length) : prefix
        await sink.write(concat([withContentLength(header, httpHeader.length + cleaned.length), httpHeader, cleaned]))
      },
    }
  }
}

async function readHeaderBlock(queue: ByteQueue, where: string): Promise<Uint8Array> {
  for (;;) {
    const end = headerEnd(queue.peek())
    if (end > 0) return queue.take(end)
    if (queue.length > LONGEST_HEADER) throw new ZhtidyError('invalid-record', `${where}: WARC header longer than ${LONGEST_HEADER} bytes`)
    if (!(await queue.more())) throw new ZhtidyError('invalid-record', `${where}: WARC header not ended by a blank line`)
  }
}

/** The index after the blank line that ends a header block (CRLF CRLF, or LF LF from tools that drop the CR); 0 if none yet. */
function headerEnd(bytes: Uint8Array): number {
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
    if (bytes[i + 1] === 0x0a) return i + 2
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3
  }
  return 0
}

function headerValue(header: string, name: string): string | undefined {
  const match = new RegExp(`^${name}[ \\t]*:[ \\t]*(.*?)\\r?$`, 'im').exec(header)
  return match?.[1]?.trim()
}

function contentLength(header: string): number | undefined {
  const value = headerValue(header, 'Content-Length')
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined
}

/** A conversion record's block is the text itself, unless its Content-Type says it is not text. */
function conversionPayload(header: string): number | undefined {
  const type = headerValue(header, 'Content-Type')
  return type === undefined || /^text\//i.test(type) ? 0 : undefined
}

/** A response record's block is an HTTP response: only a text/plain payload is cleaned, after the HTTP header. */
function responsePayload(block: Uint8Array): number | undefined {
  const end = headerEnd(block.subarray(0, LONGEST_HEADER))
  if (end === 0) return undefined
  const http = latin1.decode(block.subarray(0, end))
  if (!/^HTTP\/\d/.test(http)) return undefined
  const type = headerValue(http, 'Content-Type')
  if (!type || !/^text\/plain\b/i.test(type)) return undefined
  if (/^(Content-Encoding|Transfer-Encoding)[ \t]*:/im.test(http)) return undefined
  return end
}

/** The header block with its Content-Length value replaced; every other byte, the CRs included, stays. */
function withContentLength(header: Uint8Array, length: number): Uint8Array {
  const text = latin1.decode(header)
  const match = /^(Content-Length[ \t]*:[ \t]*)(\d+)/im.exec(text)
  if (!match) return header
  const start = match.index + match[1]!.length
  const end = start + match[2]!.length
  return concat([header.subarray(0, start), utf8Encoder.encode(String(length)), header.subarray(end)])
}

function countLf(bytes: Uint8Array): number {
  let n = 0
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++
  return n
}

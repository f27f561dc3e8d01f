import { ZhtidyError } from '../errors.js'
import { decodeBytes } from '../decode/index.js'
import { strictUtf8, utf8Encoder, type ByteQueue } from './bytes.js'
import { replaceField, scanRecord } from './jsonl-record.js'
import type { Item } from './pump.js'
import type { Sink, StreamContext } from './types.js'

const LEGACY_RECORD_ENCODINGS = new Set(['gb18030', 'big5', 'shift_jis', 'euc-kr'])

/**
 * The items of a JSON Lines input: one task per record (its field's text), the record rewritten around the cleaned
 * string. Lines end at LF only, and each keeps its own ending (LF, CRLF or none at the end of the input), so a
 * record in is a record out.
 */
export async function* jsonlItems(queue: ByteQueue, ctx: StreamContext, sink: Sink): AsyncGenerator<Item> {
  let lineNumber = 0
  let legacy: string | undefined
  for (;;) {
    const bytes = await queue.readLine()
    if (bytes === undefined) return
    lineNumber++
    let raw = strictUtf8(bytes)
    if (raw === undefined) {
      // Not UTF-8: a record in a legacy encoding (a GBK dump) is decoded like any text and written as UTF-8, with a
      // warning once per file; bytes no encoding explains make a bad record, kept byte for byte under keep.
      const decoded = decodeBytes(bytes)
      const where = `${ctx.display}:${lineNumber}`
      // Only the double-byte encodings of CJK text count: a single-byte codec decodes any bytes at all.
      if (decoded.invalid.length > 0 || !LEGACY_RECORD_ENCODINGS.has(decoded.encoding)) {
        const detail = 'not valid UTF-8, nor text in another encoding'
        if (ctx.onError === 'fail') throw new ZhtidyError('invalid-record', `${where}: ${detail}`)
        ctx.warn(`${where}: ${detail} (${ctx.onError === 'skip' ? 'skipped' : 'kept as it was'})`)
        if (ctx.onError === 'skip') ctx.skipped()
        else yield { size: bytes.length, emit: () => sink.write(bytes) }
        continue
      }
      if (legacy !== decoded.encoding) ctx.warn(`${where}: records are not UTF-8; decoded as ${decoded.encoding} and written as UTF-8`)
      legacy = decoded.encoding
      raw = decoded.text
    }
    let body = raw.endsWith('\n') ? raw.slice(0, -1) : raw
    let eol = raw.slice(body.length)
    if (body.endsWith('\r')) {
      body = body.slice(0, -1)
      eol = '\r' + eol
    }
    const line = lineNumber === 1 && body.charCodeAt(0) === 0xfeff ? body.slice(1) : body
    const passThrough = (): Item => ({ size: bytes.length, emit: () => sink.write(bytes) })
    if (line.trim() === '') {
      yield passThrough()
      continue
    }
    const scan = scanRecord(line, ctx.field)
    if (!scan.ok) {
      const where = `${ctx.display}:${lineNumber}`
      if (ctx.onError === 'fail') throw new ZhtidyError('invalid-record', `${where}: ${scan.detail}`)
      ctx.warn(`${where}: ${scan.detail} (${ctx.onError === 'skip' ? 'skipped' : 'kept as it was'})`)
      if (ctx.onError === 'skip') ctx.skipped()
      else yield passThrough()
      continue
    }
    const record = lineNumber
    yield {
      task: { kind: 'text', text: scan.value },
      size: bytes.length,
      emit: async (result) => {
        const changed = result!.text !== scan.value
        ctx.report({ path: ctx.display, record, encoding: 'utf-8', changed, stats: result!.stats, messages: result!.messages })
        await sink.write(utf8Encoder.encode((changed ? replaceField(line, scan, result!.text) : line) + eol))
      },
    }
  }
}

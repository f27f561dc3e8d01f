import { ZhtidyError } from '../errors.js'
import { utf8, utf8Encoder, type ByteQueue } from './bytes.js'
import { replaceField, scanRecord } from './jsonl-record.js'
import type { Item } from './pump.js'
import type { Sink, StreamContext } from './types.js'

/**
 * The items of a JSON Lines input: one task per record (its field's text), the record rewritten around the cleaned
 * string. Lines end at LF only, and each keeps its own ending (LF, CRLF or none at the end of the input), so a
 * record in is a record out.
 */
export async function* jsonlItems(queue: ByteQueue, ctx: StreamContext, sink: Sink): AsyncGenerator<Item> {
  let lineNumber = 0
  for (;;) {
    const bytes = await queue.readLine()
    if (bytes === undefined) return
    lineNumber++
    const raw = utf8(bytes)
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

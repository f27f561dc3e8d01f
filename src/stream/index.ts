/**
 * Records in, records out: plain text (whole or in windows), JSON Lines, WARC/WET. Everything here works on
 * async iterables of Uint8Array and plain data, so that a browser build can reuse it; the Node-only parts (files,
 * gzip, worker threads) live in node.ts and worker.ts.
 */
import { ByteQueue } from './bytes.js'
import { jsonlItems } from './jsonl.js'
import type { Item } from './pump.js'
import { textItems, type TextOptions } from './text.js'
import type { Format, Sink, StreamContext } from './types.js'
import { looksWarc, warcItems } from './warc.js'

export { binaryKind, isGzip, SNIFF_BYTES } from './binary.js'
export { pump, inProcessCleaner, type Item, type PumpOptions } from './pump.js'
export { WINDOW_BYTES } from './text.js'
export type * from './types.js'

/** The format a file's name promises (a trailing .gz set aside); undefined when the name says nothing. */
export function formatFromName(name: string): Format | undefined {
  const base = name.toLowerCase().replace(/\.gz$/, '')
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return 'jsonl'
  if (base.endsWith('.warc') || base.endsWith('.wet')) return 'warc'
  return undefined
}

export interface DocumentOptions extends TextOptions {
  /** The format, when the command line or the name decided it; otherwise WARC is recognised by its first bytes. */
  format?: Format
}

/** The items of one input, in the format given or recognised. */
export async function* documentItems(source: AsyncIterable<Uint8Array>, ctx: StreamContext, sink: Sink, options: DocumentOptions = {}): AsyncGenerator<Item> {
  const queue = new ByteQueue(source[Symbol.asyncIterator]())
  let format = options.format
  if (format === undefined) {
    await queue.fill(8)
    format = looksWarc(queue.peek()) ? 'warc' : 'text'
  }
  if (format === 'jsonl') yield* jsonlItems(queue, ctx, sink)
  else if (format === 'warc') yield* warcItems(queue, ctx, sink)
  else yield* textItems(queue, ctx, sink, options)
}

/**
 * `createTidyStream`: the command line's streaming (the same format handlers, the same pump, the same task runner)
 * as a web TransformStream, for browsers, edge runtimes and Node alike. No Node built-in is used here.
 */
import type { TidyOptions } from '../tidy.js'
import { documentItems } from './index.js'
import { inProcessCleaner, pump } from './pump.js'
import { runTasks } from './task.js'
import type { DocumentReport, Format, Sink, StreamContext } from './types.js'

export interface TidyStreamOptions extends TidyOptions {
  /** The input is JSON Lines: each record's `field` is cleaned, every record written back in order. */
  jsonl?: boolean
  /** The JSON Lines field to clean; default `text`. */
  field?: string
  /** A record that is not valid JSON (or lacks the field): error the stream (default), drop it, or pass it through. */
  onError?: 'fail' | 'skip' | 'keep'
  /**
   * Plain text up to this many bytes is one document, cleaned whole; longer text is cleaned in windows of about this
   * size, cut on paragraph boundaries. Memory follows it (default: text up to 1 MiB whole, longer text in windows of
   * 256 KiB).
   */
  windowBytes?: number
  /** Called once per document (a window of plain text, or a JSON Lines record), in input order, with its messages. */
  onReport?: (report: DocumentReport) => void
  /** Called for a bad record kept or skipped under `onError`, and for an input that is not UTF-8. */
  onWarning?: (message: string) => void
  /** Shown in reports and errors as the input's name; default `<stream>`. */
  name?: string
}

/** Input bytes gathered into one batch: the same figure the command line uses in-process. */
const BATCH_BYTES = 64 << 10
const IN_FLIGHT = 3

/** Chunks handed from the writable side to the pipeline, one at a time, so that the writer feels backpressure. */
class Channel implements AsyncIterable<Uint8Array> {
  private chunk: Uint8Array | undefined
  private ended = false
  private failure: unknown
  private wakeReader: (() => void) | undefined
  private wakeWriter: (() => void) | undefined

  /** Resolves once the pipeline has taken the chunk; rejects when the pipeline failed. */
  async push(chunk: Uint8Array): Promise<void> {
    while (this.chunk !== undefined) {
      if (this.failure !== undefined) throw this.failure
      await new Promise<void>((resolve) => (this.wakeWriter = resolve))
    }
    if (this.failure !== undefined) throw this.failure
    this.chunk = chunk
    this.wakeReader?.()
  }

  end(): void {
    this.ended = true
    this.wakeReader?.()
  }

  fail(error: unknown): void {
    this.failure = error
    this.wakeWriter?.()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      if (this.chunk !== undefined) {
        const chunk = this.chunk
        this.chunk = undefined
        this.wakeWriter?.()
        yield chunk
        continue
      }
      if (this.ended) return
      await new Promise<void>((resolve) => (this.wakeReader = resolve))
      this.wakeReader = undefined
    }
  }
}

/**
 * A TransformStream that cleans what is written to it (strings or UTF-8/legacy-encoded bytes) and gives the cleaned
 * text as strings, in order. Plain text is cleaned as tidy() would clean it whole, up to `windowBytes`, and in
 * windows on paragraph boundaries beyond; with `jsonl`, every record comes out as one record (a record in is a
 * record out). Memory is bounded by the window (or the largest record) times a few batches, not by the input.
 */
export function createTidyStream(options: TidyStreamOptions = {}): TransformStream<string | Uint8Array, string> {
  const { jsonl, field, onError, windowBytes, onReport, onWarning, name, ...tidyOptions } = options
  const format: Format | undefined = jsonl ? 'jsonl' : undefined
  const channel = new Channel()
  const encoder = new TextEncoder()
  const decoder = new TextDecoder()
  let controller!: TransformStreamDefaultController<string>
  let running: Promise<void> | undefined
  // A string chunk may end inside a surrogate pair: its high half waits for the next chunk.
  let highSurrogate = ''

  const sink: Sink = {
    write: async (bytes) => {
      const text = decoder.decode(bytes, { stream: true })
      if (text !== '') controller.enqueue(text)
    },
  }
  const ctx: StreamContext = {
    display: name ?? '<stream>',
    field: field ?? 'text',
    onError: onError ?? 'fail',
    keepMessages: onReport !== undefined,
    report: (report) => onReport?.(report),
    warn: (message) => onWarning?.(message),
    skipped: () => {},
  }
  const runOptions: TidyOptions = { ...tidyOptions, messages: tidyOptions.messages ?? onReport !== undefined }
  const start = (): Promise<void> => {
    running ??= pump(
      documentItems(channel, ctx, sink, { ...(format ? { format } : { format: 'text' as const }), ...(windowBytes ? { windowBytes } : {}) }),
      inProcessCleaner((tasks) => runTasks(tasks, runOptions, ctx.keepMessages)),
      { batchBytes: BATCH_BYTES, inFlight: IN_FLIGHT },
    ).catch((error: unknown) => {
      channel.fail(error)
      throw error
    })
    return running
  }

  return new TransformStream<string | Uint8Array, string>({
    start(c) {
      controller = c
    },
    async transform(chunk) {
      let bytes: Uint8Array
      if (typeof chunk === 'string') {
        let text = highSurrogate + chunk
        highSurrogate = ''
        const last = text.charCodeAt(text.length - 1)
        if (last >= 0xd800 && last <= 0xdbff) {
          highSurrogate = text.slice(-1)
          text = text.slice(0, -1)
        }
        bytes = encoder.encode(text)
      } else bytes = chunk
      if (bytes.length === 0) return
      const done = start()
      // A failure surfaces here (the writer's write rejects) and through the readable side.
      done.catch(() => {})
      await channel.push(bytes)
    },
    async flush() {
      const done = start()
      if (highSurrogate !== '') await channel.push(encoder.encode(highSurrogate))
      channel.end()
      await done
      const rest = decoder.decode()
      if (rest !== '') controller.enqueue(rest)
    },
  })
}

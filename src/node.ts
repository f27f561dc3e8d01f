/**
 * `zhtidy/node`: Node stream adapters over the web streaming API, so that `pipeline(read, createTidyTransform(), write)`
 * runs the same code path as createTidyStream and the command line.
 */
import { Transform } from 'node:stream'
import { createTidyStream, type TidyStreamOptions } from './stream/web.js'

export type { TidyStreamOptions } from './stream/web.js'

/**
 * A Node Transform stream: writes are Buffers or strings (any encoding zhtidy detects), reads are the cleaned text
 * as UTF-8 strings, in order.
 */
export function createTidyTransform(options: TidyStreamOptions = {}): Transform {
  const web = createTidyStream(options)
  const writer = web.writable.getWriter()
  const reader = web.readable.getReader()
  let pumping: Promise<void> | undefined
  const transform = new Transform({
    readableObjectMode: false,
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: Buffer | string, _encoding, callback) {
      pumping ??= drain()
      const bytes = typeof chunk === 'string' ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
      writer.write(bytes).then(() => callback(), callback)
    },
    flush(callback) {
      pumping ??= drain()
      writer.close().then(
        () => pumping!.then(() => callback(), callback),
        callback,
      )
    },
  })
  async function drain(): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        transform.push(value)
      }
    } catch (error) {
      // The writer's side rejects with the same error and hands it to the pending callback.
      transform.destroy(error as Error)
    }
  }
  return transform
}

/**
 * The Node adapter of the stream core: files, gzip and worker threads. The only file under src/stream that imports
 * Node built-ins, besides the worker's own entry.
 */
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Worker, type WorkerOptions } from 'node:worker_threads'
import { createGunzip, createGzip } from 'node:zlib'
import type { FromWorker, WorkerPort } from './pool.js'
import { IDLE, IDLE_MS, untilIdle } from './pump.js'
import type { Sink } from './types.js'

/** The chunks of a file, read ahead only as far as the reader pulls. `onBytes` counts what was read from disk. */
/** The chunks of an opened file stream (the command line opens a whole file, or one shard's byte range of it). */
export function fileChunks(stream: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncIterable<Uint8Array> {
  return counted(stream, onBytes)
}

export function stdinChunks(onBytes: (n: number) => void): AsyncIterable<Uint8Array> {
  return counted(process.stdin, onBytes)
}

async function* counted(stream: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    onBytes(chunk.length)
    yield chunk as Uint8Array
  }
}

/** The first `n` bytes (or fewer at the end), and the whole input again including them. */
export async function peek(source: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Uint8Array; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]()
  const held: Uint8Array[] = []
  let size = 0
  let done = false
  let pending: Promise<IteratorResult<Uint8Array>> | undefined = iterator.next()
  while (size < n) {
    // After the first chunk, a pause ends the look: a co-process writes one short record and waits for its
    // answer, so waiting for `n` bytes would wait forever. A file never pauses this long.
    const next = held.length === 0 ? await pending : await untilIdle(pending, IDLE_MS)
    if (next === IDLE) break
    pending = undefined
    if (next.done) {
      done = true
      break
    }
    held.push(next.value)
    size += next.value.length
    pending = iterator.next()
  }
  const head = Buffer.concat(held)
  async function* again(): AsyncGenerator<Uint8Array> {
    yield* held
    if (done) return
    for (;;) {
      const next = await (pending ?? iterator.next())
      pending = undefined
      if (next.done) return
      yield next.value
    }
  }
  return { head: head.subarray(0, n), chunks: again() }
}

/** Gunzips a chunked source (several gzip members, as in .warc.gz, read as one stream). */
export function gunzip(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const unzip = createGunzip()
  pipeline(Readable.from(source, { objectMode: false }), unzip).catch(() => {})
  return unzip
}

/**
 * Decodes a chunked source from a forced encoding (`--encoding`) into UTF-8 chunks, a character split across two
 * chunks included; a byte-order mark of that encoding is dropped, bytes the encoding cannot read become U+FFFD.
 */
export async function* transcode(source: AsyncIterable<Uint8Array>, encoding: string): AsyncGenerator<Uint8Array> {
  // Loaded only for --encoding: nothing else at run time needs iconv-lite.
  const iconv = (await import('iconv-lite')).default
  const decoder = iconv.getDecoder(encoding)
  for await (const chunk of source) {
    const text = decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    if (text) yield Buffer.from(text, 'utf8')
  }
  const rest = decoder.end()
  if (rest) yield Buffer.from(rest, 'utf8')
}

/** Writes to stdout, waiting whenever the pipe is full. */
export const stdoutSink: Sink = {
  write: (chunk) =>
    new Promise((resolve, reject) => {
      if (chunk.length === 0) return resolve()
      if (process.stdout.write(chunk)) resolve()
      else {
        const onError = (error: Error) => reject(error)
        process.stdout.once('error', onError)
        process.stdout.once('drain', () => {
          process.stdout.off('error', onError)
          resolve()
        })
      }
    }),
}

export const nullSink: Sink = { write: async () => {} }

/** Something that takes bytes and can be told the end: a file being written. */
export interface ByteWriter {
  write(chunk: Uint8Array): Promise<void>
}

/** A sink that gzips into `writer`; `end` flushes the compressor and waits until the writer has it all. */
export function gzipSink(writer: ByteWriter): Sink & { end(): Promise<void> } {
  const zip = createGzip()
  const drained = (async () => {
    for await (const chunk of zip) await writer.write(chunk as Uint8Array)
  })()
  drained.catch(() => {})
  return {
    write: (chunk) =>
      new Promise((resolve, reject) => {
        if (chunk.length === 0 || zip.write(chunk)) return resolve()
        zip.once('drain', resolve)
        zip.once('error', reject)
      }),
    end: async () => {
      zip.end()
      await drained
    },
  }
}

/** A worker thread running dist/worker.js, seen through the pool's port; `options` sets its heap limits. */
export function spawnWorker(entry: URL = new URL('./worker.js', import.meta.url), options: Pick<WorkerOptions, 'resourceLimits'> = {}): WorkerPort {
  const worker = new Worker(entry, options)
  return {
    post: (message) => {
      if (message.type === 'run') {
        // A subarray would carry its whole underlying buffer across; a copy carries only the task.
        const tasks = message.tasks.map((t) => (t.kind === 'bytes' ? { kind: 'bytes' as const, bytes: t.bytes.slice() } : t))
        const transfer = tasks.flatMap((t) => (t.kind === 'bytes' ? [t.bytes.buffer as ArrayBuffer] : []))
        worker.postMessage({ ...message, tasks }, transfer)
      } else worker.postMessage(message)
    },
    onMessage: (listener) => worker.on('message', (m: FromWorker) => listener(m)),
    onError: (listener) => {
      worker.on('error', listener)
      worker.on('exit', (code) => {
        if (code !== 0) listener(new Error(`worker exited with code ${code}`))
      })
    },
    terminate: async () => {
      worker.removeAllListeners('exit')
      await worker.terminate()
    },
  }
}

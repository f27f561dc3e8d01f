import { documentItems, inProcessCleaner, pump, type DocumentOptions } from '../../src/stream/index.js'
import { runTasks } from '../../src/stream/task.js'
import type { DocumentReport, StreamContext, TidyOptions } from '../../src/stream/types.js'

export async function* chunksOf(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

export interface Cleaned {
  out: Uint8Array
  text: string
  reports: DocumentReport[]
  warnings: string[]
  skipped: number
}

/** Runs one input through the stream core in this thread, as the command line does with --jobs 1. */
export async function cleanBytes(
  input: Uint8Array,
  options: DocumentOptions & { tidy?: TidyOptions; onError?: StreamContext['onError']; chunk?: number } = {},
): Promise<Cleaned> {
  const parts: Uint8Array[] = []
  const reports: DocumentReport[] = []
  const warnings: string[] = []
  let skipped = 0
  const ctx: StreamContext = {
    display: 'input',
    field: 'text',
    onError: options.onError ?? 'fail',
    report: (r) => reports.push(r),
    warn: (w) => warnings.push(w),
    skipped: () => skipped++,
  }
  const sink = { write: async (chunk: Uint8Array) => void parts.push(chunk.slice()) }
  const tidyOptions = { messages: false, ...options.tidy }
  await pump(documentItems(chunksOf(input, options.chunk), ctx, sink, options), inProcessCleaner((t) => runTasks(t, tidyOptions)), { batchBytes: 256 * 1024, inFlight: 3 })
  const out = Buffer.concat(parts)
  return { out, text: out.toString('utf8'), reports, warnings, skipped }
}

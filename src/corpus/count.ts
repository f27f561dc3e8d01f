import { decodeBytes } from '../decode/index.js'
import type { Cleaner, Task, TaskResult } from '../stream/types.js'
import { splitLines } from './fingerprint.js'
import { LineTable, type LineTableOptions } from './table.js'

/**
 * Counts documents into a new table (or into `into`): each string is one document, each of its lines counted once.
 * The library's way to build the table that `repeated` reads; the command line streams with `zhtidy corpus count`.
 */
export function countLines(documents: Iterable<string>, options: LineTableOptions & { into?: LineTable } = {}): LineTable {
  const table = options.into ?? new LineTable(options.cap === undefined ? {} : { cap: options.cap })
  for (const document of documents) table.addDocument(splitLines(wellFormed(document)))
  return table
}

/**
 * A stand-in for the cleaner the command line's pump drives: each task (a small file's bytes, a window of a large
 * one, a JSON Lines field, a WARC record) is decoded as tidy() would decode it and counted as one document, so a
 * table sees the documents and the lines the cleaning run will see. Nothing is written.
 */
export function countingCleaner(table: LineTable): Cleaner {
  const empty: TaskResult = { text: '', encoding: 'utf-8', stats: {}, messages: [] }
  return {
    run: async (tasks: Task[]) =>
      tasks.map((task) => {
        const text = task.kind === 'bytes' ? decodeBytes(task.bytes).text : task.text
        table.addDocument(splitLines(wellFormed(text)))
        return empty
      }),
    close: async () => {},
  }
}

/** Lone surrogates become U+FFFD, as the parser makes them before any step. */
function wellFormed(text: string): string {
  const s = text as string & { isWellFormed(): boolean; toWellFormed(): string }
  return s.isWellFormed() ? text : s.toWellFormed()
}

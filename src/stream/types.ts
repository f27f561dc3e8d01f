import type { TidyOptions } from '../tidy.js'
import type { TidyMessage } from '../types.js'

/**
 * One unit of cleaning work: a whole document as raw bytes (decoded by tidy itself, as for a small file), or text
 * already decoded (a window of a large file, a JSON Lines field). Plain data, so that it can cross to a worker.
 */
export type Task = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'text'; text: string }

/** What tidy gave back for one task; plain data for the same reason. */
export interface TaskResult {
  text: string
  encoding: string
  stats: Record<string, number>
  messages: TidyMessage[]
}

/** Runs batches of tasks, in this thread or elsewhere; results come back in the order of the tasks. */
export interface Cleaner {
  run(tasks: Task[]): Promise<TaskResult[]>
  close(): Promise<void>
}

/** What the command line reports for one document (a file, stdin, a JSON Lines record or a WARC record). */
export interface DocumentReport {
  path: string
  /** For JSON Lines: the record's line number in the file; for WARC: the line its header starts on. */
  record?: number
  encoding: string
  changed: boolean
  /** Applied changes per rule id. */
  stats: Record<string, number>
  messages: TidyMessage[]
}

/** Where cleaned bytes go. `write` resolves when the sink can take more (backpressure). */
export interface Sink {
  write(chunk: Uint8Array): Promise<void>
}

export type Format = 'text' | 'jsonl' | 'warc'

/** Everything a format handler needs besides its bytes. */
export interface StreamContext {
  /** Shown in messages: the file's path or `<stdin>`. */
  display: string
  field: string
  onError: 'fail' | 'skip' | 'keep'
  /** Called once per document, in input order. */
  report(report: DocumentReport): void
  /**
   * Whether reports need their messages. A large text file's report gathers its windows' messages until its end;
   * without a consumer they would only hold memory (a dirty dump has warnings in every window). Default true.
   */
  keepMessages?: boolean
  /** A bad record under --on-error skip/keep, or a decoding problem worth a line on stderr. */
  warn(message: string): void
  /** Counts records dropped under --on-error skip. */
  skipped(): void
}

export type { TidyOptions }

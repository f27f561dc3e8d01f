// Messages between the page and the worker that runs zhtidy.
import type { DetectResult, Script, StepName, TidyMessage } from '../src/types.js'

export interface TidyRequest {
  id: number
  /** Text typed or pasted, or a file's bytes (so that encoding detection runs). */
  input: string | Uint8Array
  script: Script
  /** The steps switched off. */
  skip: StepName[]
}

/** One change, placed on the cleaned text: `[start, end)` is what it wrote there (empty for a deletion). */
export interface PlacedChange {
  ruleId: string
  step: string
  severity: TidyMessage['severity']
  reason: string
  before: string
  after: string
  note?: string
  start: number
  end: number
  /** 1-based line and column of `start` in the cleaned text. */
  line: number
  column: number
}

export interface TidyReply {
  id: number
  ok: true
  text: string
  encoding: string
  detected: DetectResult
  /** The messages of the one tidy run that made `text` (rule ids, input offsets, before and after). */
  messages: TidyMessage[]
  stats: Record<string, number>
  /** The same changes placed on `text`; undefined when they could not be placed (then the list shows `messages`). */
  placed: PlacedChange[] | undefined
  ms: number
}

export interface TidyFailure {
  id: number
  ok: false
  error: string
}

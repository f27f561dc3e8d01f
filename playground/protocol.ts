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
  /** Per rule id of the one tidy run that made `text`: changes applied, and places left alone with a warning. */
  counts: Record<string, [applied: number, warned: number]>
  /** Its messages (input offsets), sent only when the changes could not be placed on `text`. */
  messages: TidyMessage[] | undefined
  /** The changes placed on `text`, the first PLACED_LIMIT of them (a structured clone of 80 000 costs the page). */
  placed: PlacedChange[] | undefined
  /** How many changes were placed in all. */
  placedTotal: number
  ms: number
}

export interface TidyFailure {
  id: number
  ok: false
  error: string
}

/** Sent by the worker as it goes: `done` of `total` stages of a run (detection, the tidy run, one per step placed). */
export interface TidyProgress {
  id: number
  progress: true
  done: number
  total: number
  label: string
}

export type WorkerMessage = TidyReply | TidyFailure | TidyProgress

/** The most placed changes the worker sends; the page highlights and lists fewer. */
export const PLACED_LIMIT = 20000

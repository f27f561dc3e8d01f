import type { PlanStep } from './plan.js'
import type { Node, Position } from 'unist'

/** The steps of the default preset, in the order they run. */
export const STEP_NAMES = ['encoding', 'unicode', 'annotations', 'script', 'boilerplate', 'punctuation'] as const
export type StepName = (typeof STEP_NAMES)[number]

/** Target scripts. `keep` converts only the minority script of each document to its dominant one. */
export const SCRIPTS = ['zh-Hans', 'zh-Hant', 'zh-TW', 'zh-HK', 'keep'] as const
export type Script = (typeof SCRIPTS)[number]

/** What `detect` and the script step call a document or paragraph. */
export type ScriptLabel = 'zh-Hans' | 'zh-Hant' | 'mixed' | 'none'

/** One line of the input (without its line break), as a unist literal. */
export interface LineNode extends Node {
  type: 'line'
  value: string
  /** The line break that followed the line in the input: '\n', '\r\n', '\r' or '' (last line). */
  eol: string
  position: Position
  data?: LineData
}

export interface LineData {
  /** Set when a step removed the whole line: the compiler drops it with its line break. */
  removed?: boolean
  /**
   * The edits applied so far, oldest batch first, each in the coordinates of the text before it.
   * Used only to map places in the current text back to the input.
   */
  shifts?: AppliedEdit[][]
}

export interface AppliedEdit {
  start: number
  end: number
  length: number
}

export interface Root extends Node {
  type: 'root'
  children: LineNode[]
  data?: RootData
}

export interface RootData {
  /** The encoding the parser decoded the input from ('utf-8' for string input). */
  encoding?: string
  /** Confidence of that decoding, 0..1. */
  confidence?: number
}

/**
 * A change a rule proposes on one line: replace `[start, end)` of the line's current text.
 * Rules are pure: they return edits and never touch the tree or the file.
 */
export interface Edit {
  start: number
  end: number
  replacement: string
  /** Rule id, `step/what`. */
  ruleId: string
  /** Why, in the message template: "Unexpected `,` between Han characters, expected `，`". */
  reason: string
  /** A confident edit is applied (info message); an unconfident one only warns and leaves the text. */
  confident: boolean
  /** Anything a rule wants to add to the message (a byte plan, candidate scores…). */
  note?: string
  /** For a byte-level repair: the steps it undid, as data (`applyPlan(plan, actual)` gives the replacement). */
  plan?: PlanStep[]
}

/** The message fields zhtidy sets, in the shape `--report json` prints them. */
export interface TidyMessage {
  ruleId: string
  source: 'zhtidy'
  reason: string
  /** 'info' for an applied change, 'warning' for a place left alone, 'error' for a fatal problem. */
  severity: 'info' | 'warning' | 'error'
  line: number | undefined
  column: number | undefined
  /** 0-based offset in the (decoded) input. */
  offset: number | undefined
  actual: string | undefined
  expected: string[] | undefined
  note: string | undefined
  /** For a byte-level repair: the steps it undid, as data; `applyPlan(plan, actual)` gives `expected[0]`. */
  plan?: PlanStep[]
}

export interface TidyResult {
  text: string
  encoding: string
  messages: TidyMessage[]
  /** Counts per rule id of the changes applied. */
  stats: Record<string, number>
}

export interface DetectResult {
  encoding: string
  confidence: number
  /** The script of the text, after any mojibake in it is repaired. */
  script: ScriptReport
  /**
   * Mojibake the `encoding` step finds in the decoded text: stretches repaired per rule id (`encoding/utf8-as-gbk`),
   * empty when there is none.
   */
  mojibake: Record<string, number>
  /**
   * Why this encoding: `byte-order mark`, `valid UTF-8`, `mostly valid UTF-8`, `most plausible reading`, or
   * `text given` (a string input, already decoded).
   */
  basis: string
  /**
   * For bytes: every candidate encoding, the most plausible first, with its score on the sample read (the first
   * 64 KB) and, for one ruled out, `ruledOutAt`: the byte offset of the first byte it cannot decode.
   */
  candidates: { encoding: string; score: number; ruledOutAt?: number }[]
}

export interface ScriptReport {
  label: ScriptLabel
  /** Han characters used only in simplified writing. */
  simplified: number
  /** Han characters used only in traditional writing. */
  traditional: number
  /** Han characters in all. */
  han: number
  /** Signs of an imperfect machine conversion (simplified-only characters in traditional text, glued pinyin…). */
  machineConverted: boolean
  /** The counts behind `machineConverted`. */
  signs?: ScriptSigns
  /** One entry per line with Han characters. */
  paragraphs?: ParagraphScript[]
}

export interface ScriptSigns {
  /** Characters of the minority script (simplified-only ones in traditional text, or the reverse). */
  minority: number
  /** In traditional text: characters written in both scripts but left in their simplified sense (`災后`, `示范區`). */
  ambiguous: number
  /** In traditional text: traditional characters OpenCC's phrases would choose differently (`復雜` for `複雜`). */
  misconverted: number
  /** Han characters with glued pinyin (`書(shū)`). */
  pinyin: number
}

export interface ParagraphScript {
  /** 1-based line number. */
  line: number
  /** `none` for a Japanese line (kana present): it is not counted in the document's totals. */
  label: ScriptLabel
  simplified: number
  traditional: number
  han: number
  japanese?: boolean
}

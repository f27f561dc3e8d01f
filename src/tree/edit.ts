import type { Position } from 'unist'
import type { VFile } from 'vfile'
import type { Options as MessageOptions, VFileMessage } from 'vfile-message'
import type { AppliedEdit, Edit, LineNode, Root } from '../types.js'
import type { PlanStep } from '../plan.js'

/** Everything a line rule may look at besides the line itself. */
export interface LineContext {
  /** Index of the line among the root's children. */
  index: number
  root: Root
  file: VFile
}

/** A pure rule: looks at one line and proposes edits. */
export type LineRule = (line: string, context: LineContext) => Edit[]

/**
 * What a file keeps of its changes, on `file.data.zhtidy`. tidy() asks for `records` (compact plain objects it
 * maps to its result itself) or for counts only; a file without this (a processor run by hand) gets a VFile
 * message per change, as unified plugins do. A VFileMessage is an Error: thousands per page cost more than the
 * edits, and bulk cleaning reads only the counts.
 */
export interface ChangeLog {
  mode: 'messages' | 'records' | 'counts'
  /** Applied changes per rule id, whatever the mode. */
  counts: Record<string, number>
  /**
   * In 'records' mode, every change; in 'counts' mode, the unconfident ones (problems left alone); in the order they
   * were made. Kept compact until read (`changeRecords`): an edit as its rule gave it, with its text before in
   * `actuals` and its place in `places`, or a record given whole (`reportChange`).
   */
  changes: (Edit | ChangeRecord)[]
  /** Per change, the text an edit replaced (undefined for a record given whole). */
  actuals: (string | undefined)[]
  /**
   * Per change four numbers: the line, the offset of the line's start in the input, and the start and end of the
   * change in the line's original text; for a record given whole the line is -1, for one `deferredReport` makes -2
   * (with the number of its maker next).
   */
  places: number[]
}

/** One change as data: the fields of its message, places flattened. */
export interface ChangeRecord {
  ruleId: string
  reason: string
  confident: boolean
  line: number
  column: number
  offset: number | undefined
  endLine: number
  endColumn: number
  endOffset: number | undefined
  actual: string
  expected: string
  note: string | undefined
  plan?: PlanStep[] | undefined
}

declare module 'vfile' {
  interface DataMap {
    zhtidy: ChangeLog
  }
}

/** Starts the change log of `file`: 'records' keeps every change as data, 'counts' only counts applied ones. */
export function logChanges(file: VFile, mode: 'records' | 'counts'): ChangeLog {
  const log: ChangeLog = { mode, counts: {}, changes: [], actuals: [], places: [] }
  file.data.zhtidy = log
  return log
}

function changeLog(file: VFile): ChangeLog {
  return (file.data.zhtidy ??= { mode: 'messages', counts: {}, changes: [], actuals: [], places: [] })
}

/** Changes to `file` are counted per rule id but create no messages. */
export function countOnly(file: VFile): void {
  logChanges(file, 'counts')
}

/** Applied changes per rule id, counted whether or not messages were made. */
export function appliedStats(file: VFile): Record<string, number> {
  return file.data.zhtidy?.counts ?? {}
}

/** The changes kept as records (tidy's modes), in the order they were made. */
export function changeRecords(file: VFile): readonly ChangeRecord[] {
  const log = file.data.zhtidy
  if (!log) return []
  const out: ChangeRecord[] = new Array(log.changes.length)
  for (let k = 0; k < out.length; k++) out[k] = changeRecordAt(log, k)
  return out
}

/** The change at `k` of the log, as a record. */
export function changeRecordAt(log: ChangeLog, k: number): ChangeRecord {
  const line = log.places[4 * k]!
  const change = log.changes[k]!
  if (line === -1) return change as ChangeRecord
  if (line === -2) return makers[log.places[4 * k + 1]!]!(change as never)
  const edit = change as Edit
  const base = log.places[4 * k + 1]!
  const start = log.places[4 * k + 2]!
  const end = log.places[4 * k + 3]!
  return {
    ruleId: edit.ruleId,
    reason: edit.reason,
    confident: edit.confident,
    line,
    column: start + 1,
    offset: base + start,
    endLine: line,
    endColumn: end + 1,
    endOffset: base + end,
    actual: log.actuals[k]!,
    expected: edit.replacement,
    note: edit.note,
    ...(edit.plan ? { plan: edit.plan } : {}),
  }
}

/** Whether a change of this confidence needs its place and text: anything but an applied change in counts mode. */
function wanted(log: ChangeLog, confident: boolean): boolean {
  return !(confident && log.mode === 'counts')
}

/**
 * The one place that changes line text and reports it.
 * Confident edits are applied and each becomes an info message; unconfident ones become warnings
 * and leave the text alone. Overlapping edits: the first (by start, then by order given) wins,
 * the others are dropped without a message, since they describe text that no longer exists.
 */
export function applyEdits(file: VFile, node: LineNode, edits: readonly Edit[]): number {
  if (edits.length === 0) return 0
  const log = changeLog(file)
  const value = node.value
  let sorted = edits
  for (let k = 1; k < edits.length; k++) {
    if (edits[k]!.start < edits[k - 1]!.start) {
      // A stable sort: among edits at the same place, the one given first wins.
      sorted = edits.slice().sort((a, b) => a.start - b.start)
      break
    }
  }
  const applied: Edit[] = []
  /** Edits that become messages or records, with their text before. */
  const reported: Edit[] = []
  const actuals: string[] = []
  let lastEnd = -1
  for (const edit of sorted) {
    if (edit.start < 0 || edit.end > value.length || edit.start > edit.end) {
      throw new RangeError(`zhtidy: rule ${edit.ruleId} proposed an edit [${edit.start}, ${edit.end}) outside a line of length ${value.length}`)
    }
    if (edit.start < lastEnd || (edit.start === lastEnd && edit.start === edit.end && applied.length > 0)) continue
    // Compared in place: counts-only mode makes no string for an applied change.
    const same = edit.end - edit.start === edit.replacement.length && value.startsWith(edit.replacement, edit.start)
    if (edit.confident && same) continue
    if (edit.confident) {
      log.counts[edit.ruleId] = (log.counts[edit.ruleId] ?? 0) + 1
      applied.push(edit)
      lastEnd = edit.end
    }
    if (wanted(log, edit.confident)) {
      reported.push(edit)
      actuals.push(value.slice(edit.start, edit.end))
    }
  }
  if (reported.length > 0) reportEdits(file, log, node, reported, actuals)
  if (applied.length === 0) return 0
  const batch: AppliedEdit[] = new Array(applied.length)
  if (applied.length === 1) {
    // One edit (most lines): three strings joined, without an array of parts.
    const edit = applied[0]!
    node.value = value.slice(0, edit.start) + edit.replacement + value.slice(edit.end)
    batch[0] = { start: edit.start, end: edit.end, length: edit.replacement.length }
  } else {
    const parts: string[] = []
    let cursor = 0
    for (let k = 0; k < applied.length; k++) {
      const edit = applied[k]!
      parts.push(value.slice(cursor, edit.start), edit.replacement)
      cursor = edit.end
      batch[k] = { start: edit.start, end: edit.end, length: edit.replacement.length }
    }
    parts.push(value.slice(cursor))
    node.value = parts.join('')
  }
  node.data ??= {}
  ;(node.data.shifts ??= []).push(batch)
  return applied.length
}

/** Removes a whole line (with its line break) and reports the removed text. */
export function removeLine(file: VFile, node: LineNode, ruleId: string, reason: string, confident = true): void {
  if (node.data?.removed) return
  const log = changeLog(file)
  if (confident) log.counts[ruleId] = (log.counts[ruleId] ?? 0) + 1
  if (wanted(log, confident)) {
    reportEdits(file, log, node, [{ start: 0, end: node.value.length, replacement: '', ruleId, reason, confident }], [node.value])
  }
  if (!confident) return
  node.data ??= {}
  node.data.removed = true
}

/** Runs line rules over every line that is still there, one batch of edits per line. */
export function runLineRules(tree: Root, file: VFile, rules: readonly LineRule[]): void {
  const children = tree.children
  // One context for the whole run: rules are pure and keep nothing they are given.
  const context: LineContext = { index: 0, root: tree, file }
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!
    if (node.data?.removed || node.value.length === 0) continue
    context.index = index
    for (const rule of rules) {
      const edits = rule(node.value, context)
      if (edits.length > 0) applyEdits(file, node, edits)
    }
  }
}

/** A line rule behind a pre-scan: it runs only on lines whose scan holds all of `bits` and for which `also` holds. */
export interface ScannedRule {
  rule: LineRule
  bits: number
  also?: ((line: string, scan: number) => boolean) | undefined
}

/**
 * `runLineRules` for rules behind a pre-scan: each line is scanned once (`scan`, one pass over its code units, as
 * `unitScan` gives; with `from` and `to`, of that range only), and a rule whose bits the scan lacks is not called. What it gives is what the same rules give
 * through `runLineRules`, as long as each rule's bits are set on every line it would change. A `gate` (an expression
 * without the `g` or `y` flag) that fails on a line says no rule would change it: the line is not scanned at all. A
 * regular expression of a few classes fails on a clean line three times faster than the scan's loop.
 */
export function runScannedRules(tree: Root, file: VFile, scan: (line: string, from?: number, to?: number) => number, rules: readonly ScannedRule[], gate?: { test(line: string): boolean }, passes = 1): void {
  const children = tree.children
  // A line none of whose bits any rule asks for is passed over at once (unless a rule asks for none).
  let any = 0
  for (const { bits } of rules) any = bits === 0 || any === -1 ? -1 : any | bits
  const context: LineContext = { index: 0, root: tree, file }
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!
    let line = node.value
    if (line.length === 0 || node.data?.removed || (gate !== undefined && !gate.test(line))) continue
    let bits = scan(line)
    if ((bits & any) === 0 && any !== -1) continue
    context.index = index
    // With `passes` above 1, a line a rule after the first changed is run through the rules again (a mark a later
    // rule made can be what an earlier rule needs), until a pass changes nothing or the passes run out.
    for (let pass = 0; pass < passes; pass++) {
      let changed = false
      for (let r = 0; r < rules.length; r++) {
        const entry = rules[r]!
        if ((bits & entry.bits) !== entry.bits || (entry.also !== undefined && !entry.also(line, bits))) continue
        const edits = entry.rule(line, context)
        if (edits.length === 0 || applyEdits(file, node, edits) === 0) continue
        if (r > 0) changed = true
        line = node.value
        // Not scanned again: the new text holds only units of the old and of the replacements, and new pairs only
        // where text went, so the old scan with each replacement scanned with the unit on either side of it (in
        // the new text) is a superset of its scan.
        const batch = node.data!.shifts![node.data!.shifts!.length - 1]!
        let delta = 0
        for (let k = 0; k < batch.length; k++) {
          const applied = batch[k]!
          const start = applied.start + delta
          bits |= scan(line, start > 0 ? start - 1 : 0, Math.min(line.length, start + applied.length + 1))
          delta += applied.length - (applied.end - applied.start)
        }
      }
      if (!changed) break
    }
  }
}

/** Maps an offset in a line's current text back to an offset in its original text. */
export function originalOffsets(node: LineNode, offsets: readonly number[]): number[] {
  const out = offsets.slice()
  const shifts = node.data?.shifts
  if (!shifts || out.length === 0) return out
  // Mapping back is monotonic, so sorted positions stay sorted: each batch is swept once for all of them
  // (mapping each position through every batch on its own was quadratic on long lines edited many times).
  let ascending = true
  for (let k = 1; k < out.length && ascending; k++) if (out[k]! < out[k - 1]!) ascending = false
  // Positions already in order (a batch's edits, start and end by turns) are swept as they are, with no order array.
  let order: number[] | undefined
  if (!ascending) {
    order = out.map((_, k) => k)
    order.sort((a, b) => out[a]! - out[b]!)
  }
  for (let b = shifts.length - 1; b >= 0; b--) {
    const batch = shifts[b]!
    let e = 0
    let delta = 0
    for (let i = 0; i < out.length; i++) {
      const k = order === undefined ? i : order[i]!
      const position = out[k]!
      // Skip the edits wholly before this position, adding up how much each changed the length.
      for (; e < batch.length; e++) {
        const edit = batch[e]!
        const newEnd = edit.start + delta + edit.length
        if (position < newEnd || position < edit.start + delta) break
        delta += edit.length - (edit.end - edit.start)
      }
      const edit = batch[e]
      if (edit !== undefined && position >= edit.start + delta && position < edit.start + delta + edit.length) out[k] = edit.start
      else out[k] = position - delta
    }
  }
  return out
}

/** Maps an offset in a line's current text back to an offset in its original text. */
export function originalOffset(node: LineNode, offset: number): number {
  return originalOffsets(node, [offset])[0]!
}

export interface Change {
  ruleId: string
  reason: string
  confident: boolean
  place: Position
  actual: string
  expected: string
  note?: string | undefined
  plan?: PlanStep[] | undefined
}

/** The one way a change becomes a message: counted always, and a record or VFile message unless the file is count-only. */
export function reportChange(file: VFile, change: Change): void {
  const log = changeLog(file)
  if (change.confident) log.counts[change.ruleId] = (log.counts[change.ruleId] ?? 0) + 1
  if (!wanted(log, change.confident)) return
  const { start, end } = change.place
  record(file, log, {
    ruleId: change.ruleId,
    reason: change.reason,
    confident: change.confident,
    line: start.line,
    column: start.column,
    offset: start.offset,
    endLine: end.line,
    endColumn: end.column,
    endOffset: end.offset,
    actual: change.actual,
    expected: change.expected,
    note: change.note,
    ...(change.plan ? { plan: change.plan } : {}),
  })
}

/** The makers of the records `deferredReport` keeps as data, by the number each is known by in the log. */
const makers: ((data: never) => ChangeRecord)[] = []

/**
 * `reportChange` for changes made many times over (one per line of a CRLF file): the change is kept as `data`, and
 * its record is made by `make` only if the changes are read.
 */
export function deferredReport<T extends object>(ruleId: string, confident: boolean, make: (data: T) => ChangeRecord): (file: VFile, data: T) => void {
  const id = makers.push(make as (data: never) => ChangeRecord) - 1
  return (file, data) => {
    const log = changeLog(file)
    if (confident) log.counts[ruleId] = (log.counts[ruleId] ?? 0) + 1
    if (!wanted(log, confident)) return
    if (log.mode === 'messages') {
      toVFileMessage(file, make(data))
      return
    }
    log.changes.push(data as unknown as Edit)
    log.actuals.push(undefined)
    log.places.push(-2, id, 0, 0)
  }
}

/** Reports edits of one line, in its current text, all places mapped back to the input in one sweep. */
function reportEdits(file: VFile, log: ChangeLog, node: LineNode, edits: readonly Edit[], actuals: readonly string[]): void {
  // A line no edit changed yet (the first batch on most lines) maps every place to itself: nothing to map.
  let mapped: number[] | undefined
  if (node.data?.shifts !== undefined) {
    const positions: number[] = new Array(edits.length * 2)
    for (let k = 0; k < edits.length; k++) {
      positions[2 * k] = edits[k]!.start
      positions[2 * k + 1] = edits[k]!.end
    }
    mapped = originalOffsets(node, positions)
  }
  const { line, offset } = node.position.start
  const base = offset ?? 0
  for (let k = 0; k < edits.length; k++) {
    const edit = edits[k]!
    const startInLine = mapped === undefined ? edit.start : mapped[2 * k]!
    const endInLine = Math.max(startInLine, mapped === undefined ? edit.end : mapped[2 * k + 1]!)
    if (log.mode !== 'messages') {
      // Kept as the rule gave it: its message is made only if the changes are read.
      log.changes.push(edit)
      log.actuals.push(actuals[k]!)
      log.places.push(line, base, startInLine, endInLine)
      continue
    }
    record(file, log, {
      ruleId: edit.ruleId,
      reason: edit.reason,
      confident: edit.confident,
      line,
      column: startInLine + 1,
      offset: base + startInLine,
      endLine: line,
      endColumn: endInLine + 1,
      endOffset: base + endInLine,
      actual: actuals[k]!,
      expected: edit.replacement,
      note: edit.note,
      ...(edit.plan ? { plan: edit.plan } : {}),
    })
  }
}

function record(file: VFile, log: ChangeLog, change: ChangeRecord): void {
  if (log.mode !== 'messages') {
    log.changes.push(change)
    log.actuals.push(undefined)
    log.places.push(-1, 0, 0, 0)
    return
  }
  toVFileMessage(file, change)
}

/** A record as the VFile message unified plugins would have made: info for an applied change, warning otherwise. */
export function toVFileMessage(file: VFile, change: ChangeRecord): VFileMessage {
  const place = {
    start: { line: change.line, column: change.column, offset: change.offset },
    end: { line: change.endLine, column: change.endColumn, offset: change.endOffset },
  }
  const message = messageWithoutStack(file, change.reason, { place, ruleId: change.ruleId, source: 'zhtidy' }, change.confident)
  message.actual = change.actual
  message.expected = [change.expected]
  if (change.note !== undefined) message.note = change.note
  if (change.plan !== undefined) (message as VFileMessage & { plan?: PlanStep[] }).plan = change.plan
  return message
}

/**
 * `file.info` (for an applied change) or `file.message`, without a stack: a VFileMessage is an Error, and capturing a
 * stack for each of thousands of changes per page costs more than the changes. Its place says where it is.
 */
export function messageWithoutStack(file: VFile, reason: string, options: MessageOptions, info = false): VFileMessage {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return info ? file.info(reason, options) : file.message(reason, options)
  } finally {
    Error.stackTraceLimit = limit
  }
}

import type { Position } from 'unist'
import type { VFile } from 'vfile'
import type { AppliedEdit, Edit, LineNode, Root } from '../types.js'

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
 * The one place that changes line text and reports it.
 * Confident edits are applied and each becomes an info message; unconfident ones become warnings
 * and leave the text alone. Overlapping edits: the first (by start, then by order given) wins,
 * the others are dropped without a message, since they describe text that no longer exists.
 */
export function applyEdits(file: VFile, node: LineNode, edits: readonly Edit[]): number {
  if (edits.length === 0) return 0
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.order - b.order)
  const applied: Edit[] = []
  let lastEnd = -1
  for (const { edit } of sorted) {
    if (edit.start < 0 || edit.end > node.value.length || edit.start > edit.end) {
      throw new RangeError(`zhtidy: rule ${edit.ruleId} proposed an edit [${edit.start}, ${edit.end}) outside a line of length ${node.value.length}`)
    }
    if (edit.start < lastEnd || (edit.start === lastEnd && edit.start === edit.end && applied.length > 0)) continue
    const actual = node.value.slice(edit.start, edit.end)
    if (edit.confident && actual === edit.replacement) continue
    report(file, node, edit, actual)
    if (edit.confident) {
      applied.push(edit)
      lastEnd = edit.end
    }
  }
  if (applied.length === 0) return 0
  let text = ''
  let cursor = 0
  const batch: AppliedEdit[] = []
  for (const edit of applied) {
    text += node.value.slice(cursor, edit.start) + edit.replacement
    cursor = edit.end
    batch.push({ start: edit.start, end: edit.end, length: edit.replacement.length })
  }
  node.value = text + node.value.slice(cursor)
  node.data ??= {}
  ;(node.data.shifts ??= []).push(batch)
  return applied.length
}

/** Removes a whole line (with its line break) and reports the removed text. */
export function removeLine(file: VFile, node: LineNode, ruleId: string, reason: string, confident = true): void {
  if (node.data?.removed) return
  report(file, node, { start: 0, end: node.value.length, replacement: '', ruleId, reason, confident }, node.value)
  if (!confident) return
  node.data ??= {}
  node.data.removed = true
}

/** Runs line rules over every line that is still there, one batch of edits per line. */
export function runLineRules(tree: Root, file: VFile, rules: readonly LineRule[]): void {
  const children = tree.children
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!
    if (node.data?.removed || node.value.length === 0) continue
    for (const rule of rules) {
      const edits = rule(node.value, { index, root: tree, file })
      if (edits.length > 0) applyEdits(file, node, edits)
    }
  }
}

/** Maps an offset in a line's current text back to an offset in its original text. */
export function originalOffset(node: LineNode, offset: number): number {
  const shifts = node.data?.shifts
  if (!shifts) return offset
  let position = offset
  for (let b = shifts.length - 1; b >= 0; b--) {
    let delta = 0
    let mapped: number | undefined
    for (const edit of shifts[b]!) {
      const newStart = edit.start + delta
      const newEnd = newStart + edit.length
      if (position < newStart) break
      if (position < newEnd) {
        mapped = edit.start
        break
      }
      delta += edit.length - (edit.end - edit.start)
    }
    position = mapped ?? position - delta
  }
  return position
}

/** Files whose changes are only counted, not reported one by one (bulk cleaning needs no messages). */
const quietFiles = new WeakSet<VFile>()
const appliedCounts = new WeakMap<VFile, Record<string, number>>()

/** Changes to `file` are counted per rule id but create no messages. */
export function countOnly(file: VFile): void {
  quietFiles.add(file)
}

/** Applied changes per rule id, counted whether or not messages were made. */
export function appliedStats(file: VFile): Record<string, number> {
  return appliedCounts.get(file) ?? {}
}

export interface Change {
  ruleId: string
  reason: string
  confident: boolean
  place: Position
  actual: string
  expected: string
  note?: string | undefined
}

/** The one way a change becomes a message: counted always, and a VFile message unless the file is count-only. */
export function reportChange(file: VFile, change: Change): void {
  if (change.confident) {
    let counts = appliedCounts.get(file)
    if (!counts) appliedCounts.set(file, (counts = {}))
    counts[change.ruleId] = (counts[change.ruleId] ?? 0) + 1
  }
  if (change.confident && quietFiles.has(file)) return
  const options = { place: change.place, ruleId: change.ruleId, source: 'zhtidy' }
  // A VFileMessage is an Error: capturing a stack for each of thousands of edits per page costs more than the edit.
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  let message
  try {
    message = change.confident ? file.info(change.reason, options) : file.message(change.reason, options)
  } finally {
    Error.stackTraceLimit = limit
  }
  message.actual = change.actual
  message.expected = [change.expected]
  if (change.note !== undefined) message.note = change.note
}

function report(file: VFile, node: LineNode, edit: Edit, actual: string): void {
  const startInLine = originalOffset(node, edit.start)
  const endInLine = Math.max(startInLine, originalOffset(node, edit.end))
  const { line, offset } = node.position.start
  const base = offset ?? 0
  const place = {
    start: { line, column: startInLine + 1, offset: base + startInLine },
    end: { line, column: endInLine + 1, offset: base + endInLine },
  }
  reportChange(file, { ruleId: edit.ruleId, reason: edit.reason, confident: edit.confident, place, actual, expected: edit.replacement, note: edit.note })
}

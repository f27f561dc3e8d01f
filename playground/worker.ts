// Runs zhtidy off the page's main thread: a 1 MB paste is cleaned here while the page stays responsive.
//
// Placing changes on the cleaned text: the messages of one tidy run give places in the *input* (mapped back
// through every step), and a later step's `actual` is text as an earlier step left it, so they cannot be laid on
// the output as they are. The worker therefore also runs the selected steps one at a time, each on the previous
// one's output: within one step a message's offset and `actual` are exact in that step's input, and every change
// already placed is carried forward through each later step's edits. When that chain ends in a text other than the
// one tidy run's (it has not on any seed), the changes are not placed and the page lists the messages only.
import { decodeBytes, detect, selectedSteps, tidy } from '../src/index.js'
import type { StepName, TidyMessage } from '../src/types.js'
import { PLACED_LIMIT, type PlacedChange, type TidyFailure, type TidyProgress, type TidyReply, type TidyRequest } from './protocol.js'

declare const self: { onmessage: ((event: { data: TidyRequest }) => void) | null; postMessage(message: unknown): void }

interface Edit {
  start: number
  end: number
  after: string
}

/** Where position `p` of a step's input lands in its output; inside an edit, at the edit's start or end. */
function mapper(edits: Edit[]): (p: number, side: 'start' | 'end') => number {
  // Edits are sorted and disjoint: a binary search over their ends, with the length change before each.
  const before = [0]
  for (const e of edits) before.push(before[before.length - 1]! + e.after.length - (e.end - e.start))
  return (p, side) => {
    let lo = 0
    let hi = edits.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (edits[mid]!.end <= p) lo = mid + 1
      else hi = mid
    }
    const next = edits[lo]
    if (next && next.start < p) return next.start + before[lo]! + (side === 'start' ? 0 : next.after.length)
    return p + before[lo]!
  }
}

/** Tells the page how far the run `id` has got. */
function progress(id: number, done: number, total: number, label: string): void {
  const message: TidyProgress = { id, progress: true, done, total, label }
  self.postMessage(message)
}

function placeChanges(
  input: string | Uint8Array,
  steps: StepName[],
  options: { script: TidyRequest['script'] },
  finalText: string,
  onStep: (index: number, step: StepName) => void,
): PlacedChange[] | undefined {
  let current: string | Uint8Array = input
  let placed: PlacedChange[] = []
  for (const [index, step] of steps.entries()) {
    onStep(index, step)
    const source = typeof current === 'string' ? current : decodeBytes(current).text
    const result = tidy(current, { ...options, only: [step] })
    const edits: (Edit & { message: TidyMessage })[] = []
    const marks: (Edit & { message: TidyMessage })[] = []
    let last = -1
    for (const m of [...result.messages].sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0))) {
      if (m.offset === undefined) continue
      const before = m.actual ?? ''
      const exact = source.startsWith(before, m.offset)
      const end = m.offset + (exact ? before.length : 0)
      if (m.severity === 'info' && exact && m.offset >= last && m.expected?.[0] !== undefined) {
        edits.push({ start: m.offset, end, after: m.expected[0], message: m })
        last = end
      } else {
        marks.push({ start: m.offset, end, after: source.slice(m.offset, end), message: m })
      }
    }
    const map = mapper(edits)
    placed = placed.map((c) => ({ ...c, start: map(c.start, 'start'), end: map(c.end, 'end') }))
    for (const e of [...edits, ...marks]) {
      const start = map(e.start, 'start')
      const applied = edits.includes(e)
      placed.push({
        ruleId: e.message.ruleId,
        step,
        severity: e.message.severity,
        reason: e.message.reason,
        before: e.message.actual ?? '',
        after: applied ? e.after : e.message.expected?.[0] ?? '',
        note: e.message.note,
        start,
        end: applied ? start + e.after.length : map(e.end, 'end'),
        line: 0,
        column: 0,
      })
    }
    current = result.text
  }
  const text = typeof current === 'string' ? current : decodeBytes(current).text
  if (text !== finalText) return undefined
  // Lines and columns in the cleaned text.
  const lineStarts = [0]
  for (let i = finalText.indexOf('\n'); i !== -1; i = finalText.indexOf('\n', i + 1)) lineStarts.push(i + 1)
  for (const c of placed) {
    let lo = 0
    let hi = lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (lineStarts[mid]! <= c.start) lo = mid
      else hi = mid - 1
    }
    c.line = lo + 1
    c.column = c.start - lineStarts[lo]! + 1
  }
  return placed.sort((a, b) => a.start - b.start || a.end - b.end)
}

self.onmessage = ({ data }) => {
  const started = performance.now()
  try {
    const { id, input, script, skip } = data
    const steps = selectedSteps({ skip })
    // Stages: detection, the one tidy run, one per step placed, and the reply.
    const total = steps.length + 3
    progress(id, 0, total, 'Detecting the encoding and script')
    const detected = detect(input)
    progress(id, 1, total, 'Cleaning')
    const result = tidy(input, { script, skip })
    let placed: PlacedChange[] | undefined
    try {
      placed = placeChanges(input, steps, { script }, result.text, (i, step) => progress(id, 2 + i, total, `Placing the changes of ${step} on the cleaned text`))
    } catch {
      placed = undefined
    }
    progress(id, total - 1, total, 'Sending the result to the page')
    const counts: TidyReply['counts'] = {}
    for (const m of result.messages) (counts[m.ruleId] ??= [0, 0])[m.severity === 'info' ? 0 : 1]++
    const reply: TidyReply = {
      id,
      ok: true,
      text: result.text,
      encoding: result.encoding,
      detected: { ...detected, script: { ...detected.script, paragraphs: undefined } },
      counts,
      messages: placed ? undefined : result.messages,
      placed: placed?.slice(0, PLACED_LIMIT),
      placedTotal: placed?.length ?? 0,
      ms: performance.now() - started,
    }
    self.postMessage(reply)
  } catch (error) {
    const failure: TidyFailure = { id: data.id, ok: false, error: error instanceof Error ? error.message : String(error) }
    self.postMessage(failure)
  }
}

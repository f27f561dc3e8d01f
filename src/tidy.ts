import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { decodeBytes, explainBytes } from './decode/index.js'
import { checkBoolean, ZhtidyError } from './errors.js'
import { appliedStats, changeRecordAt, logChanges, type ChangeLog, type ChangeRecord } from './tree/edit.js'
import { checkPresetOptions, type PresetOptions } from './preset.js'
import { createPipeline, settle, type ZhtidyPipeline, type ZhtidyProcessor } from './processor.js'
import { parseFile } from './tree/parse.js'
import { stringifyRoot } from './tree/stringify.js'
import { scriptReport } from './steps/script/detect.js'
import type { DetectResult, TidyMessage, TidyResult } from './types.js'
import type { PlanStep } from './plan.js'

export interface TidyOptions extends PresetOptions {
  /**
   * Make a message for every change (default true). With false, `messages` holds only problems the steps could not
   * repair and decoding errors, `stats` still counts every change, and cleaning a large dump is faster.
   */
  messages?: boolean
}

const pipelines = new Map<string, ZhtidyPipeline>()

/** The frozen processor for these options, built once per process. */
export function processorFor(options: PresetOptions = {}): ZhtidyProcessor {
  return pipelineFor(options).processor
}

/** The processor and the steps tidy() runs for these options, built once per process. */
function pipelineFor(options: PresetOptions): ZhtidyPipeline {
  // The default options (`tidy(text)`, `{ messages: false }`) need no key made for the common call.
  const key = isEmpty(options) ? '{}' : JSON.stringify(options)
  let pipeline = pipelines.get(key)
  if (!pipeline) {
    pipeline = createPipeline(options)
    pipelines.set(key, pipeline)
  }
  return pipeline
}

function isEmpty(options: object): boolean {
  for (const _ in options) return false
  return true
}

/** Cleans one document: a string, or raw bytes in any encoding zhtidy detects. */
export function tidy(value: string | Uint8Array | ArrayBuffer | ArrayBufferView, options: TidyOptions = {}): TidyResult {
  const input = toInput(value)
  checkPresetOptions(options, 'tidy', ['messages'])
  if (options.messages !== undefined) checkBoolean('tidy', 'messages', options.messages)
  const { messages: wantMessages = true, ...presetOptions } = options
  const { steps } = pipelineFor(presetOptions)
  const file = new VFile({ value: input })
  // Changes are kept as plain records and mapped to the result here: no VFileMessage (an Error) per change.
  logChanges(file, wantMessages ? 'records' : 'counts')
  // The processor's parse, steps, settle and stringify, called directly (what `parse`, `runSync` and `stringify` call).
  const tree = parseFile(file)
  for (let k = 0; k < steps.length; k++) steps[k]!(tree, file)
  settle(tree, file, steps)
  const text = stringifyRoot(tree)
  const stats = appliedStats(file)
  const encoding = tree.data?.encoding ?? 'utf-8'
  const parsed = file.messages
  const log = file.data.zhtidy!
  // A few changes become messages at once: an object with an accessor costs more to make than they do.
  if (log.changes.length <= EAGER_MESSAGES) return { text, encoding, messages: tidyMessages(parsed, log), stats }
  // Many are made when first read: the changes wait in the log as the rules gave them (bulk cleaning that reads
  // only the text and the counts makes none). Read, they are a plain array like any other.
  let messages: TidyMessage[] | undefined
  return {
    text,
    encoding,
    get messages(): TidyMessage[] {
      return (messages ??= tidyMessages(parsed, log))
    },
    set messages(value: TidyMessage[]) {
      messages = value
    },
    stats,
  }
}

/** Up to how many changes a result's messages are made before it is returned. */
const EAGER_MESSAGES = 32

function tidyMessages(parsed: readonly VFileMessage[], log: ChangeLog): TidyMessage[] {
  // VFile messages are the parser's (undecodable bytes), made before any step ran.
  const messages = parsed.map(toTidyMessage)
  for (let k = 0; k < log.changes.length; k++) messages.push(recordToTidyMessage(changeRecordAt(log, k)))
  // In the order of their places in the input, as a reader goes through it (steps ran one after another);
  // the sort is stable, so changes at one place keep the order the steps made them in.
  return messages.sort(byPlace)
}

function byPlace(a: TidyMessage, b: TidyMessage): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0)
}

/** A string as it is; bytes in any binary container as a Uint8Array view of the same memory. */
function toInput(value: unknown): string | Uint8Array {
  if (typeof value === 'string' || value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  throw new ZhtidyError('invalid-option', `tidy: the input must be a string or bytes (Uint8Array, Buffer, ArrayBuffer, a typed array or DataView), got ${value === null ? 'null' : typeof value}`)
}

/** The encoding of the input (for bytes), the mojibake in its text, and the script of the text once repaired. */
export function detect(value: string | Uint8Array | ArrayBuffer | ArrayBufferView): DetectResult {
  const input = toInput(value)
  const decoded = typeof input === 'string' ? { encoding: 'utf-8', confidence: 1, text: input } : decodeBytes(input)
  const repaired = tidy(decoded.text, { only: ['encoding'], messages: false })
  const mojibake = Object.fromEntries(Object.entries(repaired.stats).filter(([rule, n]) => rule.startsWith('encoding/') && n > 0))
  // A string was decoded before it got here: nothing to weigh.
  const why = typeof input === 'string' ? { basis: 'text given', candidates: [] } : explainBytes(input)
  return { encoding: decoded.encoding, confidence: decoded.confidence, script: scriptReport(repaired.text), mojibake, basis: why.basis, candidates: why.candidates }
}

export function toTidyMessage(message: VFileMessage): TidyMessage {
  return {
    ruleId: message.ruleId ?? 'unknown',
    source: 'zhtidy',
    reason: message.reason,
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    line: message.line,
    column: message.column,
    offset: message.place && 'start' in message.place ? message.place.start.offset : message.place?.offset,
    actual: message.actual,
    expected: message.expected,
    note: message.note,
    ...((message as VFileMessage & { plan?: PlanStep[] }).plan ? { plan: (message as VFileMessage & { plan?: PlanStep[] }).plan } : {}),
  }
}

function recordToTidyMessage(change: ChangeRecord): TidyMessage {
  return {
    ruleId: change.ruleId,
    source: 'zhtidy',
    reason: change.reason,
    severity: change.confident ? 'info' : 'warning',
    line: change.line,
    column: change.column,
    offset: change.offset,
    actual: change.actual,
    expected: [change.expected],
    note: change.note,
    ...(change.plan ? { plan: change.plan } : {}),
  }
}

import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { decodeBytes } from './decode/index.js'
import { appliedStats, changeRecords, logChanges, type ChangeRecord } from './tree/edit.js'
import type { PresetOptions } from './preset.js'
import { createProcessor, type ZhtidyProcessor } from './processor.js'
import { scriptReport } from './steps/script/detect.js'
import type { DetectResult, Root, TidyMessage, TidyResult } from './types.js'

export interface TidyOptions extends PresetOptions {
  /**
   * Make a message for every change (default true). With false, `messages` holds only problems the steps could not
   * repair and decoding errors, `stats` still counts every change, and cleaning a large dump is faster.
   */
  messages?: boolean
}

const processors = new Map<string, ZhtidyProcessor>()

/** The frozen processor for these options, built once per process. */
export function processorFor(options: PresetOptions = {}): ZhtidyProcessor {
  const key = JSON.stringify(options)
  let processor = processors.get(key)
  if (!processor) {
    processor = createProcessor(options)
    processors.set(key, processor)
  }
  return processor
}

/** Cleans one document: a string, or raw bytes in any encoding zhtidy detects. */
export function tidy(input: string | Uint8Array, options: TidyOptions = {}): TidyResult {
  const { messages: wantMessages = true, ...presetOptions } = options
  const processor = processorFor(presetOptions)
  const file = new VFile({ value: input })
  // Changes are kept as plain records and mapped to the result here: no VFileMessage (an Error) per change.
  logChanges(file, wantMessages ? 'records' : 'counts')
  const tree = processor.parse(file) as Root
  const done = processor.runSync(tree, file) as Root
  const text = processor.stringify(done, file)
  // VFile messages are the parser's (undecodable bytes), made before any step ran.
  const messages = file.messages.map(toTidyMessage)
  for (const change of changeRecords(file)) messages.push(recordToTidyMessage(change))
  const stats = appliedStats(file)
  return { text, encoding: tree.data?.encoding ?? 'utf-8', messages, stats }
}

/** The encoding of the input (for bytes), the mojibake in its text, and the script of the text once repaired. */
export function detect(input: string | Uint8Array): DetectResult {
  const decoded = typeof input === 'string' ? { encoding: 'utf-8', confidence: 1, text: input } : decodeBytes(input)
  const repaired = tidy(decoded.text, { only: ['encoding'], messages: false })
  const mojibake = Object.fromEntries(Object.entries(repaired.stats).filter(([rule, n]) => rule.startsWith('encoding/') && n > 0))
  return { encoding: decoded.encoding, confidence: decoded.confidence, script: scriptReport(repaired.text), mojibake }
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
  }
}

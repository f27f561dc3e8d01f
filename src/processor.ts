import { unified, type Plugin, type Processor } from 'unified'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { preset, steps as stepPlugins, type PresetOptions } from './preset.js'
import { changeRecordAt, logChanges, type ChangeLog } from './tree/edit.js'
import { zhtidyParse } from './tree/parse.js'
import { zhtidyStringify } from './tree/stringify.js'
import type { LineNode, Root } from './types.js'

export type ZhtidyProcessor = Processor<Root, Root, Root, Root, string>

/**
 * A frozen processor: parse → the preset's steps → another look at the lines they changed (`settle`) → stringify.
 * Attachers (and their tables) run once here.
 */
export function createProcessor(options: PresetOptions = {}): ZhtidyProcessor {
  const entries = trackedPreset(options)
  return unified().use(zhtidyParse).use(entries).use(zhtidySettle, entries).use(zhtidyStringify).freeze() as unknown as ZhtidyProcessor
}

/** A step's transformer as its attacher returns it: it changes the tree in place and returns nothing. */
export type StepTransformer = (tree: Root, file: VFile) => void

/** A frozen processor and the same preset's transformers, in order, for tidy() to call directly. */
export interface ZhtidyPipeline {
  processor: ZhtidyProcessor
  steps: readonly StepTransformer[]
}

/**
 * `createProcessor`, and the preset's steps attached once more (their tables are built once per process either way)
 * for tidy(): a record of a dump is short, and unified's run (a callback chain through trough, per step and per
 * document) cost a tenth of a tidy() call on a short record. The steps are synchronous and return nothing, so
 * calling them in order (and then `settle`) is what `runSync` does with them.
 */
export function createPipeline(options: PresetOptions = {}): ZhtidyPipeline {
  const processor = createProcessor(options)
  return { processor, steps: attach(processor, trackedPreset(options)) }
}

type Entry = [Plugin<[any?], Root>, object]

/** The preset's entries, the script step's wrapped to count the edits it makes per line (see `settle`). */
function trackedPreset(options: PresetOptions): Entry[] {
  return (preset(options) as Entry[]).map(([plugin, settings]): Entry => [plugin === stepPlugins.script ? trackedScript : plugin, settings])
}

function attach(processor: unknown, entries: readonly Entry[]): StepTransformer[] {
  return entries.map(([attacher, settings]) => (attacher as unknown as (this: unknown, settings: object) => StepTransformer).call(processor, settings))
}

declare module 'vfile' {
  interface DataMap {
    /** Per line (by index), the batches of edits the script step made since the pipeline's last pass began. */
    zhtidyScriptBatches: Int32Array
  }
}

/** Scratch: each line's count of edit batches before the script step ran (kept between documents). */
let batchesBefore = new Int32Array(0)

/**
 * The script step, counting per line the batches of edits it makes. Converting a line to the target script is
 * all most lines of a clean document ever get (zuozhuan: every line), and a second run of the script step changes
 * nothing it made: `settle` need not look again at a line only it changed.
 */
const trackedScript: Plugin<[any?], Root> = function (this: unknown, settings) {
  const transform = (stepPlugins.script as unknown as (this: unknown, settings: unknown) => StepTransformer).call(this, settings)
  return (tree: Root, file: VFile) => {
    const children = tree.children
    if (batchesBefore.length < children.length) batchesBefore = new Int32Array(Math.max(children.length, 2 * batchesBefore.length))
    for (let k = 0; k < children.length; k++) batchesBefore[k] = children[k]!.data?.shifts?.length ?? 0
    transform(tree, file)
    let made = file.data.zhtidyScriptBatches
    for (let k = 0; k < children.length; k++) {
      const n = (children[k]!.data?.shifts?.length ?? 0) - batchesBefore[k]!
      if (n === 0) continue
      if (made === undefined || made.length < children.length) made = file.data.zhtidyScriptBatches = grown(made, children.length)
      made[k]! += n
    }
  }
}

function grown(array: Int32Array | undefined, length: number): Int32Array {
  const out = new Int32Array(length)
  if (array) out.set(array)
  return out
}

/** The last plugin before stringify: `settle` with the preset's steps (attached once more, with their tables built once). */
const zhtidySettle: Plugin<[Entry[]], Root> = function (this: unknown, entries) {
  const steps = attach(this, entries)
  return (tree: Root, file: VFile) => settle(tree, file, steps)
}

/** At most how many more times the pipeline runs over a document one of whose lines a second run would change. */
const MAX_EXTRA_PASSES = 2

/**
 * What a later run of a step can read otherwise on a line another step changed (issues 14, 17): Latin-1 and
 * windows-1252 letters left of mojibake (a soft hyphen or space taken from inside it), `锟`, `?` after a non-ASCII
 * character (a lost byte), `?\ufffd` (a byte slip once the pinyin or bracket beside it changed), invisible
 * characters, and three Han characters spaced out (letter-spacing, once glued pinyin between them went). Marks
 * common in clean Chinese text (`·`, `×`, `÷`), the windows-1252 punctuation (`“”…—`) and a lone U+FFFD (a lost
 * character, looked at again by the costly repairs of lossy pages) are left out: a line of mojibake holds letters.
 */
const SECOND_LOOK = /[\u0080-\u00b6\u00b8-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0152-\u0192\u02c6-\u02dc\u20ac\u2122\u951f\u200b-\u200f\u2060-\u2064\ufeff]|[^\x00-\x7f]\?|\?\ufffd|[\u3400-\u4dbf\u4e00-\u9fff][ \u00a0][\u3400-\u4dbf\u4e00-\u9fff][ \u00a0][\u3400-\u4dbf\u4e00-\u9fff]/

/**
 * Makes running the pipeline twice change nothing the second time (issues 14 and 17). One step's change can be
 * what an earlier step (on the next run) or the next step reads otherwise: a soft hyphen that was a byte of
 * mojibake, deleted by the unicode step; `?\ufffd`, a byte slip only once the annotations step took the pinyin
 * between. So, after the steps: the lines a step other than script changed in that pass, and that hold what a
 * later run could read otherwise (`SECOND_LOOK`), are run through the steps on their own, as a trial on copies;
 * if that changes one, the steps run once more over the whole document, as a second run would (its changes
 * recorded as usual; a warning the pass before gave at the same place is not given twice). At most
 * MAX_EXTRA_PASSES times. A clean document (no such line changed) costs a look at each line's count of edits.
 */
export function settle(tree: Root, file: VFile, steps: readonly StepTransformer[]): void {
  const children = tree.children
  let since: Int32Array | undefined
  for (let pass = 0; pass < MAX_EXTRA_PASSES; pass++) {
    const made = file.data.zhtidyScriptBatches
    let candidates: LineNode[] | undefined
    for (let k = 0; k < children.length; k++) {
      const node = children[k]!
      const batches = node.data?.shifts?.length ?? 0
      if (batches === 0 || node.data!.removed) continue
      if (batches - (since?.[k] ?? 0) - (made?.[k] ?? 0) <= 0 || !SECOND_LOOK.test(node.value)) continue
      ;(candidates ??= []).push(node)
    }
    if (candidates === undefined || !changedOnTrial(tree, candidates, steps)) return
    since = new Int32Array(children.length)
    for (let k = 0; k < children.length; k++) since[k] = children[k]!.data?.shifts?.length ?? 0
    delete file.data.zhtidyScriptBatches
    const mark = { changes: file.data.zhtidy?.changes.length ?? 0, messages: file.messages.length }
    for (let s = 0; s < steps.length; s++) steps[s]!(tree, file)
    dropRepeatedWarnings(file, mark)
  }
}

/** Whether the steps change a copy of one of these lines, run over them alone (a document of those lines). */
function changedOnTrial(tree: Root, lines: readonly LineNode[], steps: readonly StepTransformer[]): boolean {
  const copies: LineNode[] = lines.map((node) => ({ type: 'line', value: node.value, eol: node.eol, position: node.position }))
  const root: Root = { type: 'root', children: copies, ...(tree.data ? { data: tree.data } : {}) }
  const file = new VFile()
  logChanges(file, 'counts')
  for (let s = 0; s < steps.length; s++) steps[s]!(root, file)
  for (let k = 0; k < copies.length; k++) if (copies[k]!.value !== lines[k]!.value) return true
  return false
}

/** Takes out the warnings made since `mark` that one made before it already gives (same rule, place and text). */
function dropRepeatedWarnings(file: VFile, mark: { changes: number; messages: number }): void {
  const log = file.data.zhtidy
  if (log && log.changes.length > mark.changes) dropRepeatedRecords(log, mark.changes)
  if (file.messages.length > mark.messages) {
    const key = (m: VFileMessage) => `${m.ruleId}\u0000${m.line}\u0000${m.column}\u0000${m.actual}\u0000${m.reason}`
    const given = new Set(file.messages.slice(0, mark.messages).filter((m) => m.fatal === false).map(key))
    const kept = file.messages.slice(mark.messages).filter((m) => m.fatal !== false || !given.has(key(m)))
    file.messages.length = mark.messages
    file.messages.push(...kept)
  }
}

function dropRepeatedRecords(log: ChangeLog, from: number): void {
  const key = (k: number): string | undefined => {
    const change = changeRecordAt(log, k)
    return change.confident ? undefined : `${change.ruleId}\u0000${change.line}\u0000${change.column}\u0000${change.actual}\u0000${change.expected}`
  }
  const fresh: (string | undefined)[] = []
  for (let k = from; k < log.changes.length; k++) fresh.push(key(k))
  if (fresh.every((f) => f === undefined)) return
  const given = new Set<string>()
  for (let k = 0; k < from; k++) {
    // An applied change is no warning: its record need not be made (only a deferred one's is needed to know).
    if (log.places[4 * k]! !== -2 && (log.changes[k] as { confident: boolean }).confident) continue
    const f = key(k)
    if (f !== undefined) given.add(f)
  }
  let to = from
  for (let k = from; k < log.changes.length; k++) {
    const f = fresh[k - from]
    if (f !== undefined && given.has(f)) continue
    log.changes[to] = log.changes[k]!
    log.actuals[to] = log.actuals[k]
    for (let i = 0; i < 4; i++) log.places[4 * to + i] = log.places[4 * k + i]!
    to++
  }
  log.changes.length = to
  log.actuals.length = to
  log.places.length = 4 * to
}

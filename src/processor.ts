import { unified, type Processor } from 'unified'
import type { VFile } from 'vfile'
import { preset, type PresetOptions } from './preset.js'
import { zhtidyParse } from './tree/parse.js'
import { zhtidyStringify } from './tree/stringify.js'
import type { Root } from './types.js'

export type ZhtidyProcessor = Processor<Root, Root, Root, Root, string>

/** A frozen processor: parse → the preset's steps → stringify. Attachers (and their tables) run once here. */
export function createProcessor(options: PresetOptions = {}): ZhtidyProcessor {
  return unified().use(zhtidyParse).use(preset(options)).use(zhtidyStringify).freeze() as unknown as ZhtidyProcessor
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
 * calling them in order is what `runSync` does with them.
 */
export function createPipeline(options: PresetOptions = {}): ZhtidyPipeline {
  const processor = createProcessor(options)
  const steps = preset(options).map((entry) => {
    const [attacher, settings] = entry as [(this: ZhtidyProcessor, settings: object) => StepTransformer, object]
    return attacher.call(processor, settings)
  })
  return { processor, steps }
}

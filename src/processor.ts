import { unified, type Processor } from 'unified'
import { preset, type PresetOptions } from './preset.js'
import { zhtidyParse } from './tree/parse.js'
import { zhtidyStringify } from './tree/stringify.js'
import type { Root } from './types.js'

export type ZhtidyProcessor = Processor<Root, Root, Root, Root, string>

/** A frozen processor: parse → the preset's steps → stringify. Attachers (and their tables) run once here. */
export function createProcessor(options: PresetOptions = {}): ZhtidyProcessor {
  return unified().use(zhtidyParse).use(preset(options)).use(zhtidyStringify).freeze() as unknown as ZhtidyProcessor
}

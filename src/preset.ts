import type { PluggableList, Plugin } from 'unified'
import { checkPresetOptions, checkStepNames, selectedSteps } from './options.js'
import { zhtidyAnnotations, type AnnotationsOptions } from './steps/annotations/index.js'
import { zhtidyBoilerplate, type BoilerplateOptions } from './steps/boilerplate/index.js'
import { zhtidyEncoding, type EncodingOptions } from './steps/encoding/index.js'
import { zhtidyPunctuation, type PunctuationOptions } from './steps/punctuation/index.js'
import { zhtidyScript, type ScriptOptions } from './steps/script/index.js'
import { zhtidyUnicode, type UnicodeOptions } from './steps/unicode/index.js'
import { STEP_NAMES, type Root, type Script, type StepName } from './types.js'

export { checkPresetOptions, checkStepNames, PRESET_OPTION_NAMES, selectedSteps } from './options.js'

/** Each step's plugin, by name. */
export const steps: { readonly [K in StepName]: Plugin<[any?], Root> } = {
  encoding: zhtidyEncoding,
  unicode: zhtidyUnicode,
  annotations: zhtidyAnnotations,
  script: zhtidyScript,
  boilerplate: zhtidyBoilerplate,
  punctuation: zhtidyPunctuation,
}

/** Options of each step, by step name. */
export interface StepOptions {
  encoding?: EncodingOptions
  unicode?: UnicodeOptions
  annotations?: AnnotationsOptions
  script?: Omit<ScriptOptions, 'script'>
  boilerplate?: BoilerplateOptions
  punctuation?: Omit<PunctuationOptions, 'script'>
}

export interface PresetOptions {
  /** Target script (default 'zh-Hans'); the script and punctuation steps follow it. */
  script?: Script
  /** Run only these steps (in preset order). */
  only?: readonly StepName[]
  /** Run every step but these. */
  skip?: readonly StepName[]
  /** Options for single steps. */
  steps?: StepOptions
}

/** The default preset: every step in order, with the options given. */
export function preset(options: PresetOptions = {}): PluggableList {
  checkPresetOptions(options, 'preset')
  const script = options.script ?? 'zh-Hans'
  return selectedSteps(options).map((name): [Plugin<[any?], Root>, object] => {
    const own = (options.steps?.[name] ?? {}) as object
    const withScript = name === 'script' || name === 'punctuation' ? { ...own, script } : own
    return [steps[name], withScript]
  })
}

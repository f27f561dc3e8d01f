import type { PluggableList, Plugin } from 'unified'
import { checkChoice, checkKnownKeys, ZhtidyError } from './errors.js'
import { zhtidyAnnotations, type AnnotationsOptions } from './steps/annotations/index.js'
import { zhtidyBoilerplate, type BoilerplateOptions } from './steps/boilerplate/index.js'
import { zhtidyEncoding, type EncodingOptions } from './steps/encoding/index.js'
import { zhtidyPunctuation, type PunctuationOptions } from './steps/punctuation/index.js'
import { zhtidyScript, type ScriptOptions } from './steps/script/index.js'
import { zhtidyUnicode, type UnicodeOptions } from './steps/unicode/index.js'
import { SCRIPTS, STEP_NAMES, type Root, type Script, type StepName } from './types.js'

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

/** Checks a list of step names, naming the first unknown one. */
export function checkStepNames(names: readonly string[], option: string): StepName[] {
  if (!Array.isArray(names)) {
    throw new ZhtidyError('invalid-option', `option \`${option}\` must be an array of step names (steps: ${STEP_NAMES.join(', ')}), got ${JSON.stringify(names)}`)
  }
  for (const name of names) {
    if (!(STEP_NAMES as readonly string[]).includes(name)) {
      throw new ZhtidyError('invalid-option', `option \`${option}\`: unknown step \`${name}\` (steps: ${STEP_NAMES.join(', ')})`)
    }
  }
  return names as StepName[]
}

/** The ordered list of steps to run for these options. */
export function selectedSteps(options: PresetOptions = {}): StepName[] {
  const only = options.only ? checkStepNames(options.only, 'only') : undefined
  const skip = options.skip ? checkStepNames(options.skip, 'skip') : []
  return STEP_NAMES.filter((name) => (!only || only.includes(name)) && !skip.includes(name))
}

/** The option names of the preset (and of `tidy()`, which adds `messages`). */
export const PRESET_OPTION_NAMES = ['script', 'only', 'skip', 'steps'] as const

/**
 * Checks the preset's own options where they enter: an unknown key (`scirpt`), an unknown step under `steps`
 * (`punctuaton`) or a step's options that are not an object throw, naming what is allowed. Each step checks its
 * own options when it is attached.
 */
export function checkPresetOptions(options: PresetOptions, where = 'zhtidy', extra: readonly string[] = []): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhtidyError('invalid-option', `${where}: options must be an object, got ${JSON.stringify(options)}`)
  }
  checkKnownKeys(where, options, [...PRESET_OPTION_NAMES, ...extra])
  if (options.script !== undefined) checkChoice(where, 'script', options.script, SCRIPTS)
  if (options.steps !== undefined) {
    if (options.steps === null || typeof options.steps !== 'object' || Array.isArray(options.steps)) {
      throw new ZhtidyError('invalid-option', `${where}: option \`steps\` must be an object keyed by step name (steps: ${STEP_NAMES.join(', ')})`)
    }
    checkKnownKeys(`${where}: option \`steps\``, options.steps, STEP_NAMES)
    for (const [name, value] of Object.entries(options.steps)) {
      if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
        throw new ZhtidyError('invalid-option', `${where}: options of step \`${name}\` must be an object, got ${JSON.stringify(value)}`)
      }
    }
  }
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

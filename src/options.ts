import { checkChoice, checkKnownKeys, ZhtidyError } from './errors.js'
import type { PresetOptions } from './preset.js'
import { SCRIPTS, STEP_NAMES, type StepName } from './types.js'

/*
 * The checks of the preset's own options. They load no step, so the command line can report a bad option before
 * anything heavy is loaded; each step checks its own options when it is attached.
 */

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

/** The ordered list of steps to run for these options. */
export function selectedSteps(options: PresetOptions = {}): StepName[] {
  const only = options.only ? checkStepNames(options.only, 'only') : undefined
  const skip = options.skip ? checkStepNames(options.skip, 'skip') : []
  return STEP_NAMES.filter((name) => (!only || only.includes(name)) && !skip.includes(name))
}

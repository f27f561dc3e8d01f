import { checkChoice, checkKnownKeys } from '../../errors.js'
import { SCRIPTS, type Script } from '../../types.js'

export interface ScriptOptions {
  /** Target script. Default 'zh-Hans'. */
  script?: Script
}

export interface ResolvedScriptOptions {
  script: Script
}

export function resolveScriptOptions(options: ScriptOptions | undefined): ResolvedScriptOptions {
  const given = options ?? {}
  checkKnownKeys('script', given, ['script'])
  return { script: given.script === undefined ? 'zh-Hans' : checkChoice('script', 'script', given.script, SCRIPTS) }
}

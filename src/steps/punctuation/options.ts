import { checkBoolean, checkChoice, checkKnownKeys } from '../../errors.js'
import { SCRIPTS, type Script } from '../../types.js'

export interface PunctuationOptions {
  /** The target script; Taiwan and Hong Kong use 「」 for straight quotes. Set by the preset from the top-level `script`. */
  script?: Script
  /** Turn straight double quotes around Chinese into Chinese quotes. Default true. */
  quotes?: boolean
}

export interface ResolvedPunctuationOptions {
  script: Script
  quotes: boolean
}

export function resolvePunctuationOptions(options: PunctuationOptions | undefined): ResolvedPunctuationOptions {
  const given = options ?? {}
  checkKnownKeys('punctuation', given, ['script', 'quotes'])
  return {
    script: given.script === undefined ? 'zh-Hans' : checkChoice('punctuation', 'script', given.script, SCRIPTS),
    quotes: given.quotes === undefined ? true : checkBoolean('punctuation', 'quotes', given.quotes),
  }
}

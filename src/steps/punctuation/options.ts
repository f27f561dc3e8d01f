import { checkBoolean, checkChoice, checkKnownKeys } from '../../errors.js'
import { SCRIPTS, type Script } from '../../types.js'

/** The punctuation conventions: mainland (GB/T 15834), Taiwan, Hong Kong, and ASCII marks for matching. */
export const CONVENTIONS = ['cn', 'tw', 'hk', 'ascii'] as const
export type Convention = (typeof CONVENTIONS)[number]

export interface PunctuationOptions {
  /** The target script; the convention follows it unless `convention` is set. Set by the preset from the top-level `script`. */
  script?: Script
  /**
   * `cn` (GB/T 15834: “” outside, ‘’ inside), `tw` and `hk` (「」 outside, 『』 inside), or `ascii` (full-width marks
   * to ASCII ones). Default: `tw` for zh-TW, `hk` for zh-HK, `cn` otherwise. Set to `cn` explicitly, corner brackets
   * also become curly quotes.
   */
  convention?: Convention
  /** Turn straight double quotes around Chinese into Chinese quotes. Default true. */
  quotes?: boolean
  /** A space between Han and Latin letters or digits, as the copywriting guidelines pangu and autocorrect follow. Default false. */
  spacing?: boolean
}

export interface ResolvedPunctuationOptions {
  script: Script
  convention: Convention
  /** Whether `convention` was given (not derived from the script). */
  conventionGiven: boolean
  quotes: boolean
  spacing: boolean
}

export function resolvePunctuationOptions(options: PunctuationOptions | undefined): ResolvedPunctuationOptions {
  const given = options ?? {}
  checkKnownKeys('punctuation', given, ['script', 'convention', 'quotes', 'spacing'])
  const script = given.script === undefined ? 'zh-Hans' : checkChoice('punctuation', 'script', given.script, SCRIPTS)
  const convention = given.convention === undefined ? conventionOf(script) : checkChoice('punctuation', 'convention', given.convention, CONVENTIONS)
  return {
    script,
    convention,
    conventionGiven: given.convention !== undefined,
    quotes: given.quotes === undefined ? true : checkBoolean('punctuation', 'quotes', given.quotes),
    spacing: given.spacing === undefined ? false : checkBoolean('punctuation', 'spacing', given.spacing),
  }
}

/** The convention a target script implies. */
export const conventionOf = (script: Script): Convention => (script === 'zh-TW' ? 'tw' : script === 'zh-HK' ? 'hk' : 'cn')

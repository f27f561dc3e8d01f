import { checkBoolean, checkKnownKeys } from '../../errors.js'

export interface UnicodeOptions {
  /** Map compatibility ideographs, Kangxi radicals and radical-supplement forms to unified ideographs. Default true. */
  ideographs?: boolean
  /** Full-width ASCII letters and digits to ASCII. Default true. */
  fullwidthAlphanumerics?: boolean
  /** Remove zero-width and control characters. Default true. */
  invisibles?: boolean
  /** Compose to NFC: combining accents and tone marks, singletons such as U+2126 Ω. Default true. */
  nfc?: boolean
  /** HTML entities left in the text (`&amp;`, `&#12290;`, and `#xff1a;` whose `&` was stripped), outside code and markup. Default true. */
  entities?: boolean
  /** Odd spaces to normal ones, letter-spaced Han (`习 近 平`) closed up, runs collapsed, trailing spaces trimmed, CRLF and CR to LF. Default true. */
  spaces?: boolean
}

export type ResolvedUnicodeOptions = Required<UnicodeOptions>

const defaults: ResolvedUnicodeOptions = { ideographs: true, fullwidthAlphanumerics: true, invisibles: true, spaces: true, nfc: true, entities: true }

export function resolveUnicodeOptions(options: UnicodeOptions | undefined): ResolvedUnicodeOptions {
  const given = options ?? {}
  checkKnownKeys('unicode', given, Object.keys(defaults))
  const out = { ...defaults }
  for (const key of Object.keys(defaults) as (keyof ResolvedUnicodeOptions)[]) {
    if (given[key] !== undefined) out[key] = checkBoolean('unicode', key, given[key])
  }
  return out
}

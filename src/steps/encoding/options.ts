import { ZhtidyError, checkKnownKeys } from '../../errors.js'
import { READINGS } from './repair.js'

export interface EncodingOptions {
  /**
   * Which misreadings to undo, by rule name: `utf8-as-latin`, `utf8-as-gbk`, `utf8-as-big5`, `gbk-as-latin`,
   * `big5-as-latin`, `big5-as-gbk`, `gbk-as-big5`. Default: all.
   */
  readings?: string[]
}

export interface ResolvedEncodingOptions {
  readings: typeof READINGS
}

export const READING_NAMES = [...new Set(READINGS.map((r) => r.rule))]

export function resolveEncodingOptions(options: EncodingOptions | undefined): ResolvedEncodingOptions {
  const given = options ?? {}
  checkKnownKeys('encoding', given, ['readings'])
  if (given.readings === undefined) return { readings: READINGS }
  if (!Array.isArray(given.readings)) {
    throw new ZhtidyError('invalid-option', `encoding.readings: expected an array of reading names (${READING_NAMES.join(', ')})`)
  }
  for (const name of given.readings) {
    if (!READING_NAMES.includes(name)) {
      throw new ZhtidyError('invalid-option', `encoding.readings: unknown reading \`${String(name)}\` (known: ${READING_NAMES.join(', ')})`)
    }
  }
  return { readings: READINGS.filter((r) => given.readings!.includes(r.rule)) }
}

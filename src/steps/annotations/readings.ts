import { READINGS } from '../../data/readings.js'

/**
 * Pinyin readings of characters (pinyin-pro's, generated into src/data/readings.ts), read into a map the first time
 * a reading is asked for: a document without glued pinyin or byte slips never builds it. Shared by the
 * glued-pinyin verdict and the byte-slip repair.
 */

/** A syllable without tone marks, `ü` written `v`: `lǜ` → `lv`. */
export const toneless = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ü/g, 'v')

/** readsAs's answers, by syllable then character (no key spelled out per look-up); at most LIMIT of them. */
const readsAsCache = new Map<string, Map<string, boolean>>()
let cached = 0
const LIMIT = 100_000
const NONE: readonly string[] = []

let byChar: Map<string, string[]> | undefined

function table(): Map<string, string[]> {
  if (byChar) return byChar
  const map = new Map<string, string[]>()
  for (const group of READINGS.split('|')) {
    const space = group.indexOf(' ')
    const reading = group.slice(0, space)
    for (const char of group.slice(space + 1)) {
      const known = map.get(char)
      if (known) known.push(reading)
      else map.set(char, [reading])
    }
  }
  byChar = map
  return map
}

/** Look-ups answered by scanning the table string before the whole table is read into a map. */
const SCANS_BEFORE_TABLE = 200
let scans = 0

/** Every reading of a character, with tone marks; none for a character the table does not know. */
export function readings(char: string): readonly string[] {
  if (byChar || ++scans > SCANS_BEFORE_TABLE) return table().get(char) ?? NONE
  // A short text asks for a few characters: finding them in the 80 KB string costs less than reading 21,000
  // characters into a map (about 40 ms), which a long text pays once.
  const found: string[] = []
  for (let at = READINGS.indexOf(char); at >= 0; at = READINGS.indexOf(char, at + char.length)) {
    const start = READINGS.lastIndexOf('|', at) + 1
    const space = READINGS.indexOf(' ', start)
    // Only the characters after the space: a Latin letter asked for must not match inside a reading.
    if (at > space) found.push(READINGS.slice(start, space))
  }
  return found.length === 0 ? NONE : found
}

/** Whether the readings table has been read in this process (for tests of what a run loads). */
export function readingsLoaded(): boolean {
  return byChar !== undefined
}

/** Whether `syllable` (toned or toneless) is a reading of `char`. */
export function readsAs(char: string, syllable: string): boolean {
  let bySyllable = readsAsCache.get(syllable)
  let hit = bySyllable?.get(char)
  if (hit === undefined) {
    const wanted = toneless(syllable)
    hit = readings(char).some((r) => r === syllable || toneless(r) === wanted)
    if (cached < LIMIT) {
      if (!bySyllable) readsAsCache.set(syllable, (bySyllable = new Map()))
      bySyllable.set(char, hit)
      cached++
    }
  }
  return hit
}

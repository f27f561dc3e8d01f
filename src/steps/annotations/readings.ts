import { pinyin } from 'pinyin-pro'

/**
 * Pinyin readings of characters (pinyin-pro's table), cached for the process: a page repeats its few dozen
 * annotated characters, a dump repeats them across pages, and pinyin-pro is slow to ask one character at a time.
 * Shared by the glued-pinyin verdict and the byte-slip repair.
 */

/** A syllable without tone marks, `ü` written `v`: `lǜ` → `lv`. */
export const toneless = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ü/g, 'v')

const readingCache = new Map<string, string[]>()
const readsAsCache = new Map<string, boolean>()
const LIMIT = 100_000

/** Every reading of a character, with tone marks. */
export function readings(char: string): string[] {
  let out = readingCache.get(char)
  if (!out) {
    out = pinyin(char, { multiple: true, type: 'array' }) as string[]
    if (readingCache.size < LIMIT) readingCache.set(char, out)
  }
  return out
}

/** Whether `syllable` (toned or toneless) is a reading of `char`. */
export function readsAs(char: string, syllable: string): boolean {
  const key = `${char}\u0000${syllable}`
  let hit = readsAsCache.get(key)
  if (hit === undefined) {
    const wanted = toneless(syllable)
    hit = readings(char).some((r) => r === syllable || toneless(r) === wanted)
    if (readsAsCache.size < LIMIT) readsAsCache.set(key, hit)
  }
  return hit
}

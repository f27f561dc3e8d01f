// Real Chinese prose that no one here wrote: the paragraphs of Debian's manpages-zh (GFDL-1.2+ / GPL; simplified
// pages under /usr/share/man/zh_CN, traditional ones under zh_TW). Read in place, never copied into the repo.
// CI installs the package (.ci/run); a clone without it skips the tests that need it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'

export const MANPAGES_ROOT = '/usr/share/man'
export const MANPAGES_SKIP = `manpages-zh is not installed (no ${MANPAGES_ROOT}/zh_CN/man1/ab.1.gz): apt-get install manpages-zh to run these tests`
// Other packages (shadow, man-db) put a few pages under zh_CN too, so the check looks for pages only manpages-zh ships.
// ZHTIDY_TEST_NO_MANPAGES=1 runs the suite as a clone without the package would.
export const hasManpages = !process.env.ZHTIDY_TEST_NO_MANPAGES && ['zh_CN', 'zh_TW'].every((locale) => existsSync(path.join(MANPAGES_ROOT, locale, 'man1', 'ab.1.gz')))

export interface Paragraph {
  text: string
  /** `zh_CN/man1/ls.1.gz:14`: where the paragraph starts. */
  source: string
}

const HAN = /\p{Script=Han}/gu

/** Turns one troff line into plain text: macros, font escapes and special characters resolved. */
function plain(line: string): string {
  return line
    .replace(/\\f(?:\[[^\]]*\]|\(..|.)/g, '')
    .replace(/\\[,/&^|:]/g, '')
    .replace(/\\\(em/g, '—')
    .replace(/\\\(en/g, '–')
    .replace(/\\\((?:lq|rq)/g, '"')
    .replace(/\\\(..|\\\[[^\]]*\]/g, '')
    .replace(/\\-/g, '-')
    .replace(/\\e/g, '\\')
    .replace(/\\ /g, ' ')
    .replace(/\\\*\(..|\\\*./g, '')
    .replace(/\\s[-+]?\d/g, '')
    .replace(/\\"/g, '')
    .trim()
}

const cache = new Map<string, Paragraph[]>()

/**
 * The prose paragraphs of one locale's manual pages, in a stable order (sorted paths): text lines between troff
 * macros, joined within a paragraph, kept when at least `minHan` Han characters and mostly Han.
 */
export function manpageParagraphs(locale: 'zh_CN' | 'zh_TW', minHan = 8): Paragraph[] {
  const key = `${locale}:${minHan}`
  const hit = cache.get(key)
  if (hit) return hit
  const out: Paragraph[] = []
  const root = path.join(MANPAGES_ROOT, locale)
  const files: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (name.endsWith('.gz')) files.push(full)
    }
  }
  if (existsSync(root)) walk(root)
  const seen = new Set<string>()
  for (const file of files) {
    let text: string
    try {
      text = gunzipSync(readFileSync(file)).toString('utf8')
    } catch {
      continue
    }
    if (text.includes('\uFFFD')) continue
    const lines = text.split('\n')
    let buffer: string[] = []
    let start = 0
    const flush = (): void => {
      const joined = buffer.join('').replace(/\s+/g, ' ').trim()
      buffer = []
      const han = joined.match(HAN)?.length ?? 0
      if (han >= minHan && han / [...joined].length >= 0.4 && !seen.has(joined)) {
        seen.add(joined)
        out.push({ text: joined, source: `${path.relative(MANPAGES_ROOT, file)}:${start + 1}` })
      }
    }
    lines.forEach((line, index) => {
      if (line.startsWith('.') || line.startsWith("'")) {
        flush()
        return
      }
      if (buffer.length === 0) start = index
      const text = plain(line)
      if (text) buffer.push(text)
    })
    flush()
  }
  cache.set(key, out)
  return out
}

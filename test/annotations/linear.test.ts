// The annotations step on one long line of mirror text: glued pinyin every few characters, byte slips, marks, and
// no line break to bound a run. Four times the text must cost about four times the time, not sixteen: each slip's
// candidates decode and score only what differs between them, the document statistics are counted once, and the
// glued syllables are read once. A ratio measured in the same process, not an absolute time: machines differ.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'

const root = path.resolve(__dirname, '../..')
const mirrorPage = path.resolve(root, '../shared/real-pages/c4cc-004-trad-mirror-nbd-spacepunct-misaligned-afibia.txt')
const sources: [name: string, file: string][] = [
  ['seed 000 (glued pinyin and slips)', path.join(root, 'corpus-samples/000-taiyuan-covid-meeting-pinyin-slips.txt')],
  ...(existsSync(mirrorPage) ? [['a mirror page with punctuation slips', mirrorPage] as [string, string]] : []),
]

/** `chars` characters of the text, its lines joined into one. */
function line(text: string, chars: number): string {
  const flat = text.replace(/\n/g, '')
  return flat.repeat(Math.ceil(chars / flat.length)).slice(0, chars)
}

/** The least CPU time of three runs of the step: the least disturbed on a shared machine. */
function cpuMs(text: string): number {
  let best = Infinity
  for (let k = 0; k < 3; k++) {
    const start = process.cpuUsage()
    tidy(text, { only: ['annotations'], messages: false })
    const used = process.cpuUsage(start)
    best = Math.min(best, (used.user + used.system) / 1000)
  }
  return best
}

describe('the annotations step is linear on long lines', () => {
  for (const [name, file] of sources) {
    it(`${name}: 1 M characters on one line cost less than 8 times 256 K`, () => {
      const text = readFileSync(file, 'utf8')
      const small = line(text, 256 * 1024)
      const large = line(text, 1024 * 1024)
      // Warm up on the small line, and check that the step does its work there.
      const out = tidy(small, { only: ['annotations'], messages: false }).text
      expect(out.length).toBeLessThan(small.length)
      const ratio = cpuMs(large) / cpuMs(small)
      // Linear is 4, quadratic 16.
      expect(ratio).toBeLessThan(8)
    }, 120_000)
  }

  // Issue 14: Han with `?!` or `?,` between the characters is a run of two lost bytes at every other `?`, each with
  // some ten thousand fillings; they cost a list of every plan of the line and every filling written out before.
  for (const unit of ['中?!', '中文?,']) {
    it(`\`${unit}\` repeated: 512 K characters on one line cost less than 8 times 128 K, and change nothing`, () => {
      const small = unit.repeat(Math.ceil((128 * 1024) / unit.length))
      const large = unit.repeat(Math.ceil((512 * 1024) / unit.length))
      expect(tidy(small, { only: ['annotations'], messages: false }).text).toBe(small)
      expect(cpuMs(large) / cpuMs(small)).toBeLessThan(8)
    }, 120_000)
  }
})

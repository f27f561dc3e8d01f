// The repair of one long line of mojibake grows linearly with the line: four times the input may take at most
// eight times as long (a generous bound for a shared machine; superlinear work shows as 16× and more). Times are
// the process's CPU time, measured in the same run.
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
import { COMMON_HAN } from '../../src/data/char-weights.js'

/** About `bytes` of UTF-8 as one line of Chinese prose-like text: common characters and punctuation. */
function chinese(bytes: number): string {
  let seed = 7
  let out = ''
  while (out.length * 3 < bytes) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    out += seed % 13 === 0 ? '，' : seed % 29 === 0 ? '。' : COMMON_HAN[seed % 500]!
  }
  return out
}

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage()
  fn()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

describe('encoding step on one long line', () => {
  it('repairs UTF-8 read as Latin-1 in time linear in the line (256 KB against 1 MB)', () => {
    const small = chinese(256 * 1024)
    const large = chinese(1024 * 1024)
    const misread = (text: string): string => Buffer.from(text, 'utf8').toString('latin1')
    const repair = (text: string): string => tidy(misread(text), { only: ['encoding'], messages: false }).text
    expect(repair(small.slice(0, 2000))).toBe(small.slice(0, 2000))
    const t1 = Math.min(cpuMs(() => repair(small)), cpuMs(() => repair(small)))
    let out = ''
    const t4 = cpuMs(() => (out = repair(large)))
    expect(out).toBe(large)
    expect(t4 / t1).toBeLessThan(8)
  }, 120_000)
})

// Every adversarial pattern of the benchmark (scripts/bench/linear.mjs) runs in linear time: here at sizes a test
// can afford, 8× apart. A linear pattern takes about 8× as long; one that grows with the square of the size takes
// 64×. The bound, 24×, leaves room for a noisy shared machine and still fails on anything quadratic. Times are the
// best of two runs, so one disturbed run does not decide.
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
// @ts-expect-error: a plain ES module of the benchmark, without types
import { adversarialPatterns } from '../../scripts/bench/linear.mjs'

const patterns = adversarialPatterns() as Record<string, (n: number) => string>
const SMALL = 16_000
const FACTOR = 8

function best(text: string): number {
  let least = Infinity
  for (let k = 0; k < 2; k++) {
    const start = performance.now()
    tidy(text, { messages: false })
    least = Math.min(least, performance.now() - start)
  }
  return least
}

describe('linear time on adversarial input', () => {
  tidy('热身', { messages: false })
  for (const [name, make] of Object.entries(patterns)) {
    it(`${name}: ${FACTOR}× the size takes less than ${FACTOR * 3}× the time`, () => {
      const small = best(make(SMALL))
      const large = best(make(SMALL * FACTOR))
      // Below a few milliseconds, timer resolution and GC decide the ratio, not the algorithm.
      expect(large / Math.max(small, 5)).toBeLessThan(FACTOR * 3)
    }, 120_000)
  }
})

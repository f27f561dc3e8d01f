// The windows-1252 screen cut a repair's input into runs of non-ASCII characters with `/[^\u0000-\u007f]+/gu`;
// on 10 MB of UTF-8 read as windows-1252 on one line the regular expression's backtracking stack overflowed
// (`RangeError: Maximum call stack size exceeded`, found by the benchmark's linear group at 10 MB). The loops that
// replace it must give what the patterns give, and take any length.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allBoxDrawing, lettersOnly, nonAsciiRuns } from '../../src/steps/encoding/repair.js'

const text = fc.string({ unit: fc.oneof(fc.constantFrom('a', ' ', '\u00e4', '\u00b8', '\u2500', '\u2510', '\u0410', '中', '\ud83d', '\ude00'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 40 })

describe('the screen of UTF-8 read as windows-1252, without regular expressions over runs', () => {
  it('finds the runs of non-ASCII characters the pattern finds', () => {
    fc.assert(fc.property(text, (s) => {
      expect(nonAsciiRuns(s)).toEqual([...s.matchAll(/[^\u0000-\u007f]+/gu)].map((m) => [m.index, m[0]]))
    }), { numRuns: 5000 })
  })
  it('tells box drawing and letters as the patterns do', () => {
    fc.assert(fc.property(text, (s) => {
      expect(allBoxDrawing(s)).toBe(/^[\u2500-\u259f]+$/u.test(s))
      expect(lettersOnly(s, 2)).toBe(/^\p{L}{2,}$/u.test(s))
    }), { numRuns: 5000 })
  })
  // Whether the pattern overflows depends on the thread's stack (the benchmark's main thread did; a test worker
  // may not), so only the loops are run at that size here.
  it('takes a run of ten million characters', () => {
    const run = 'ä¸­'.repeat(3_400_000)
    const runs = nonAsciiRuns(`ab${run}c`)
    expect(runs).toHaveLength(1)
    expect(runs[0]![0]).toBe(2)
    expect(runs[0]![1].length).toBe(run.length)
    expect(allBoxDrawing('─'.repeat(10_000_000))).toBe(true)
  })
})

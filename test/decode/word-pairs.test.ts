// isWordPair looks pairs up in a hash set built from src/data/word-pairs.ts. The reference here reads the same
// table the plain way (every row's first character with each character after it, as a set of strings) and the
// two must agree on every pair of the table and on random pairs around it.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WORD_PAIRS } from '../../src/data/word-pairs.js'
import { inRows, isWordPair } from '../../src/decode/plausibility.js'

const reference = new Set<string>()
const listed: [number, number][] = []
for (const row of WORD_PAIRS.split(' ')) {
  const chars = [...row]
  if (chars.length < 2) continue
  const first = chars[0]!.codePointAt(0)!
  for (const ch of chars.slice(1)) {
    reference.add(`${first} ${ch.codePointAt(0)!}`)
    listed.push([first, ch.codePointAt(0)!])
  }
}
const inTable = (a: number, b: number) => reference.has(`${a} ${b}`)

describe('isWordPair', () => {
  it('reads the rows in place the same way before the hash set is built', () => {
    expect(listed.filter(([a, b]) => !inRows(a, b))).toEqual([])
    // Pairs next to listed ones, and pairs whose first character starts no row.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: listed.length - 1 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), (i, da, db) => {
        const [a, b] = listed[i]!
        return inRows(a + da, b + db) === inTable(a + da, b + db)
      }),
      { numRuns: 20_000 },
    )
    fc.assert(fc.property(fc.integer({ min: 0, max: 0x10ffff }), fc.integer({ min: 0, max: 0x10ffff }), (a, b) => inRows(a, b) === inTable(a, b)), { numRuns: 5_000 })
  })

  it('finds every pair of the table', () => {
    expect(listed.length).toBeGreaterThan(90_000)
    const missing = listed.filter(([a, b]) => !isWordPair(a, b))
    expect(missing).toEqual([])
  })

  it('agrees with the table on random pairs (Han block, its edges, astral and other characters)', () => {
    const code = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }) },
      { weight: 2, arbitrary: fc.integer({ min: 0x33f0, max: 0x3410 }) },
      { weight: 2, arbitrary: fc.integer({ min: 0x9ff0, max: 0xa010 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0xf900, max: 0xfaff }) },
      { weight: 1, arbitrary: fc.integer({ min: 0x20000, max: 0x2a6df }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x10ffff }) },
    )
    fc.assert(fc.property(code, code, (a, b) => isWordPair(a, b) === inTable(a, b)), { numRuns: 50_000 })
    // Neighbours of listed pairs: the keys next to real ones, where a probe sequence could go wrong.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: listed.length - 1 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), (i, da, db) => {
        const [a, b] = listed[i]!
        return isWordPair(a + da, b + db) === inTable(a + da, b + db)
      }),
      { numRuns: 20_000 },
    )
  })
})

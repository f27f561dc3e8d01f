import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
import { loadCases, runCaseTables } from '../helpers/cases.js'

runCaseTables('punctuation')

describe('punctuation laws', () => {
  it('a second run changes nothing (over every case input)', () => {
    for (const kind of ['in-the-wild', 'synthetic', 'negative'] as const) {
      for (const c of loadCases('punctuation', kind)) {
        const once = tidy(c.in, { only: ['punctuation'], ...c.options }).text
        expect(tidy(once, { only: ['punctuation'], ...c.options }).text).toBe(once)
      }
    }
  })

  it('text without Han characters is never changed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => {
        expect(tidy(s, { only: ['punctuation'] }).text).toBe(s)
      }),
      { numRuns: 500 },
    )
  })
})

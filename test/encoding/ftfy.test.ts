// ftfy's own public test cases (Apache-2.0, ../shared/suites/ftfy, read in place): the encoding step alone,
// compared with `fixed-encoding` (what ftfy.fix_encoding gives; ftfy 6.3.1 matches 151/151 expect-pass cases).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'

const SUITE = path.resolve(__dirname, '../../../shared/suites/ftfy')
const present = existsSync(SUITE)
if (!present) console.warn(`test/encoding/ftfy.test.ts: ${SUITE} is absent (a clone without ../shared); skipping ftfy's suite`)

interface FtfyCase {
  label: string
  original: string
  fixed: string
  'fixed-encoding'?: string
  expect: 'pass' | 'fail'
}

/** Negative cases we still get wrong, with why: each must keep failing until fixed, then leave this list. */
const KNOWN_NEGATIVE_FAILURES = new Map<string, string>([])

describe.skipIf(!present)("ftfy's public test cases", () => {
  const load = (name: string): FtfyCase[] => (present ? (JSON.parse(readFileSync(path.join(SUITE, name), 'utf8')) as FtfyCase[]) : [])
  const files = ['in-the-wild.json', 'synthetic.json', 'negative.json', 'language-names.json']
  const cases = files.flatMap((file) => load(file).map((c) => ({ ...c, file })))
  const run = (c: FtfyCase): string => tidy(c.original, { only: ['encoding'] }).text
  const expected = (c: FtfyCase): string => c['fixed-encoding'] ?? c.fixed

  it('passes every expect-pass case, as often as ftfy itself (151/151)', () => {
    const pass = cases.filter((c) => c.expect === 'pass')
    const ok = pass.filter((c) => run(c) === expected(c))
    const byFile = files.map((file) => `${file} ${ok.filter((c) => c.file === file).length}/${pass.filter((c) => c.file === file).length}`)
    console.log(`ftfy suite, encoding step alone: ${ok.length}/${pass.length} (${byFile.join(', ')}); ftfy 6.3.1: 151/151`)
    expect(pass.length).toBe(151)
    expect(pass.filter((c) => run(c) !== expected(c)).map((c) => `${c.file}: ${c.label}`)).toEqual([])
  })

  it('leaves the negative cases alone (text that only looks like mojibake)', () => {
    const negatives = cases.filter((c) => c.expect === 'pass' && c.original === expected(c))
    expect(negatives.length).toBeGreaterThan(25)
    const broken = negatives.filter((c) => run(c) !== c.original).map((c) => c.label)
    expect(broken.filter((label) => !KNOWN_NEGATIVE_FAILURES.has(label))).toEqual([])
    for (const label of KNOWN_NEGATIVE_FAILURES.keys()) expect(broken, `known failure now passes, remove it: ${label}`).toContain(label)
  })
})

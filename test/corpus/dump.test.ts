// Corpus mode on a dump of many pages of a few real sites (see test/helpers/site-dump.ts): the furniture each
// site repeats on every page is found and removed, every article paragraph kept; two shards merged give the table
// and the cleaned pages one pass gives.
import { describe, expect, it } from 'vitest'
import { normaliseLine, visibleLength } from '../../src/corpus/fingerprint.js'
import { DEFAULT_REPEATED_MIN_LENGTH } from '../../src/corpus/repeated.js'
import { countLines, tidy, type LineTable } from '../../src/index.js'
import { BOILERPLATE_RULE_IDS } from '../../src/steps/boilerplate/rules.js'
import { dumpSkipReason, PAGES_PER_SITE, SITES, siteDump } from '../helpers/site-dump.js'

const skip = dumpSkipReason()
if (skip) console.warn(`test/corpus/dump.test.ts: ${skip}; skipping`)

/** The boilerplate step with only the corpus rule on, so that what goes is what the table says. */
function cleanAlone(text: string, table: LineTable) {
  return tidy(text, { only: ['boilerplate'], messages: true, steps: { boilerplate: { disable: [...BOILERPLATE_RULE_IDS], repeated: { table, min: 10 } } } })
}

describe.skipIf(skip !== undefined)('corpus mode on a dump of real sites', () => {
  const dump = skip ? [] : siteDump()
  const table = skip ? undefined! : countLines(dump.map((page) => page.text))

  it('counts each site furniture line in every page of its site, and each article paragraph once', () => {
    expect(dump).toHaveLength(SITES.length * PAGES_PER_SITE)
    expect(table.documents).toBe(dump.length)
    for (const page of dump) {
      for (const line of page.furniture) expect(table.countOf(normaliseLine(line))).toBeGreaterThanOrEqual(PAGES_PER_SITE)
      for (const paragraph of page.article) expect(table.countOf(normaliseLine(paragraph))).toBeLessThan(3)
    }
    // `corpus top`: the heaviest lines are furniture.
    const furniture = new Set(dump.flatMap((page) => page.furniture.map(normaliseLine)))
    for (const entry of table.top(50)) expect(furniture).toContain(entry.text)
  })

  it('removes every furniture line long enough to judge, and keeps every article paragraph and every short line', () => {
    let removed = 0
    let kept = 0
    for (const page of dump) {
      const result = cleanAlone(page.text, table)
      const longEnough = (line: string) => visibleLength(normaliseLine(line)) >= DEFAULT_REPEATED_MIN_LENGTH
      const expected = page.text.split('\n').filter((line) => !(page.furniture.includes(line) && longEnough(line)))
      expect(result.text.split('\n')).toEqual(expected)
      for (const m of result.messages) expect(m.ruleId).toBe('boilerplate/repeated')
      removed += result.messages.length
      kept += page.furniture.filter((line) => !longEnough(line)).length
    }
    // Most furniture is long enough: menus of four characters and more, footers, contact lines.
    expect(removed).toBeGreaterThan(4 * kept)
  })

  it('with every step and rule on, the corpus rule removes the furniture the page rules leave, and only that', () => {
    const withTable = { steps: { boilerplate: { repeated: { table, min: 10 } } } }
    let leftWithout = 0
    for (const page of dump.filter((_, k) => k % 5 === 0)) {
      const furniture = new Set(page.furniture.filter((line) => visibleLength(normaliseLine(line)) >= DEFAULT_REPEATED_MIN_LENGTH).map((line) => tidy(line).text))
      // A furniture line that the page rules remove even alone cleans to nothing.
      furniture.delete('')
      const without = tidy(page.text).text.split('\n')
      leftWithout += without.filter((line) => furniture.has(line)).length
      // The same page cleaned with the table: the lines it gave without, less the furniture.
      expect(tidy(page.text, withTable).text.split('\n')).toEqual(without.filter((line) => !furniture.has(line)))
    }
    // What the page rules alone leave of it on these 12 pages: the corpus rule has something to do (the page rules
    // of issue 15 leave 15 such lines, those before them more than 100).
    expect(leftWithout).toBeGreaterThan(5)
  })

  it('two shards counted apart and merged give the same table, byte for byte, and the same cleaned pages', () => {
    const texts = dump.map((page) => page.text)
    for (const cut of [1, 23, texts.length >> 1]) {
      const merged = countLines(texts.slice(0, cut)).merge(countLines(texts.slice(cut)))
      expect(Buffer.from(merged.encode()).equals(Buffer.from(table.encode()))).toBe(true)
    }
    // Interleaved shards (as --shard shares files): page k to shard k mod 2.
    const interleaved = countLines(texts.filter((_, k) => k % 2 === 0)).merge(countLines(texts.filter((_, k) => k % 2 === 1)))
    expect(Buffer.from(interleaved.encode()).equals(Buffer.from(table.encode()))).toBe(true)
    for (const text of texts.slice(0, 5)) expect(cleanAlone(text, interleaved).text).toBe(cleanAlone(text, table).text)
  })
})

// The encoding step on real scraped pages (../shared/real-pages, read in place; see its SOURCES.md): pages that
// lost bytes to a strict GB2312 decoder are not UTF-8 read as GBK, whatever their U+FFFD look like.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'

const PAGES = path.resolve(__dirname, '../../../shared/real-pages')
const present = existsSync(PAGES)
if (!present) console.warn(`test/encoding/real-pages.test.ts: ${PAGES} is absent (a clone without ../shared); skipping`)

describe.skipIf(!present)('encoding step on real pages', () => {
  for (const name of ['c4cc-046-gb2312-lossy-trad-hijack-llyfty.txt', 'c4cc-071-gb2312-lossy-keyword-injection-shucaituopiji.txt']) {
    it(`${name}: lost bytes are marked, nothing is "repaired" over them`, () => {
      const { messages } = tidy(readFileSync(path.join(PAGES, name)), { only: ['encoding'] })
      const rules = new Set(messages.map((m) => m.ruleId))
      // A GBK page read as GB2312: the characters outside GB2312 are gone, a guess over them is invention.
      expect([...rules].filter((rule) => rule !== 'encoding/lost-bytes')).toEqual([])
      expect(rules.has('encoding/lost-bytes')).toBe(true)
    })
  }
})

// `--script keep` on real traditional text that no one here wrote: Debian's manpages-zh zh_TW pages (read in place)
// and the traditional outputs of OpenCC's own test cases (shared/suites/opencc). Keep means keep (issue 16): a
// clean traditional page changes in no character but punctuation.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
import { hasManpages, manpageParagraphs, MANPAGES_SKIP } from '../helpers/manpages.js'

const suite = path.resolve(import.meta.dirname, '../../../shared/suites/opencc')
const present = existsSync(path.join(suite, 'testcases.json'))
if (!present) console.warn(`test/script/keep.test.ts: ${suite} is absent, the OpenCC part is skipped`)
if (!hasManpages) console.warn(`test/script/keep.test.ts: ${MANPAGES_SKIP}`)

/** Han characters the step changed (punctuation and other symbols are not counted). */
function hanChanges(text: string): string[] {
  const result = tidy(text, { only: ['script'], script: 'keep' })
  return result.messages.map((m) => `${m.actual ?? ''}→${(m.expected ?? []).join('')}`).filter((change) => /\p{Script=Han}/u.test(change))
}

describe('--script keep on clean traditional text', () => {
  it.skipIf(!hasManpages)('changes no Han character of the zh_TW manual pages (one document)', () => {
    const paragraphs = manpageParagraphs('zh_TW')
    expect(paragraphs.length).toBeGreaterThan(3000)
    expect(hanChanges(paragraphs.map((p) => p.text).join('\n')).slice(0, 10)).toEqual([])
  })

  it.skipIf(!present)("changes no Han character of OpenCC's traditional test outputs (s2t, s2tw, s2hk, s2twp)", () => {
    const raw = readFileSync(path.join(suite, 'testcases.json'), 'utf8').replace(/,(\s*[}\]])/g, '$1')
    const cases = (JSON.parse(raw) as { cases: { expected: Record<string, string> }[] }).cases
    const traditional = cases.flatMap((c) => Object.entries(c.expected).filter(([config]) => /^s2(t|tw|hk|twp)$/.test(config)).map(([, text]) => text))
    expect(traditional.length).toBeGreaterThan(50)
    expect(hanChanges(traditional.join('\n'))).toEqual([])
  })

  it('still converts the simplified-only characters of a traditional page, and shared ones inside their phrase', () => {
    const result = tidy('這是一篇繁體文章，我們說話。后来这里发生了变化。', { only: ['script'], script: 'keep' })
    expect(result.text).toBe('這是一篇繁體文章，我們說話。後來這裏發生了變化。')
  })
})

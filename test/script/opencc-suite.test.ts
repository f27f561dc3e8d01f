import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tidy, type Script } from '../../src/index.js'
import { SIMPLIFIED_ONLY } from '../../src/data/script-chars.js'

// OpenCC's public test data, read in place from the shared folder (never copied into the repository).
const suite = path.resolve(__dirname, '../../../shared/suites/opencc')
const present = existsSync(path.join(suite, 'testcases.json'))
if (!present) console.warn(`script: ${suite} is absent; the OpenCC suite tests are skipped`)

/** The OpenCC configurations each target of the step stands for. */
const SUPPORTED: Record<string, Exclude<Script, 'keep'>> = {
  t2s: 'zh-Hans',
  tw2s: 'zh-Hans',
  hk2s: 'zh-Hans',
  s2t: 'zh-Hant',
  s2twp: 'zh-TW',
  s2hk: 'zh-HK',
}

/**
 * Cases the step gets differently from OpenCC, each for a reason it chooses (see the step's README section).
 * A case that starts passing fails the test, so that it is taken off this list.
 */
const KNOWN_MISSES: Record<string, string[]> = {
  // PR_1228, PR_1229, PR_464_xi: TSCharacters mappings opencc-js 1.4.2 leaves out on purpose (its documented skips).
  t2s: ['BYVoid_OpenCC_PR_1228_existing_behaviors', 'BYVoid_OpenCC_PR_1229_existing_behaviors', 'BYVoid_OpenCC_PR_464_xi_vs_xi'],
  // These inputs put a simplified and a traditional half on one line; the step decides per line whether the text
  // is traditional (then Taiwan forms such as 著 of zhe are undone first), and these lines count as simplified.
  tw2s: ['BYVoid_OpenCC_Issue_1469_simplified_me_passthrough', 'BYVoid_OpenCC_Issue_767_solace'],
  // Mixed input is normalised to simplified first: 汙 (Taiwan's form) becomes OpenCC's 污.
  s2t: ['dioxin_terms_tw_tw2sp'],
  // 喫茶 next to a kept 舖: the normalised run 吃茶小铺 has no phrase for 喫茶 in Taiwan or Hong Kong tables.
  s2twp: ['BYVoid_OpenCC_PR_447_s2x'],
  s2hk: ['BYVoid_OpenCC_PR_447_s2x'],
}

interface OpenccCase {
  id: string
  input: string
  expected: Record<string, string>
}

function loadCases(): OpenccCase[] {
  // The file is JSONC (a trailing comma), see SOURCE.md.
  const text = readFileSync(path.join(suite, 'testcases.json'), 'utf8').replace(/,(\s*[}\]])/g, '$1')
  return (JSON.parse(text) as { cases: OpenccCase[] }).cases
}

const convert = (input: string, script: Script) => tidy(input, { only: ['script'], script }).text

describe.skipIf(!present)('OpenCC test cases through the script step', () => {
  const cases = present ? loadCases() : []
  for (const [config, target] of Object.entries(SUPPORTED)) {
    const mine = cases.filter((c) => c.expected[config] !== undefined)
    const known = new Set(KNOWN_MISSES[config] ?? [])
    it(`${config} → ${target}: every case but the known misses (${mine.length - known.size}/${mine.length})`, () => {
      const misses = mine.filter((c) => convert(c.input, target) !== c.expected[config]).map((c) => c.id)
      expect(misses.sort()).toEqual([...known].sort())
    })
  }
})

describe.skipIf(!present)('OpenCC golden text (us_constitution_zhs, 22 KB)', () => {
  const golden = path.join(suite, 'golden')
  const read = (name: string) => readFileSync(path.join(golden, name), 'utf8')
  const input = present ? read('input/us_constitution_zhs.txt') : ''
  const simplifiedOnly = new Set(SIMPLIFIED_ONLY)
  for (const [config, target] of [['s2t', 'zh-Hant'], ['s2twp', 'zh-TW'], ['s2hk', 'zh-HK']] as const) {
    it(`${config}: the simplified input comes out as OpenCC's golden output`, () => {
      expect(convert(input, target)).toBe(read(`output/us_constitution_zhs.${config}.txt`))
    })
    it(`${config}: the golden output is left as it is (nothing converted twice)`, () => {
      const gold = read(`output/us_constitution_zhs.${config}.txt`)
      expect(convert(gold, target)).toBe(gold)
    })
    it(`${config}: a mirror-style character-by-character conversion is repaired to the golden output`, () => {
      // What mirror pages do: every simplified-only character to its first traditional form, one by one,
      // the characters written in both scripts (后, 里, 于) left as they are.
      const oneByOne = [...input].map((ch) => (simplifiedOnly.has(ch) ? convert(ch, 'zh-TW') : ch)).join('')
      expect(oneByOne).not.toBe(input)
      expect(convert(oneByOne, target)).toBe(read(`output/us_constitution_zhs.${config}.txt`))
    })
  }
  it('zh-Hans: the mirror-style conversion goes back to the simplified input', () => {
    const oneByOne = [...input].map((ch) => (simplifiedOnly.has(ch) ? convert(ch, 'zh-Hant') : ch)).join('')
    expect(convert(oneByOne, 'zh-Hans')).toBe(input)
  })
})

import { charConverter } from '../../../src/convert/index.js'
import type { LineRule } from '../../../src/tree/edit.js'
import type { Edit, Root } from '../../../src/types.js'
import { readsAs } from '../../../src/steps/annotations/readings.js'

/**
 * Pinyin glued onto characters: an artifact of converter sites, or a real gloss? Decided per document.
 *
 * Converter sites annotate only characters their conversion changed, at every occurrence, many per page; learner
 * texts annotate every character, changed or not; a lesson glosses one word. So the artifact is: at least
 * MIN_ARTIFACTS annotations, nearly all on characters that differ between the scripts. The toneless variant
 * (`烟(yan)台市(shi)`) annotates simplified characters at random, so for it many annotations that are readings of
 * their characters are enough, as long as the document does not annotate (nearly) every character.
 */

const TONED = '[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*'
const TONELESS = '[a-zü]{1,6}'
const GLUED = new RegExp(`(?<=([\\u4e00-\\u9fff]))\\((${TONED}|${TONELESS}) ?\\)`, 'g')

const MIN_ARTIFACTS = 3
const MIN_TONELESS_ARTIFACTS = 5
/** Texts this short (in Han characters) cannot show the page-wide pattern; the converted-only test alone decides. */
const SHORT_TEXT = 40
/** Share of annotated characters that must be converted ones for the converter pattern. */
const CONVERTED_SHARE = 0.8
/** At or above this share of Han characters annotated, a document is a learner text. */
const LEARNER_SHARE = 0.5

// Per-character answers are cached for the process, as readings are (./readings.ts): OpenCC is slow to ask one
// character at a time.
const convertedCache = new Map<string, boolean>()
const readingCache = new Map<string, boolean>()

function isConverted(char: string): boolean {
  let hit = convertedCache.get(char)
  if (hit === undefined) {
    hit = charConverter('t2s')(char) !== char || charConverter('s2t')(char) !== char
    if (convertedCache.size < 100_000) convertedCache.set(char, hit)
  }
  return hit
}

/** Whether `syllable` is a reading of `char` or of its simplified counterpart. */
function isReading(char: string, syllable: string): boolean {
  const key = `${char}\u0000${syllable}`
  let hit = readingCache.get(key)
  if (hit === undefined) {
    const counterpart = charConverter('t2s')(char)
    hit = readsAs(char, syllable) || (counterpart !== char && readsAs(counterpart, syllable))
    if (readingCache.size < 100_000) readingCache.set(key, hit)
  }
  return hit
}

/** What may follow the `(` of glued pinyin: the first letter of a syllable. */
const SYLLABLE_START = new Uint8Array(0x10000)
for (const ch of 'abcdefghijklmnopqrstuvwxyzüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ') SYLLABLE_START[ch.charCodeAt(0)] = 1

/** Whether a line may hold glued pinyin: `(` after a Han character and before a syllable's first letter. */
export function mayGlue(line: string): boolean {
  // Fixed as in today's step: from every `(`, the first too (a line opening with `(1)` was skipped whole).
  for (let i = line.indexOf('('); i >= 0; i = line.indexOf('(', i + 1)) {
    const before = line.charCodeAt(i - 1)
    if (before >= 0x4e00 && before <= 0x9fff && SYLLABLE_START[line.charCodeAt(i + 1)] === 1) return true
  }
  return false
}

function countHan(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x4e00 && c <= 0x9fff) n++
  }
  return n
}

export interface GluedVerdict {
  artifact: boolean
  why: string
}

/** Looks at every annotation of the document once and decides whether they are converter artifacts. */
export function judgeDocument(tree: Root): GluedVerdict {
  let toned = 0
  let toneless = 0
  let onConverted = 0
  let readings = 0
  for (const node of tree.children) {
    if (node.data?.removed || !mayGlue(node.value)) continue
    for (const m of node.value.matchAll(GLUED)) {
      const char = m[1]!
      const syllable = m[2]!
      if (!isReading(char, syllable)) continue
      readings++
      if (/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/.test(syllable)) toned++
      else toneless++
      if (isConverted(char)) onConverted++
    }
  }
  if (readings === 0) return { artifact: false, why: 'no annotations' }
  // Only a document with annotations needs its length in Han characters.
  let han = 0
  for (const node of tree.children) if (!node.data?.removed) han += countHan(node.value)
  // Converter sites annotate only characters their conversion changed: on a page that is the pattern; on a short
  // record even one or two such annotations are (a lesson glosses polyphones such as 行(háng), which no conversion changes).
  if ((toned >= MIN_ARTIFACTS || han <= SHORT_TEXT) && toned > 0 && onConverted / readings >= CONVERTED_SHARE) {
    return { artifact: true, why: `${readings} annotations, ${onConverted} on characters a conversion changes` }
  }
  // Learner texts annotate every character; the toneless variant annotates some at random.
  if (toneless >= MIN_TONELESS_ARTIFACTS && readings / Math.max(1, han) < LEARNER_SHARE) {
    return { artifact: true, why: `${toneless} toneless annotations glued to the characters they read` }
  }
  return { artifact: false, why: `${readings} annotations, ${onConverted} on converted characters: glosses` }
}

/** Removes glued pinyin that is a reading of the character before it, in a document judged an artifact. */
export function gluedPinyinRule(verdict: () => GluedVerdict): LineRule {
  return (line) => {
    if (!mayGlue(line)) return []
    const v = verdict()
    if (!v.artifact) return []
    const edits: Edit[] = []
    for (const m of line.matchAll(GLUED)) {
      if (!isReading(m[1]!, m[2]!)) continue
      edits.push({
        start: m.index,
        end: m.index + m[0].length,
        replacement: '',
        ruleId: 'annotations/glued-pinyin',
        reason: `Unexpected glued pinyin \`${m[0]}\` after \`${m[1]}\`, expected nothing`,
        confident: true,
        note: v.why,
      })
    }
    return edits
  }
}

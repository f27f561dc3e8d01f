import { charConverter } from '../../convert/index.js'
import type { LineRule } from '../../tree/edit.js'
import type { Edit, Root } from '../../types.js'
import { readsAs } from './readings.js'

/**
 * Pinyin glued onto characters: an artifact of converter sites, or a real gloss? Decided per document.
 *
 * Converter sites annotate only characters their conversion changed, at every occurrence, many per page; learner
 * texts annotate every character, changed or not; a lesson glosses one word. So the artifact is: at least
 * MIN_ARTIFACTS annotations, nearly all on characters that differ between the scripts. The toneless variant
 * (`烟(yan)台市(shi)`) annotates simplified characters at random, so for it many annotations that are readings of
 * their characters are enough, as long as the document does not annotate (nearly) every character.
 */

const MIN_ARTIFACTS = 3
const MIN_TONELESS_ARTIFACTS = 5
/** Texts this short (in Han characters) cannot show the page-wide pattern; the converted-only test alone decides. */
const SHORT_TEXT = 40
/** Share of annotated characters that must be converted ones for the converter pattern. */
const CONVERTED_SHARE = 0.8
/** At or above this share of Han characters annotated, a document is a learner text. */
const LEARNER_SHARE = 0.5

// Per-character answers are cached for the process, as readings are (./readings.ts): OpenCC is slow to ask one
// character at a time. Readings by character (U+4E00–U+9FFF, what glued pinyin follows), then syllable: a key
// spelled out per look-up cost more than the look-up.
/** Whether a conversion changes a character (U+4E00–U+9FFF): 0 not asked yet, 1 no, 2 yes. */
const convertedCache = new Uint8Array(0xa000 - 0x4e00)
const readingCache: (Map<string, boolean> | undefined)[] = new Array(0xa000 - 0x4e00).fill(undefined)
let readingsCached = 0

/** Whether a conversion changes `char` (U+4E00–U+9FFF, what glued pinyin follows). */
function isConverted(char: string): boolean {
  const at = char.charCodeAt(0) - 0x4e00
  if (convertedCache[at] === 0) convertedCache[at] = charConverter('t2s')(char) !== char || charConverter('s2t')(char) !== char ? 2 : 1
  return convertedCache[at] === 2
}

/** Whether `syllable` is a reading of `char` (U+4E00–U+9FFF) or of its simplified counterpart. */
function isReading(char: string, syllable: string): boolean {
  const row = (readingCache[char.charCodeAt(0) - 0x4e00] ??= new Map())
  let hit = row.get(syllable)
  if (hit === undefined) {
    const counterpart = charConverter('t2s')(char)
    hit = readsAs(char, syllable) || (counterpart !== char && readsAs(counterpart, syllable))
    if (readingsCached++ < 100_000) row.set(syllable, hit)
  }
  return hit
}

/** Letters of a syllable: 1 for a–z and ü, 2 for a vowel with a tone mark. */
const SYLLABLE_LETTER = new Uint8Array(0x10000)
for (const ch of 'abcdefghijklmnopqrstuvwxyzü') SYLLABLE_LETTER[ch.charCodeAt(0)] = 1
for (const ch of 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ') SYLLABLE_LETTER[ch.charCodeAt(0)] = 2

/** Whether a line may hold glued pinyin: `(` after a Han character and before a syllable's first letter. */
export function mayGlue(line: string): boolean {
  // From every `(`, the first too: a line that opens with `(1)` can hold glued pinyin further on.
  for (let i = line.indexOf('('); i >= 0; i = line.indexOf('(', i + 1)) {
    const before = line.charCodeAt(i - 1)
    if (before >= 0x4e00 && before <= 0x9fff && SYLLABLE_LETTER[line.charCodeAt(i + 1)]! > 0) return true
  }
  return false
}

/** One glued syllable: the Han character before it, the syllable, and where `(…)` starts and ends. */
interface Glued {
  char: string
  syllable: string
  toned: boolean
  start: number
  end: number
}

/**
 * Every glued syllable of a line, left to right: `(` right after a Han character (U+4E00–U+9FFF), a syllable, maybe
 * a space, `)`. A syllable is letters a–z and ü with exactly one toned vowel (`xué`), or one to six of them
 * without (`yan`). Scanned by hand from each `(`: a regex tried at each of them cost more than the rest of the step.
 */
function gluedIn(line: string): Glued[] {
  const found: Glued[] = []
  for (let i = line.indexOf('('); i >= 0; i = line.indexOf('(', i + 1)) {
    const before = line.charCodeAt(i - 1)
    if (i === 0 || before < 0x4e00 || before > 0x9fff) continue
    let j = i + 1
    let tones = 0
    for (let kind; (kind = SYLLABLE_LETTER[line.charCodeAt(j)]) !== undefined && kind !== 0; j++) if (kind === 2) tones++
    const length = j - i - 1
    if (tones > 1 || length === 0 || (tones === 0 && length > 6)) continue
    const syllableEnd = j
    if (line.charCodeAt(j) === 0x20) j++
    if (line.charCodeAt(j) !== 0x29) continue
    found.push({ char: line[i - 1]!, syllable: line.slice(i + 1, syllableEnd), toned: tones === 1, start: i, end: j + 1 })
    i = j
  }
  return found
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
  /** The glued syllables the verdict read, by line index, with the text they were read from. */
  seen: ReadonlyMap<number, { value: string; glued: readonly Glued[] }>
}

/** Looks at every annotation of the document once and decides whether they are converter artifacts. */
export function judgeDocument(tree: Root): GluedVerdict {
  let toned = 0
  let toneless = 0
  let onConverted = 0
  let readings = 0
  const seen = new Map<number, { value: string; glued: readonly Glued[] }>()
  tree.children.forEach((node, index) => {
    if (node.data?.removed || !mayGlue(node.value)) return
    const glued = gluedIn(node.value)
    seen.set(index, { value: node.value, glued })
    for (const { char, syllable, toned: hasTone } of glued) {
      if (!isReading(char, syllable)) continue
      readings++
      if (hasTone) toned++
      else toneless++
      if (isConverted(char)) onConverted++
    }
  })
  if (readings === 0) return { artifact: false, why: 'no annotations', seen }
  // Only a document with annotations needs its length in Han characters.
  let han = 0
  for (const node of tree.children) if (!node.data?.removed) han += countHan(node.value)
  // Converter sites annotate only characters their conversion changed: on a page that is the pattern; on a short
  // record even one or two such annotations are (a lesson glosses polyphones such as 行(háng), which no conversion changes).
  if ((toned >= MIN_ARTIFACTS || han <= SHORT_TEXT) && toned > 0 && onConverted / readings >= CONVERTED_SHARE) {
    return { artifact: true, why: `${readings} annotations, ${onConverted} on characters a conversion changes`, seen }
  }
  // Learner texts annotate every character; the toneless variant annotates some at random.
  if (toneless >= MIN_TONELESS_ARTIFACTS && readings / Math.max(1, han) < LEARNER_SHARE) {
    return { artifact: true, why: `${toneless} toneless annotations glued to the characters they read`, seen }
  }
  return { artifact: false, why: `${readings} annotations, ${onConverted} on converted characters: glosses`, seen }
}

/** Removes glued pinyin that is a reading of the character before it, in a document judged an artifact. */
export function gluedPinyinRule(verdict: () => GluedVerdict): LineRule {
  return (line, { index }) => {
    if (!mayGlue(line)) return []
    const v = verdict()
    if (!v.artifact) return []
    const edits: Edit[] = []
    // The verdict read most lines as they are now (a slip repair may have changed one since).
    const read = v.seen.get(index)
    for (const { char, syllable, start, end } of read && read.value === line ? read.glued : gluedIn(line)) {
      if (!isReading(char, syllable)) continue
      edits.push({
        start,
        end,
        replacement: '',
        ruleId: 'annotations/glued-pinyin',
        reason: `Unexpected glued pinyin \`${line.slice(start, end)}\` after \`${char}\`, expected nothing`,
        confident: true,
        note: v.why,
      })
    }
    return edits
  }
}

// The encoding step's pre-scan as it was before issue 13's table-driven rewrite (commit 33e084d): kept only as the
// reference test/encoding/fast-path.test.ts holds today's mayHoldMojibake to (same answer on every line). Never
// imported by src/.
import { charWeight, isWordPair, weightTable } from '../../../src/decode/plausibility.js'
import { codec, type Codec } from '../../../src/decode/codecs.js'

const PAIRLESS_RUN = 6
const WORDLESS_PAIRS = 4

export function mayHoldMojibakeReference(line: string): boolean {
  // The weights are read on the first CJK character: an ASCII document loads no table.
  let w: Float32Array | undefined
  let cjk = 0
  let sum = 0
  // Uncommon CJK characters: how many, and the CJK counts at the last three (for the cluster test).
  let low = 0
  let r0 = 0
  let r1 = 0
  let r2 = 0
  // The current run of Han pairs (U+3400–U+ABFF in a row): where it began, its length, its uncommon characters.
  let runStart = -1
  let runLength = 0
  let runLow = 0
  /** 0 ASCII (or start), 1 non-ASCII below U+2E80, 2 CJK. */
  let previous = 0
  // Han pairs: a line with enough of them is looked at again for a known word (clean text has one early).
  let hanPairs = 0
  for (let i = 0; i < line.length; i++) {
    let c = line.charCodeAt(i)
    if (c < 0x80) {
      // `?` after a non-ASCII character may be a lost byte.
      if (c === 0x3f && previous !== 0) return true
      if (runLength >= PAIRLESS_RUN && runLow >= 2 && pairlessRun(line, runStart, i)) return true
      runLength = 0
      previous = 0
      continue
    }
    if (c < 0x2e80) {
      // C1 controls and `Ã` (its no-break space lost) are the step's own checks; two in a row make a pair.
      if (previous === 1 || c < 0xa0 || c === 0xc3) return true
      if (runLength >= PAIRLESS_RUN && runLow >= 2 && pairlessRun(line, runStart, i)) return true
      runLength = 0
      previous = 1
      continue
    }
    // `锟` begins U+FFFD read as GBK; U+FFFD itself is a lost byte.
    if (c === 0x951f || c === 0xfffd) return true
    const at = i
    let weight: number
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < line.length) {
      // A lone high surrogate: profile would read the next unit as its pair; the full look sorts it out.
      const next = line.charCodeAt(i + 1)
      if (next < 0xdc00 || next >= 0xe000) return true
      c = line.codePointAt(i)!
      i++
      weight = charWeight(c)
    } else weight = (w ??= weightTable())[c]!
    cjk++
    sum += weight
    const uncommon = weight <= 0.2
    if (uncommon) {
      low++
      if (low % 3 === 0) r0 = cjk
      else if (low % 3 === 1) r1 = cjk
      else r2 = cjk
      // Three uncommon characters within eight: the oldest of the last three is at slot (low + 1) % 3.
      if (low >= 3 && cjk - ((low + 1) % 3 === 0 ? r0 : (low + 1) % 3 === 1 ? r1 : r2) < 8) return true
    }
    if (c >= 0x3400 && c < 0xac00) {
      // A run goes on while code points stay in the block (an astral character or anything else ends it).
      if (runLength === 0) {
        if (runLength >= PAIRLESS_RUN && runLow >= 2 && pairlessRun(line, runStart, at)) return true
        runStart = at
        runLength = 0
        runLow = 0
      } else hanPairs++
      runLength++
      if (uncommon) runLow++
    } else {
      if (runLength >= PAIRLESS_RUN && runLow >= 2 && pairlessRun(line, runStart, at)) return true
      runLength = 0
    }
    previous = 2
  }
  if (runLength >= PAIRLESS_RUN && runLow >= 2 && pairlessRun(line, runStart, line.length)) return true
  // Clean CJK as plausibleReadings has it: a mean weight of 0.9, or of 0.6 with known words among the Han pairs.
  if (cjk > 0 && sum / cjk < 0.9 && (sum / cjk < 0.6 || hanPairs < 4 || wordPairs(line) / hanPairs < 0.15)) return true
  // Common characters none of whose neighbours make a word: GBK read as Big5 reads so (`最唗 蹈堤 統杅蹈桶`). On
  // such a line plausibleReadings tries GBK and Big5 read as each other only when the other reading is clearly
  // commoner (readsCommoner); classical Chinese, whose words OpenCC's modern phrases seldom hold, is not.
  if (hanPairs >= WORDLESS_PAIRS && !anyWordPair(line)) return readsCommoner(line, codec('gbk'), codec('big5')) || readsCommoner(line, codec('big5'), codec('gbk'))
  return false
}

/**
 * A quick look for the wordless lines: the line's bytes under `wrong`, read with `right`, give Han characters that
 * are clearly commoner on average than the line's own (`最唗 蹈堤` → `程序 列出`). Clean text re-read so does not.
 */
function readsCommoner(text: string, wrong: Codec, right: Codec): boolean {
  const bytes: number[] = []
  let own = 0
  let ownN = 0
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    const b = wrong.encodeChar(code)
    if (!b) return false
    for (const x of b) bytes.push(x)
    if (code >= 0x3400 && code < 0xa000) (own += charWeight(code)), ownN++
  }
  let read = 0
  let readN = 0
  for (let at = 0; at < bytes.length; ) {
    const next = right.decodeAt(bytes, at)
    if (!next) return false
    if (next.code >= 0x3400 && next.code < 0xa000) (read += charWeight(next.code)), readN++
    at += next.length
  }
  if (ownN === 0 || readN === 0) return false
  const mean = read / readN
  return mean >= 1 && mean >= own / ownN + 0.3
}

/** Whether two neighbouring Han characters of `line` (U+3400–U+ABFF) make a known word pair. */
function anyWordPair(line: string): boolean {
  let previous = 0
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    const han = c >= 0x3400 && c < 0xac00
    if (han && previous !== 0 && isWordPair(previous, c)) return true
    previous = han ? c : 0
  }
  return false
}

/** How many neighbouring Han characters of `line` (U+3400–U+ABFF) make a known word pair, as `profile` counts them. */
function wordPairs(line: string): number {
  let previous = 0
  let n = 0
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    const han = c >= 0x3400 && c < 0xac00
    if (han && previous !== 0 && isWordPair(previous, c)) n++
    previous = han ? c : 0
  }
  return n
}

/**
 * Whether the Han run `line[start, end)` holds a pairless stretch as `profile` counts one: at least
 * PAIRLESS_RUN characters in which no neighbours form a known word and two or more are uncommon.
 */
function pairlessRun(line: string, start: number, end: number): boolean {
  const w = weightTable()
  let previous = line.charCodeAt(start)
  let pairless = 1
  let lowInRun = w[previous]! <= 0.2 ? 1 : 0
  for (let i = start + 1; i < end; i++) {
    const code = line.charCodeAt(i)
    if (isWordPair(previous, code)) {
      pairless = 1
      lowInRun = 0
    } else {
      if (w[code]! <= 0.2) lowInRun++
      if (++pairless >= PAIRLESS_RUN && lowInRun >= 2) return true
    }
    previous = code
  }
  return false
}

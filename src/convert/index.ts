import { OPENCC_DICTS, type OpenccDictName } from '../data/opencc-dicts.js'

/**
 * The OpenCC configurations zhtidy converts with. `tw-hk2s` is traditional text in any regional form to simplified:
 * the Hong Kong and Taiwan variants undone first, then OpenCC's t2s.
 */
export type OpenccConfig = 's2t' | 's2tw' | 's2twp' | 's2hk' | 't2s' | 'tw2s' | 'hk2s' | 't2tw' | 't2hk' | 'tw2t' | 'hk2t' | 'tw-hk2s'

/** A converter: a plain `(text) => text`. */
export type Convert = (text: string) => string

interface ConfigSpec {
  /** CJK compatibility ideographs to their unified forms first, as OpenCC's configurations do. */
  normalize: boolean
  /** Dictionaries that cut the text into segments first; each group then converts each segment on its own. */
  segmentation?: OpenccDictName[]
  /** Groups applied one after another; within a group the longest key wins, and the first dictionary on a tie. */
  chain: OpenccDictName[][]
}

const ST: OpenccDictName[] = ['STPhrases', 'STPhrases_GeneratedFromRegionalPhrases', 'STCharacters']
const TS: OpenccDictName[] = ['TSPhrases', 'TSCharacters']

/** OpenCC's own configurations (data/config/*.json), as opencc-js names them. */
const CONFIGS: Record<OpenccConfig, ConfigSpec> = {
  s2t: { normalize: true, chain: [ST] },
  s2tw: { normalize: true, segmentation: ST.slice(0, 2), chain: [ST, ['TWVariantsPhrases', 'TWVariants']] },
  s2twp: { normalize: true, segmentation: ST.slice(0, 2), chain: [ST, ['TWPhrases', 'TWVariantsPhrases', 'TWVariants']] },
  s2hk: { normalize: true, segmentation: ST.slice(0, 2), chain: [ST, ['HKVariantsPhrases', 'HKVariants']] },
  t2s: { normalize: true, chain: [TS] },
  tw2s: { normalize: true, segmentation: ['TSPhrases'], chain: [['TWVariantsRevPhrases', 'TWVariantsRev'], TS] },
  hk2s: { normalize: true, segmentation: ['TSPhrases'], chain: [['HKVariantsRevPhrases', 'HKVariantsRev'], TS] },
  t2tw: { normalize: true, chain: [['TWVariantsPhrases', 'TWVariants']] },
  t2hk: { normalize: true, chain: [['HKVariantsPhrases', 'HKVariants']] },
  tw2t: { normalize: true, chain: [['TWVariantsRevPhrases', 'TWVariantsRev']] },
  hk2t: { normalize: true, chain: [['HKVariantsRevPhrases', 'HKVariantsRev']] },
  'tw-hk2s': { normalize: false, chain: [['HKVariantsRevPhrases', 'TWVariantsRevPhrases', 'HKVariantsRev', 'TWVariantsRev'], TS] },
}

// Per code unit: a key of one code point starts here; a longer key starts here; an ideographic description
// sequence starts here (OpenCC skips an unmatched one whole, so the characters inside it stay as written).
const SINGLE = 1
const PHRASE = 2
const IDS = 4

/**
 * One dictionary group: what a merged OpenCC trie answers, from a per-code-unit table and hash look-ups. A phrase
 * is looked up only where one can start (its first two code units are a known prefix), so text the group cannot
 * change costs one table read per code unit.
 */
class DictGroup {
  private readonly units = new Uint8Array(0x10000)
  private readonly singles = new Map<number, string>()
  private readonly phrases = new Map<string, string>()
  /**
   * For the first two code units of the longer keys: the key lengths (in code units) that start so, as bits
   * (bit n: a key of n code units; keys longer than 31 units set bit 31 and are tried at every length above).
   */
  private readonly prefixes: (Map<number, number> | undefined)[] = new Array(0x10000).fill(undefined)
  private longestKey = 0
  private singlesRead = false
  private phrasesRead = false

  constructor(private readonly names: readonly OpenccDictName[]) {
    for (let code = 0x2ff0; code <= 0x2fff; code++) this.units[code]! |= IDS
  }

  /**
   * Reads the entries of one kind (keys of one code point, or longer keys) from the dictionaries: a character
   * alone needs only the first kind, and most of a group's size is phrases (STPhrases: 49,000 entries).
   * The first dictionary of a group wins a tie; within one dictionary the last entry does (OpenCC loads the
   * group back to front into one trie, each entry overwriting the one before).
   */
  private read(phrases: boolean): void {
    const seen = new Set<string>()
    for (let d = 0; d < this.names.length; d++) {
      const dict = OPENCC_DICTS[this.names[d]!]
      const local = new Map<string, string>()
      let start = 0
      while (start < dict.length) {
        let end = dict.indexOf('|', start)
        if (end < 0) end = dict.length
        const space = dict.indexOf(' ', start)
        const first = dict.charCodeAt(start)
        const single = space - start === (first >= 0xd800 && first < 0xdc00 ? 2 : 1)
        if (single !== phrases) local.set(dict.slice(start, space), dict.slice(space + 1, end))
        start = end + 1
      }
      for (const [key, value] of local) {
        if (seen.has(key)) continue
        seen.add(key)
        this.add(key, value, phrases)
      }
    }
  }

  private add(key: string, value: string, phrase: boolean): void {
    const first = key.charCodeAt(0)
    if (!phrase) {
      this.units[first]! |= SINGLE
      this.singles.set(key.codePointAt(0)!, value)
      return
    }
    this.units[first]! |= PHRASE
    // Keyed by the first code unit, then the second: small integers both, where one key of both would not be.
    const seconds = (this.prefixes[first] ??= new Map())
    const second = key.charCodeAt(1)
    seconds.set(second, (seconds.get(second) ?? 0) | (1 << Math.min(key.length, 31)))
    if (key.length > this.longestKey) this.longestKey = key.length
    this.phrases.set(key, value)
  }

  private ready(): void {
    if (!this.singlesRead) (this.read(false), (this.singlesRead = true))
    if (!this.phrasesRead) (this.read(true), (this.phrasesRead = true))
  }

  /** One character alone: only the keys of one code point can match it. */
  convertChar(char: string): string {
    if (!this.singlesRead) (this.read(false), (this.singlesRead = true))
    return this.singles.get(char.codePointAt(0)!) ?? char
  }

  /**
   * The longest key at `i`: its end and value, written into `match`; false when none. Allocation-free but for the
   * candidate slices of a phrase look-up.
   */
  private matchAt(text: string, i: number, first: number, flags: number, match: { end: number; value: string }): boolean {
    const lengths = flags & PHRASE && i + 1 < text.length ? this.prefixes[first]!.get(text.charCodeAt(i + 1)) : undefined
    if (lengths !== undefined) {
      for (let length = Math.min(lengths & (1 << 31) ? this.longestKey : 31 - Math.clz32(lengths), text.length - i); length >= 2; length--) {
        if (length < 31 && (lengths & (1 << length)) === 0) continue
        const value = this.phrases.get(text.slice(i, i + length))
        if (value !== undefined) {
          match.end = i + length
          match.value = value
          return true
        }
      }
    }
    if (flags & SINGLE) {
      const code = text.codePointAt(i)!
      const value = this.singles.get(code)
      if (value !== undefined) {
        match.end = i + (code > 0xffff ? 2 : 1)
        match.value = value
        return true
      }
    }
    return false
  }

  convert(text: string): string {
    this.ready()
    const units = this.units
    const match = { end: 0, value: '' }
    let out = ''
    let copied = 0
    let i = 0
    while (i < text.length) {
      const first = text.charCodeAt(i)
      const flags = units[first]!
      if (flags === 0) {
        i++
        continue
      }
      if (this.matchAt(text, i, first, flags, match)) {
        const { value, end } = match
        // Most matches are one character: compare code units rather than cut a slice to compare.
        const same = value.length === end - i && (value.length === 1 ? value.charCodeAt(0) === first : value === text.slice(i, end))
        if (!same) {
          out += text.slice(copied, i) + value
          copied = end
        }
        i = end
      } else i = unmatchedEnd(text, i)
    }
    return copied === 0 ? text : out + text.slice(copied)
  }

  /** OpenCC's segmentation: each longest key a segment, the text between keys one segment. */
  segment(text: string): string[] {
    this.ready()
    const units = this.units
    const match = { end: 0, value: '' }
    const segments: string[] = []
    let pending = -1
    let i = 0
    while (i < text.length) {
      const first = text.charCodeAt(i)
      const flags = units[first]!
      if (flags !== 0 && this.matchAt(text, i, first, flags, match)) {
        if (pending >= 0) segments.push(text.slice(pending, i))
        pending = -1
        segments.push(text.slice(i, match.end))
        i = match.end
        continue
      }
      if (pending < 0) pending = i
      i = flags === 0 ? i + 1 : unmatchedEnd(text, i)
    }
    if (pending >= 0) segments.push(text.slice(pending))
    return segments
  }
}

/** Where the unmatched text at `i` ends: one code point, or a whole ideographic description sequence. */
function unmatchedEnd(text: string, i: number): number {
  const end = descriptionEnd(text, i)
  if (end > i) return end
  return i + codePointLength(text, i)
}

/** 2 for a surrogate pair, 1 for anything else (a lone surrogate included). */
function codePointLength(text: string, i: number): number {
  return text.codePointAt(i)! > 0xffff ? 2 : 1
}

/** The end of the ideographic description sequence at `i` (⿰氵青), or 0; `depth` bounds adversarial nesting. */
function descriptionEnd(text: string, i: number, depth = 0): number {
  const code = text.charCodeAt(i)
  const arity = code === 0x2ff2 || code === 0x2ff3 ? 3 : code >= 0x2ff0 && code <= 0x2fff ? 2 : 0
  if (arity === 0 || depth > 64) return 0
  let end = i + 1
  for (let k = 0; k < arity; k++) {
    if (end >= text.length) return 0
    const inner = descriptionEnd(text, end, depth + 1)
    if (inner) end = inner
    else end += codePointLength(text, end)
  }
  return end
}

const groups = new Map<string, DictGroup>()

/** A dictionary group, built once per process on first use and shared by every configuration that holds it. */
function group(names: readonly OpenccDictName[]): DictGroup {
  const key = names.join('+')
  let found = groups.get(key)
  if (!found) {
    found = new DictGroup(names)
    groups.set(key, found)
  }
  return found
}

const built = new Map<OpenccConfig, Convert>()

/** The converter for a configuration, built once per process on first use and shared by every step. */
export function converter(config: OpenccConfig): Convert {
  let convert = built.get(config)
  if (!convert) {
    convert = build(CONFIGS[config])
    built.set(config, convert)
  }
  return convert
}

function build(spec: ConfigSpec): Convert {
  const normalize = spec.normalize ? group(['CJK_Compatibility_Ideographs']) : undefined
  const segmentation = spec.segmentation ? group(spec.segmentation) : undefined
  const chain = spec.chain.map(group)
  return (text) => {
    const input = normalize ? normalize.convert(text) : text
    if (!segmentation) {
      let out = input
      for (const g of chain) out = g.convert(out)
      return out
    }
    const segments = segmentation.segment(input)
    for (const g of chain) for (let k = 0; k < segments.length; k++) segments[k] = g.convert(segments[k]!)
    return segments.join('')
  }
}

const charConverters = new Map<OpenccConfig, Convert>()

/**
 * The converter for a configuration applied to one character (a single code point): the same result as
 * `converter(config)(char)`, reading only the dictionaries' single-character entries (no phrase can match one
 * character, and segmenting one character gives one segment).
 */
export function charConverter(config: OpenccConfig): Convert {
  let convert = charConverters.get(config)
  if (!convert) {
    const spec = CONFIGS[config]
    const stages = [...(spec.normalize ? [group(['CJK_Compatibility_Ideographs'])] : []), ...spec.chain.map(group)]
    const whole = converter(config)
    convert = (char) => {
      // More than one code point (or a value of several): the whole converter decides.
      if (char.length > 2 || (char.length === 2 && char.codePointAt(0)! <= 0xffff)) return whole(char)
      let out = char
      for (const stage of stages) {
        out = stage.convertChar(out)
        if (out.length > 2 || (out.length === 2 && out.codePointAt(0)! <= 0xffff)) return whole(char)
      }
      return out
    }
    charConverters.set(config, convert)
  }
  return convert
}

/** The entries of one of OpenCC's dictionaries, `[key, value]`, in the order OpenCC lists them. */
export function dictionaryPairs(name: OpenccDictName): [string, string][] {
  const dict = OPENCC_DICTS[name]
  return dict.length === 0 ? [] : dict.split('|').map((entry) => entry.split(' ') as [string, string])
}

import type { OpenccDictName } from '../data/opencc-dicts.js'
import { OPENCC_GROUPS, OPENCC_TABLES, VARIANT_DICTS } from '../data/opencc-groups.js'
import { base64Uint32, base64Units } from './base64.js'
import { CONFIGS, groupKey, NORMALIZE, type ConfigSpec, type OpenccConfig } from './configs.js'

export type { OpenccConfig } from './configs.js'

/** A converter: a plain `(text) => text`. */
export type Convert = (text: string) => string

/** The code units a conversion wrote. Scratch: read them before the next conversion, which writes over them. */
export interface ConvertedUnits {
  readonly data: Uint16Array
  readonly length: number
  /** Whether a dictionary value with a surrogate in it was written: when false, the units hold surrogates only where the input did. */
  readonly surrogates: boolean
  toString(): string
}

/**
 * A converter to code units, for a caller that compares the conversion with its input rather than keeping it:
 * undefined when no dictionary changed anything (the units may still read as the input where one stage undid
 * another, 麼 → 么 after 么 → 麼).
 */
export type ConvertUnits = (text: string) => ConvertedUnits | undefined

// Per code unit: a key of one code point starts here; a longer key starts here; an ideographic description
// sequence starts here (OpenCC skips an unmatched one whole, so the characters inside it stay as written).
const SINGLE = 1
const PHRASE = 2
const IDS = 4
/** The longer keys that start with this unit have been read (`readBucket`). */
const READ = 8

/**
 * UTF-16 code units, grown as needed. The converters read and write these rather than strings: on traditional
 * text nearly every other character changes, and a string built change by change is a rope that each later
 * stage (and the caller) has to flatten.
 */
class Units {
  data: Uint16Array = new Uint16Array(256)
  length = 0
  /** Whether a stage wrote a value with a surrogate in it (when false, the units hold surrogates only where the input did). */
  surrogates = false

  /** Room for `size` units in all, keeping the first `length`. */
  reserve(size: number): Uint16Array {
    if (size > this.data.length) {
      const grown = new Uint16Array(Math.max(size, this.data.length * 2))
      grown.set(this.data.subarray(0, this.length))
      this.data = grown
    }
    return this.data
  }

  load(text: string): void {
    const data = this.reserve(text.length)
    for (let i = 0; i < text.length; i++) data[i] = text.charCodeAt(i)
    this.length = text.length
  }

  append(source: Uint16Array, from: number, to: number): void {
    const data = this.reserve(this.length + (to - from))
    data.set(source.subarray(from, to), this.length)
    this.length += to - from
  }

  toString(): string {
    return decodeUnits(this.data, 0, this.length)
  }
}

/** The string of `data[from, to)`, lone surrogates kept (a TextDecoder would make them U+FFFD). */
function decodeUnits(data: Uint16Array, from: number, to: number): string {
  if (to - from <= 16) {
    let out = ''
    for (let i = from; i < to; i++) out += String.fromCharCode(data[i]!)
    return out
  }
  let out = ''
  // In slices: a call takes its arguments on the stack.
  for (let start = from; start < to; start += 8192) out += String.fromCharCode.apply(null, data.subarray(start, Math.min(to, start + 8192)) as unknown as number[])
  return out
}

/** FNV-1a over code units: the hash of a phrase key, computed over the text one unit at a time. */
const HASH_SEED = 0x811c9dc5 | 0
function hashStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193)
}
function slotOf(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask
}
function powerOfTwoAbove(n: number): number {
  let size = 16
  while (size < n * 2) size *= 2
  return size
}

/**
 * One dictionary group: what a merged OpenCC trie answers, from a per-code-unit table and hash look-ups over code
 * units. A phrase is looked up only where one can start (its first two code units are a known prefix), so text the
 * group cannot change costs one table read per code unit.
 *
 * A value is an integer: a value of one code unit is that unit; any other is 0x10000 plus its index in `values`.
 */
const EMPTY = new Uint16Array(0)

class DictGroup {
  private readonly units = new Uint8Array(0x10000)
  /** The value of each BMP character that is a key; -1 where none. */
  private readonly singles = new Int32Array(0x10000).fill(-1)
  private readonly astralSingles = new Map<number, number>()
  /** Where values of more or fewer than one code unit are read: the dictionaries' own code units (`source`). */
  private valueUnits: Uint16Array = EMPTY
  private valueStart: number[] = []
  private valueLength: number[] = []
  /** Whether each value in `values` holds a surrogate (a character outside the BMP). */
  private valueSurrogates: boolean[] = []
  /** The longer keys, read in `source` too, with their values: found through `slots` (an index + 1; 0 is empty). */
  private keyUnits: Uint16Array = EMPTY
  private keyStart = new Int32Array(0)
  private keyLength = new Int32Array(0)
  private keyValue = new Int32Array(0)
  private slots = new Int32Array(0)
  private slotMask = 0
  /**
   * For the first two code units of the longer keys: the key lengths (in code units) that start so, as bits
   * (bit n: a key of n code units; keys longer than 30 units set bit 31 and are tried at every length above),
   * in an open-addressing table keyed by both units.
   */
  /** The code units that come second in some longer key: a pair is looked up only when its second unit is one. */
  private readonly seconds = new Uint8Array(0x10000)
  private pairKeys = new Int32Array(0)
  private pairBits = new Int32Array(0)
  private pairMask = 0
  private longestKey = 0
  /** The most code units a value has per code unit of its key (room `run` reserves). */
  private growth = 1
  /** The hash of the text from the phrase's start up to each length (scratch for `matchPhrase`). */
  private hashes = new Int32Array(32)
  private singlesRead = false
  private phrasesRead = false
  /** Set by `matchPhrase`: the end and value of its match. */
  private matchEnd = 0
  private matchValue = 0

  private readonly spec: (typeof OPENCC_GROUPS)[string]

  constructor(names: readonly OpenccDictName[]) {
    for (let code = 0x2ff0; code <= 0x2fff; code++) this.units[code]! |= IDS
    const spec = OPENCC_GROUPS[groupKey(names)]
    if (!spec) throw new Error(`zhtidy: no compiled table for the dictionaries ${names.join(', ')} (run npm run gen)`)
    this.spec = spec
    this.growth = spec.growth
    this.longestKey = spec.longestKey
    this.hashes = new Int32Array(spec.longestKey + 1)
  }

  /**
   * The group's code units: its keys of one code point, then its longer keys (`phraseBase` on), each entry
   * `key value|`, as scripts/gen-opencc.mjs merged them (the first dictionary wins a key; within one dictionary the
   * last entry does). Keys and values are read in place from here: no string and no map entry is made per entry.
   */
  private source: Uint16Array = EMPTY
  private phraseBase = 0
  /** [first unit, offset] of each run of longer keys with the same first unit, ascending by unit. */
  private buckets: Uint32Array = new Uint32Array(0)

  /** The keys of one code point alone: a character converted alone (`convertChar`) needs no more. */
  private loadSingles(): void {
    const singles = tableUnits(this.spec.singles)
    this.source = singles
    this.valueUnits = singles
    this.phraseBase = singles.length
  }

  /** Then the longer keys after them: the values read so far keep their places. */
  private loadPhrases(): void {
    const phraseUnits = tableUnits(this.spec.phrases)
    const source = new Uint16Array(this.phraseBase + phraseUnits.length)
    source.set(this.source.subarray(0, this.phraseBase))
    source.set(phraseUnits, this.phraseBase)
    this.source = source
    this.valueUnits = source
    this.keyUnits = source
    this.buckets = base64Uint32(OPENCC_TABLES[this.spec.phrases]!.buckets())
    for (let b = 0; b < this.buckets.length; b += 2) this.units[this.buckets[b]!]! |= PHRASE
  }

  /** The value of `source[start, start + length)`: the unit itself when it is one that is not a surrogate. */
  private valueAt(source: Uint16Array, start: number, length: number): number {
    if (length === 1 && (source[start]! & 0xf800) !== 0xd800) return source[start]!
    let surrogates = false
    for (let k = 0; k < length; k++) if ((source[start + k]! & 0xf800) === 0xd800) surrogates = true
    this.valueStart.push(start)
    this.valueLength.push(length)
    this.valueSurrogates.push(surrogates)
    return 0x10000 + this.valueStart.length - 1
  }

  /** Reads the keys of one code point (all of them: a few thousand). */
  private readSingles(): void {
    this.loadSingles()
    const source = this.source
    for (let start = 0; start < this.phraseBase; ) {
      let space = start
      while (source[space] !== SPACE) space++
      let end = space + 1
      while (source[end] !== BAR) end++
      const first = source[start]!
      const value = this.valueAt(source, space + 1, end - space - 1)
      this.units[first]! |= SINGLE
      if (first >= 0xd800 && first < 0xdc00) this.astralSingles.set(((first - 0xd800) << 10) + (source[start + 1]! - 0xdc00) + 0x10000, value)
      else this.singles[first] = value
      start = end + 1
    }
  }

  /** Makes room for the longer keys; each run of them is read when text first holds its first unit (`readBucket`). */
  private readPhrases(): void {
    this.loadPhrases()
    const count = this.spec.phraseCount
    this.slots = new Int32Array(powerOfTwoAbove(count))
    this.slotMask = this.slots.length - 1
    this.keyStart = new Int32Array(count)
    this.keyLength = new Int32Array(count)
    this.keyValue = new Int32Array(count)
    this.pairKeys = new Int32Array(powerOfTwoAbove(count))
    this.pairBits = new Int32Array(this.pairKeys.length)
    this.pairMask = this.pairKeys.length - 1
  }

  private keyCount = 0

  /** Reads the longer keys that start with `first` into the hash tables, once. */
  private readBucket(first: number): void {
    this.units[first]! |= READ
    const buckets = this.buckets
    // The run of `first`: a binary search over the pairs, ascending by unit.
    let lo = 0
    let hi = buckets.length / 2 - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (buckets[mid * 2]! < first) lo = mid + 1
      else hi = mid
    }
    if (buckets[lo * 2] !== first) return
    const source = this.source
    const base = this.phraseBase
    const runEnd = base + (lo * 2 + 3 < buckets.length ? buckets[lo * 2 + 3]! : source.length - base)
    const { slots, slotMask, keyStart, keyLength, keyValue, pairKeys, pairBits, pairMask } = this
    for (let start = base + buckets[lo * 2 + 1]!; start < runEnd; ) {
      let space = start
      while (source[space] !== SPACE) space++
      let end = space + 1
      while (source[end] !== BAR) end++
      const length = space - start
      let hash = HASH_SEED
      for (let u = start; u < space; u++) hash = hashStep(hash, source[u]!)
      let slot = slotOf(hash, slotMask)
      while (slots[slot] !== 0) slot = (slot + 1) & slotMask
      const entry = this.keyCount++
      keyStart[entry] = start
      keyLength[entry] = length
      keyValue[entry] = this.valueAt(source, space + 1, end - space - 1)
      slots[slot] = entry + 1
      const second = source[start + 1]!
      this.seconds[second] = 1
      const pair = (first << 16) | second
      let at = pairSlot(pair, pairMask)
      while (pairKeys[at] !== 0 && pairKeys[at] !== pair) at = (at + 1) & pairMask
      pairKeys[at] = pair
      pairBits[at]! |= length > 30 ? 1 << 31 : 1 << length
      start = end + 1
    }
  }

  private ready(): void {
    if (!this.singlesRead) (this.readSingles(), (this.singlesRead = true))
    if (!this.phrasesRead) (this.readPhrases(), (this.phrasesRead = true))
  }

  /** One character alone: only the keys of one code point can match it. */
  convertChar(char: string): string {
    if (!this.singlesRead) (this.readSingles(), (this.singlesRead = true))
    const code = char.codePointAt(0)!
    const value = code > 0xffff ? (this.astralSingles.get(code) ?? -1) : (this.singles[code] ?? -1)
    if (value < 0) return char
    return value < 0x10000 ? String.fromCharCode(value) : this.valueString(value)
  }

  private valueString(value: number): string {
    const index = value - 0x10000
    const start = this.valueStart[index]!
    return decodeUnits(this.valueUnits, start, start + this.valueLength[index]!)
  }

  /** The length bits of the keys that start with these two code units; 0 when none. */
  private pairLengths(first: number, second: number): number {
    const pair = (first << 16) | second
    const keys = this.pairKeys
    let slot = pairSlot(pair, this.pairMask)
    for (;;) {
      const key = keys[slot]!
      if (key === pair) return this.pairBits[slot]!
      if (key === 0) return 0
      slot = (slot + 1) & this.pairMask
    }
  }

  /** The longest key of more than one code point at `i` (its end and value in `matchEnd`, `matchValue`); false when none. */
  private matchPhrase(text: Uint16Array, i: number, to: number, lengths: number): boolean {
    const longest = Math.min(lengths & (1 << 31) ? this.longestKey : 31 - Math.clz32(lengths), to - i)
    if (longest < 2) return false
    const hashes = this.hashes
    let hash = HASH_SEED
    for (let k = 0; k < longest; k++) hashes[k + 1] = hash = hashStep(hash, text[i + k]!)
    for (let length = longest; length >= 2; length--) {
      if (length <= 30 && (lengths & (1 << length)) === 0) continue
      let slot = slotOf(hashes[length]!, this.slotMask)
      for (;;) {
        const entry = this.slots[slot]! - 1
        if (entry < 0) break
        if (this.keyLength[entry] === length && this.keyAt(entry, text, i, length)) {
          this.matchEnd = i + length
          this.matchValue = this.keyValue[entry]!
          return true
        }
        slot = (slot + 1) & this.slotMask
      }
    }
    return false
  }

  private keyAt(entry: number, text: Uint16Array, i: number, length: number): boolean {
    const keys = this.keyUnits
    const start = this.keyStart[entry]!
    for (let k = 0; k < length; k++) if (keys[start + k] !== text[i + k]) return false
    return true
  }

  /**
   * The longest key at `i` of `text[.., to)`: its end and value in `matchEnd`, `matchValue`; false when none.
   */
  private matchAt(text: Uint16Array, i: number, to: number, first: number, flags: number): boolean {
    if (flags & PHRASE && (flags & READ || (this.readBucket(first), true)) && i + 1 < to && this.seconds[text[i + 1]!] === 1) {
      const lengths = this.pairLengths(first, text[i + 1]!)
      if (lengths !== 0 && this.matchPhrase(text, i, to, lengths)) return true
    }
    if (flags & SINGLE) {
      let value: number
      let end = i + 1
      if (first >= 0xd800 && first < 0xdc00 && end < to && text[end]! >= 0xdc00 && text[end]! < 0xe000) {
        value = this.astralSingles.get(((first - 0xd800) << 10) + (text[end]! - 0xdc00) + 0x10000) ?? -1
        end++
      } else value = this.singles[first]!
      if (value >= 0) {
        this.matchEnd = end
        this.matchValue = value
        return true
      }
    }
    return false
  }

  /**
   * Converts `text[from, to)`, appending the result to `out`; when nothing changes, leaves `out` as it was and
   * returns false (the caller keeps reading its input).
   */
  run(text: Uint16Array, from: number, to: number, out: Units): boolean {
    this.ready()
    const units = this.units
    const singles = this.singles
    // Read without writing up to the first change: most groups change nothing in most text (the regional variants).
    let i = from
    let end = 0
    let value = 0
    for (;;) {
      if (i >= to) return false
      const first = text[i]!
      const flags = units[first]!
      if (flags === 0) {
        i++
        continue
      }
      if (flags === SINGLE && (first & 0xf800) !== 0xd800) {
        // A character alone (the most common case): no phrase starts with it and it opens no pair.
        value = singles[first]!
        if (value >= 0 && value !== first) {
          end = i + 1
          break
        }
        i++
        continue
      }
      if (!this.matchAt(text, i, to, first, flags)) {
        i = unmatchedEnd(text, i, to)
        continue
      }
      end = this.matchEnd
      value = this.matchValue
      if (!this.holds(value, text, i, end)) break
      i = end
    }
    // Then written as it is read (one store per code unit costs less than keeping count of what to copy).
    const data = out.reserve(out.length + (to - from) * this.growth)
    let written = out.length
    for (let k = from; k < i; k++) data[written++] = text[k]!
    written = this.write(value, data, written)
    i = end
    while (i < to) {
      const first = text[i]!
      const flags = units[first]!
      if (flags === 0) {
        data[written++] = first
        i++
        continue
      }
      if (flags === SINGLE && (first & 0xf800) !== 0xd800) {
        const single = singles[first]!
        if (single < 0) data[written++] = first
        else if (single < 0x10000) data[written++] = single
        else written = this.write(single, data, written)
        i++
        continue
      }
      if (!this.matchAt(text, i, to, first, flags)) {
        const unmatched = unmatchedEnd(text, i, to)
        while (i < unmatched) data[written++] = text[i++]!
        continue
      }
      written = this.write(this.matchValue, data, written)
      i = this.matchEnd
    }
    out.length = written
    return true
  }

  /** Writes a value at `written`; returns the end. */
  private write(value: number, data: Uint16Array, written: number): number {
    if (value < 0x10000) {
      data[written++] = value
      return written
    }
    const index = value - 0x10000
    const start = this.valueStart[index]!
    const length = this.valueLength[index]!
    if (this.valueSurrogates[index]) wroteSurrogate = true
    for (let k = 0; k < length; k++) data[written++] = this.valueUnits[start + k]!
    return written
  }

  /** Whether `value` is what `text[i, end)` already holds. */
  private holds(value: number, text: Uint16Array, i: number, end: number): boolean {
    if (value < 0x10000) return end - i === 1 && text[i] === value
    const index = value - 0x10000
    const length = this.valueLength[index]!
    if (length !== end - i) return false
    const start = this.valueStart[index]!
    for (let k = 0; k < length; k++) if (this.valueUnits[start + k] !== text[i + k]) return false
    return true
  }

  /** OpenCC's segmentation: each longest key a segment, the text between keys one segment. Returns the segments' ends. */
  segment(text: Uint16Array, from: number, to: number, ends: number[]): void {
    this.ready()
    const units = this.units
    ends.length = 0
    let pending = false
    let i = from
    while (i < to) {
      const first = text[i]!
      const flags = units[first]!
      if (flags !== 0 && this.matchAt(text, i, to, first, flags)) {
        if (pending) ends.push(i)
        pending = false
        ends.push((i = this.matchEnd))
        continue
      }
      pending = true
      i = flags === 0 ? i + 1 : unmatchedEnd(text, i, to)
    }
    if (pending) ends.push(to)
  }
}

const SPACE = 0x20
const BAR = 0x7c

/** The code units of each compiled table, decoded once: groups share tables (s2tw reads STPhrases' in two). */
const decodedTables = new Map<number, Uint16Array>()
function tableUnits(index: number): Uint16Array {
  let units = decodedTables.get(index)
  if (!units) decodedTables.set(index, (units = base64Units(OPENCC_TABLES[index]!.units())))
  return units
}

/** Whether the conversion under way wrote a value with a surrogate in it. */
let wroteSurrogate = false

function pairSlot(pair: number, mask: number): number {
  return (Math.imul(pair, 0x9e3779b1) >>> 16) & mask
}

/** Where the unmatched text at `i` ends: one code point, or a whole ideographic description sequence. */
function unmatchedEnd(text: Uint16Array, i: number, to: number): number {
  const end = descriptionEnd(text, i, to)
  if (end > i) return end
  return i + codePointLength(text, i, to)
}

/** 2 for a surrogate pair, 1 for anything else (a lone surrogate included). */
function codePointLength(text: Uint16Array, i: number, to: number): number {
  const code = text[i]!
  return code >= 0xd800 && code < 0xdc00 && i + 1 < to && text[i + 1]! >= 0xdc00 && text[i + 1]! < 0xe000 ? 2 : 1
}

/** The end of the ideographic description sequence at `i` (⿰氵青), or 0; `depth` bounds adversarial nesting. */
function descriptionEnd(text: Uint16Array, i: number, to: number, depth = 0): number {
  const code = text[i]!
  const arity = code === 0x2ff2 || code === 0x2ff3 ? 3 : code >= 0x2ff0 && code <= 0x2fff ? 2 : 0
  if (arity === 0 || depth > 64) return 0
  let end = i + 1
  for (let k = 0; k < arity; k++) {
    if (end >= to) return 0
    const inner = descriptionEnd(text, end, to, depth + 1)
    if (inner) end = inner
    else end += codePointLength(text, end, to)
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
const builtUnits = new Map<OpenccConfig, ConvertUnits>()
const builtRanges = new Map<OpenccConfig, ConvertRange>()

/** The converter for a configuration, built once per process on first use and shared by every step. */
export function converter(config: OpenccConfig): Convert {
  let convert = built.get(config)
  if (!convert) {
    const units = unitConverter(config)
    convert = (text) => units(text)?.toString() ?? text
    built.set(config, convert)
  }
  return convert
}

/** `converter` writing code units (`ConvertUnits`), built once per process on first use. */
export function unitConverter(config: OpenccConfig): ConvertUnits {
  let convert = builtUnits.get(config)
  if (!convert) {
    const range = rangeConverter(config)
    convert = (text) => {
      input.load(text)
      return range(input.data, 0, text.length)
    }
    builtUnits.set(config, convert)
  }
  return convert
}

/** `converter` reading and writing code units (`ConvertRange`), built once per process on first use. */
export function rangeConverter(config: OpenccConfig): ConvertRange {
  let convert = builtRanges.get(config)
  if (!convert) {
    convert = build(CONFIGS[config])
    builtRanges.set(config, convert)
  }
  return convert
}

// Scratch units for the converters: the input of a string, three for the stages to write in turn, and the output
// of a segmented configuration. A conversion runs to its end before another starts, so every converter shares them.
const input = new Units()
const stageA = new Units()
const stageB = new Units()
const stageC = new Units()
const joined = new Units()
const ends: number[] = []

/** A converter over code units already at hand: `units[from, to)`, which it only reads. */
export type ConvertRange = (units: Uint16Array, from: number, to: number) => ConvertedUnits | undefined

function build(spec: ConfigSpec): ConvertRange {
  const normalize = spec.normalize ? group(NORMALIZE) : undefined
  const segmentation = spec.segmentation ? group(spec.segmentation) : undefined
  const chain = spec.chain.map(group)
  return (units, from, to) => {
    if (to <= from) return undefined
    wroteSurrogate = false
    let data = units
    let start = from
    let end = to
    let changed = false
    if (normalize) {
      stageA.length = 0
      if (normalize.run(data, start, end, stageA)) {
        data = stageA.data
        start = 0
        end = stageA.length
        changed = true
      }
    }
    // The stages write in turn into the two scratch units that do not hold what they read.
    let free = changed ? stageB : stageA
    let other = changed ? stageC : stageB
    if (!segmentation) {
      let current: Units | undefined
      for (const g of chain) {
        free.length = 0
        if (g.run(data, start, end, free)) {
          current = free
          data = free.data
          start = 0
          end = free.length
          changed = true
          free = other
          other = current
        }
      }
      if (!changed) return undefined
      const result = current ?? stageA
      result.surrogates = wroteSurrogate
      return result
    }
    // Each segment through the whole chain on its own, as OpenCC converts them.
    const source = data
    segmentation.segment(source, start, end, ends)
    joined.length = 0
    let segmentStart = start
    for (const segmentEnd of ends) {
      let read = source
      let readFrom = segmentStart
      let readTo = segmentEnd
      let write = free
      let spare = other
      for (const g of chain) {
        write.length = 0
        if (g.run(read, readFrom, readTo, write)) {
          read = write.data
          readFrom = 0
          readTo = write.length
          changed = true
          const used = write
          write = spare
          spare = used
        }
      }
      joined.append(read, readFrom, readTo)
      segmentStart = segmentEnd
    }
    if (!changed) return undefined
    joined.surrogates = wroteSurrogate
    return joined
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
    const stages = [...(spec.normalize ? [group(NORMALIZE)] : []), ...spec.chain.map(group)]
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

/** The entries of a dictionary as OpenCC ships it (`key value|key value…`), `[key, value]`, in its order. */
export function entriesOf(dict: string): [string, string][] {
  return dict.length === 0 ? [] : dict.split('|').map((entry) => entry.split(' ') as [string, string])
}

/** The entries of OpenCC's Taiwan or Hong Kong variant dictionary, `[key, value]`, in the order OpenCC lists them. */
export function variantPairs(name: keyof typeof VARIANT_DICTS): [string, string][] {
  return entriesOf(VARIANT_DICTS[name])
}

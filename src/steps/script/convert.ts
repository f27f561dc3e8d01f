import { isKana } from '../../chars.js'
import { charConverter, converter, rangeConverter, variantPairs, type ConvertedUnits, type OpenccConfig } from '../../convert/index.js'
import { FROM_SIMPLIFIED_CHARS, PHRASE_CHARS, SIMPLIFIED_SENSE_CHARS, T2S_CHARS, TO_SIMPLIFIED_CHARS } from '../../data/opencc-flags.js'
import { SCAN_ASTRAL, SCAN_RUNS, SCAN_VALUES } from '../../data/scan-tables.js'
import { SHARED, SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from '../../data/script-chars.js'

/**
 * A script the converters write. `keep` is resolved per document to zh-Hans, or to the traditional forms the
 * document already uses: OpenCC's (zh-Hant), Taiwan's (`tw-forms`: s2tw, variants without Taiwan phrases) or
 * Hong Kong's (`hk-forms`).
 */
export type ConvertTarget = 'zh-Hans' | 'zh-Hant' | 'zh-TW' | 'zh-HK' | 'tw-forms' | 'hk-forms'

/** Which side of the script divide a character sits on. */
export const CharClass = {
  /** Not a character OpenCC converts in either direction. */
  Neutral: 0,
  Simplified: 1,
  Traditional: 2,
  /** Converts in one direction but is written in both scripts (后, 里, 于, 范). */
  Shared: 3,
} as const
export type CharClass = (typeof CharClass)[keyof typeof CharClass]

export interface Converters {
  /** Class of each BMP code point (astral code points: `astralClass`). */
  classOf(code: number): CharClass
  /**
   * The flags of a code point; `flagsOf(code) & activeMask(target)` is non-zero when converting to the target
   * could change it in some context. A line without such a character is skipped without running any converter.
   */
  flagsOf(code: number): number
  activeMask(target: ConvertTarget): number
  /** `flagsOf` for the BMP, as a table for hot loops. */
  bmpFlags: Uint8Array
  /** What one pass over a line needs to know of each code unit (the `Scan` bits), for `scanLine`. */
  scanUnits: Uint16Array
  /** The `Scan` bits of an astral code point (its Han class and conversion bits). */
  astralScan(code: number): number
  /** Whether simplified → traditional conversion changes this code point in some phrase (后, 于, 松 in 放松). */
  isAmbiguous(code: number): boolean
  /** Whether a phrase match may span this code point: runs are cut everywhere else. */
  isRunChar(code: number): boolean
  /**
   * Converts one run (no line break; a run may hold several phrases) to the target. `traditionalText`: the run
   * belongs to text written mostly in traditional characters (a line with more traditional-only characters than
   * simplified-only ones).
   */
  convertRun(run: string, target: ConvertTarget, traditionalText: boolean): string
  /**
   * `convertRun` of `units[from, to)` to code units (undefined: no dictionary changed anything), for a run bound
   * for zh-Hans or one `needsNormalising` is false for.
   */
  convertRunUnits(units: Uint16Array, from: number, to: number, target: ConvertTarget, traditionalText: boolean): ConvertedUnits | undefined
  /** Whether a run holds characters OpenCC's traditional → simplified tables change (then a traditional target normalises it first). */
  needsNormalising(run: string): boolean
  /** Which traditional forms a text writes: OpenCC's (爲, 衆), Taiwan's (為, 眾) or Hong Kong's (説). */
  traditionalForms(text: string): 'zh-Hant' | 'tw-forms' | 'hk-forms'
  /** The OpenCC configuration a target uses, for messages. */
  config(target: ConvertTarget, normalised: boolean): string
}

const ACTIVE_TO_SIMPLIFIED = 2
const ACTIVE_FROM_SIMPLIFIED = 16

/**
 * The bits of `scanUnits`: the script class of a Han character, kana, the start of a surrogate pair, and which
 * conversions may change the character. One pass over a line with this table gives its counts and tells whether
 * anything could convert (most lines of text already in the target script: nothing, and no converter runs).
 */
export const Scan = {
  Simplified: 1,
  Traditional: 2,
  Shared: 4,
  Han: 8,
  /** Kana that mark a line as Japanese (`isJapaneseKana`). */
  Kana: 16,
  /** A high surrogate: the bits are the code point's (`astralScan`). */
  High: 32,
  /** OpenCC's own t2s may change it (the converter of simplified lines bound for zh-Hans). */
  T2s: 64,
  /** Any traditional → simplified dictionary may change it (`tw-hk2s`, for traditional lines). */
  ToSimplified: 128,
  /** The simplified → traditional dictionaries may change it. */
  FromSimplified: 256,
  /** Kana after a lone high surrogate: `lineChanges` sees it, `countScripts` skips it (set by `scanLine` only). */
  KanaUncounted: 512,
  /** An ideographic description character (⿰): OpenCC skips an unmatched sequence whole, across any character. */
  Ids: 1024,
  /** A phrase match may span it (`isRunChar`). */
  Run: 2048,
  /** `T2s`, `ToSimplified` and `FromSimplified` for every code point, U+3040 and above or not (a run's test). */
  RunT2s: 4096,
  RunToSimplified: 8192,
  RunFromSimplified: 16384,
  /** A low surrogate (read with the high one before it, or alone). */
  Low: 32768,
} as const

/** The character tables `build` reads: each BMP code point's class, flag bits and `Scan` bits, and the astral ones. */
export interface CharTables {
  classes: Uint8Array
  astral: Map<number, CharClass>
  flags: Uint8Array
  astralFlags: Map<number, number>
  scanUnits: Uint16Array
}

/**
 * The character tables worked out from the generated character lists. This runs at build time
 * (scripts/gen-scan-tables.mjs writes its result to src/data/scan-tables.ts, which `loadTables` reads): worked out
 * at start, its loops cost the one-line command about a tenth of its CPU, most of it V8 optimising them.
 */
export function computeTables(): CharTables {
  const classes = new Uint8Array(0x10000)
  const astral = new Map<number, CharClass>()
  const setClass = (chars: string, value: CharClass) => {
    for (const ch of chars) {
      const code = ch.codePointAt(0)!
      if (code < 0x10000) classes[code] = value
      else astral.set(code, value)
    }
  }
  setClass(SHARED, CharClass.Shared)
  setClass(SIMPLIFIED_ONLY, CharClass.Simplified)
  setClass(TRADITIONAL_ONLY, CharClass.Traditional)

  // The flag bits of src/data/opencc-flags.ts: 1 = may be part of a phrase, 2 = t→s may change it, 4 = s→t changes
  // it inside a same-length phrase, 16 = s→t may change it. A run without a flagged character is left unread.
  const flags = new Uint8Array(0x10000)
  const astralFlags = new Map<number, number>()
  const mark = (chars: string, flag: number) => {
    for (const ch of chars) {
      const code = ch.codePointAt(0)!
      if (code < 0x10000) flags[code]! |= flag
      else astralFlags.set(code, (astralFlags.get(code) ?? 0) | flag)
    }
  }
  mark(PHRASE_CHARS, 1)
  mark(TO_SIMPLIFIED_CHARS, ACTIVE_TO_SIMPLIFIED)
  mark(SIMPLIFIED_SENSE_CHARS, 4)
  mark(T2S_CHARS, 8)
  mark(FROM_SIMPLIFIED_CHARS, ACTIVE_FROM_SIMPLIFIED)
  // Ideographic description sequences (⿰氵青) are skipped whole by OpenCC: keep them inside runs.
  for (let code = 0x2ff0; code <= 0x2fff; code++) flags[code]! |= 1

  const scanUnits = new Uint16Array(0x10000)
  for (let code = 0; code < 0x10000; code++) scanUnits[code] = scanOf(code, classes[code] as CharClass, flags[code]!)
  for (let code = 0xd800; code < 0xdc00; code++) scanUnits[code] = Scan.High
  for (let code = 0xdc00; code < 0xe000; code++) scanUnits[code] = Scan.Low
  return { classes, astral, flags, astralFlags, scanUnits }
}

/** `computeTables`, read from its generated runs: one `fill` per run of equal entries. */
function loadTables(): CharTables {
  const classes = new Uint8Array(0x10000)
  const flags = new Uint8Array(0x10000)
  const scanUnits = new Uint16Array(0x10000)
  let at = 0
  for (let k = 0; k < SCAN_RUNS.length; k += 2) {
    const end = at + SCAN_RUNS[k + 1]!
    const v = SCAN_RUNS[k]! * 3
    if (v !== 0) {
      scanUnits.fill(SCAN_VALUES[v]!, at, end)
      flags.fill(SCAN_VALUES[v + 1]!, at, end)
      classes.fill(SCAN_VALUES[v + 2]!, at, end)
    }
    at = end
  }
  const astral = new Map<number, CharClass>()
  const astralFlags = new Map<number, number>()
  for (let k = 0; k < SCAN_ASTRAL.length; k += 3) {
    if (SCAN_ASTRAL[k + 1] !== 0) astral.set(SCAN_ASTRAL[k]!, SCAN_ASTRAL[k + 1] as CharClass)
    if (SCAN_ASTRAL[k + 2] !== 0) astralFlags.set(SCAN_ASTRAL[k]!, SCAN_ASTRAL[k + 2]!)
  }
  return { classes, astral, flags, astralFlags, scanUnits }
}

function scanOf(code: number, kind: CharClass, flag: number): number {
  let bits = 0
  if (isHanLike(code)) {
    bits |= Scan.Han
    if (kind === CharClass.Simplified) bits |= Scan.Simplified
    else if (kind === CharClass.Traditional) bits |= Scan.Traditional
    else if (kind === CharClass.Shared) bits |= Scan.Shared
  }
  if (flag & 1) bits |= Scan.Run
  if (flag & 8) bits |= Scan.RunT2s
  if (flag & ACTIVE_TO_SIMPLIFIED) bits |= Scan.RunToSimplified
  if (flag & ACTIVE_FROM_SIMPLIFIED) bits |= Scan.RunFromSimplified
  if (code >= 0x2ff0 && code <= 0x2fff) bits |= Scan.Ids
  // Below U+3040 nothing makes a line convertible (Latin letters occur in a few phrase keys, 'U盘'), as it never did.
  if (code >= 0x3040) {
    if (isJapaneseKana(code)) bits |= Scan.Kana
    if (flag & 8) bits |= Scan.T2s
    if (flag & ACTIVE_TO_SIMPLIFIED) bits |= Scan.ToSimplified
    if (flag & ACTIVE_FROM_SIMPLIFIED) bits |= Scan.FromSimplified
  }
  return bits
}

let built: Converters | undefined

/**
 * The character tables, built once per process on first use from generated strings (a few milliseconds); the
 * converters behind `convertRun` are built only when a run needs them (src/convert/).
 */
export function converters(): Converters {
  return (built ??= build())
}

function build(): Converters {
  // Traditional text (OpenCC, Taiwan or Hong Kong forms) → simplified: undo the regional variants first, then
  // OpenCC's t→s tables. Measured on OpenCC's test cases this passes 103 of the 108 t2s/tw2s/hk2s pairs against 102
  // for t2s alone, and it turns the Taiwan-style 著 of zhe (帶著) into 着, which mirror pages write. Simplified
  // text with a few traditional characters gets plain t2s: there 著 is the 著 of 著书 and must stay.
  // Normalising mixed text before a traditional target uses plain t2s too, which keeps the Taiwan 著 as it is.
  // Measured against undoing Taiwan and Hong Kong forms first: OpenCC's s2t cases 95/96 against 94/96, s2hk 50/51
  // against 49/51, the golden and mirror-simulation texts identical either way.
  const fromSimplified: Record<Exclude<ConvertTarget, 'zh-Hans'>, OpenccConfig> = {
    'zh-Hant': 's2t',
    'zh-TW': 's2twp',
    'zh-HK': 's2hk',
    'tw-forms': 's2tw',
    'hk-forms': 's2hk',
  }

  const { classes, astral, flags, astralFlags, scanUnits } = loadTables()
  const astralScan = (code: number): number => scanOf(code, astral.get(code) ?? CharClass.Neutral, astralFlags.get(code) ?? 0)

  // What a character-by-character converter writes for a simplified character, in any regional standard:
  // a traditional character that is one of these carries no information beyond its simplified form.
  const charDefaults: OpenccConfig[] = ['s2t', 's2tw', 's2hk']
  const regional: Record<Exclude<ConvertTarget, 'zh-Hans'>, (text: string) => string> = {
    'zh-Hant': (text) => text,
    'zh-TW': (text) => charConverter('t2tw')(text),
    'zh-HK': (text) => charConverter('t2hk')(text),
    'tw-forms': (text) => charConverter('t2tw')(text),
    'hk-forms': (text) => charConverter('t2hk')(text),
  }

  // OpenCC's forms and the Taiwan and Hong Kong forms they become (爲/為, 衆/眾, 裏/裡; 説 in Hong Kong).
  const variantSides = (name: 'TWVariants' | 'HKVariants') => {
    const standard = new Set<string>()
    const local = new Set<string>()
    for (const [from, to] of variantPairs(name)) {
      if (from === to) continue
      standard.add(from)
      local.add(to)
    }
    return { standard, local }
  }
  let sides: { taiwan: ReturnType<typeof variantSides>; hongKong: ReturnType<typeof variantSides> } | undefined
  const deliberate = new Map<string, boolean>()
  /**
   * A traditional character the text chose although a character-by-character converter would have written
   * another one for its simplified form (彆 for 别, 擡 for 抬, 乾 for 干, 著 for 着): a deliberate choice,
   * kept. One the converter would have written (復 for 复) is re-decided by its phrase (復雜 → 複雜).
   */
  const isDeliberate = (ch: string, simplified: string): boolean => {
    const key = ch + simplified
    let known = deliberate.get(key)
    if (known === undefined) {
      const code = ch.codePointAt(0)!
      known = (code < 0x10000 ? classes[code] : astral.get(code)) !== CharClass.Simplified && !charDefaults.some((config) => charConverter(config)(simplified) === ch)
      deliberate.set(key, known)
    }
    return known
  }
  const protectDeliberate = (run: string, simplified: string, converted: string, target: Exclude<ConvertTarget, 'zh-Hans'>): string => {
    const before = [...run]
    const middle = [...simplified]
    const after = [...converted]
    if (before.length !== after.length || before.length !== middle.length) return converted
    let changed = false
    for (let k = 0; k < before.length; k++) {
      const ch = before[k]!
      // Only characters the normalisation changed (后 in 災后 is not: its phrase decides).
      if (after[k] !== ch && middle[k] !== ch && isDeliberate(ch, middle[k]!)) {
        const kept = regional[target](ch)
        if (after[k] !== kept) {
          after[k] = kept
          changed = true
        }
      }
    }
    return changed ? after.join('') : converted
  }

  return {
    classOf: (code) => (code < 0x10000 ? (classes[code] as CharClass) : (astral.get(code) ?? CharClass.Neutral)),
    activeMask: (target) => (target === 'zh-Hans' ? ACTIVE_TO_SIMPLIFIED : ACTIVE_TO_SIMPLIFIED | ACTIVE_FROM_SIMPLIFIED),
    bmpFlags: flags,
    scanUnits,
    astralScan,
    flagsOf: (code) => (code < 0x10000 ? flags[code]! : (astralFlags.get(code) ?? 0)),
    isAmbiguous: (code) => classes[code] === CharClass.Shared || astral.get(code) === CharClass.Shared || ((code < 0x10000 ? flags[code]! : (astralFlags.get(code) ?? 0)) & 4) !== 0,
    isRunChar: (code) => ((code < 0x10000 ? flags[code]! : (astralFlags.get(code) ?? 0)) & 1) !== 0,
    convertRun(run, target, traditionalText) {
      if (target === 'zh-Hans') return converter(traditionalText ? 'tw-hk2s' : 't2s')(run)
      // Mixed text is first normalised to simplified, then converted phrase by phrase: `災后` → `灾后` → `災後`.
      // Converting it as it stands misses phrases broken by the characters already traditional and re-converts
      // some of those: on OpenCC's golden text (7,735 characters) converted character by character the way mirror
      // sites do, s2t as it stands ends 17 characters off the golden output (162 from Taiwan forms), and it changes
      // 3 characters of the golden output itself; normalising first: 0 and 0 (test/script/opencc-suite.test.ts).
      const convert = converter(fromSimplified[target])
      if (!hasTraditional(run, classes, astral)) return convert(run)
      const simplified = converter('t2s')(run)
      return protectDeliberate(run, simplified, convert(simplified), target)
    },
    convertRunUnits: (units, from, to, target, traditionalText) => rangeConverter(target === 'zh-Hans' ? (traditionalText ? 'tw-hk2s' : 't2s') : fromSimplified[target])(units, from, to),
    needsNormalising: (run) => hasTraditional(run, classes, astral),
    traditionalForms(text) {
      sides ??= { taiwan: variantSides('TWVariants'), hongKong: variantSides('HKVariants') }
      const { taiwan, hongKong } = sides
      let tw = 0
      let twStandard = 0
      let hk = 0
      let hkStandard = 0
      for (const ch of text) {
        // Only traditional-only characters tell: 么 and 著 are Taiwan forms too, but simplified text writes them.
        const code = ch.codePointAt(0)!
        if ((code < 0x10000 ? classes[code] : astral.get(code)) !== CharClass.Traditional) continue
        if (taiwan.local.has(ch)) tw++
        else if (taiwan.standard.has(ch)) twStandard++
        if (hongKong.local.has(ch)) hk++
        else if (hongKong.standard.has(ch)) hkStandard++
      }
      if (hk > hkStandard && hk > tw) return 'hk-forms'
      if (tw > twStandard) return 'tw-forms'
      if (hk > hkStandard) return 'hk-forms'
      return 'zh-Hant'
    },
    config(target, normalised) {
      const name = { 'zh-Hans': 't2s (tw/hk variants undone first)', 'zh-Hant': 's2t', 'zh-TW': 's2twp', 'zh-HK': 's2hk', 'tw-forms': 's2tw', 'hk-forms': 's2hk' }[target]
      return normalised ? `t2s then ${name}` : name
    },
  }
}

/**
 * Whether a run holds a traditional-only character. Normalising on 沖, 乾, 於 too (characters OpenCC's t→s
 * tables change that simplified text may also hold) was measured: one more OpenCC s2t and s2hk case fails, none passes.
 */
function hasTraditional(run: string, classes: Uint8Array, astral: Map<number, CharClass>): boolean {
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i)
    if (code >= 0xd800 && code < 0xdc00) {
      if (astral.get(run.codePointAt(i)!) === CharClass.Traditional) return true
      i++
    } else if (classes[code] === CharClass.Traditional) return true
  }
  return false
}

/** Counts of the characters of each script class in a text (kana lines may be skipped by the caller). */
export interface ScriptCounts {
  simplified: number
  traditional: number
  shared: number
  han: number
  kana: number
}

export function countScripts(text: string, into: ScriptCounts = { simplified: 0, traditional: 0, shared: 0, han: 0, kana: 0 }): ScriptCounts {
  const { scanUnits, astralScan } = converters()
  for (let i = 0; i < text.length; i++) {
    let bits = scanUnits[text.charCodeAt(i)]!
    if (bits === 0) continue
    if (bits & Scan.High) {
      const code = text.codePointAt(i)!
      // A code point, or a lone surrogate: either way the next code unit is not counted on its own.
      bits = code > 0xffff ? astralScan(code) : 0
      i++
    }
    if (bits & Scan.Kana) into.kana++
    if (!(bits & Scan.Han)) continue
    into.han++
    if (bits & Scan.Simplified) into.simplified++
    else if (bits & Scan.Traditional) into.traditional++
    else if (bits & Scan.Shared) into.shared++
  }
  return into
}

/** What one pass over a line finds: its counts of simplified-only and traditional-only characters, and its `Scan` bits. */
export interface LineScan {
  simplified: number
  traditional: number
  /** The `Scan` bits of its characters, or-ed. */
  bits: number
}

/**
 * One pass over a line: the counts `countScripts` gives (for simplified and traditional) and the bits of every
 * character, or-ed, from which a caller tells whether the line is Japanese and whether any converter could change it.
 */
export function scanLine(text: string, into: LineScan): LineScan {
  return scanLineUnits(text, unitsFor(text.length), 0, into)
}

/** `scanLine`, writing the line's code units into `units` from `offset` on (the converters read them there). */
export function scanLineUnits(text: string, units: Uint16Array, offset: number, into: LineScan): LineScan {
  const { scanUnits } = converters()
  // Without a branch per character: a Han character is rarely a bit-free one, and a surrogate pair is rare
  // enough to scan its line again, carefully.
  let simplified = 0
  let traditional = 0
  let any = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    units[offset + i] = code
    const bits = scanUnits[code]!
    any |= bits
    simplified += bits & Scan.Simplified
    traditional += bits & Scan.Traditional
  }
  if (any & (Scan.High | Scan.Low)) return scanAstral(text, into)
  into.simplified = simplified
  into.traditional = traditional >> 1
  into.bits = any
  return into
}

let lineUnits = new Uint16Array(1024)

/** Scratch code units for `scanLine`, grown as needed: what the last line scanned holds until the next is. */
export function unitsFor(length: number): Uint16Array {
  if (length > lineUnits.length) lineUnits = new Uint16Array(Math.max(length, lineUnits.length * 2))
  return lineUnits
}

/** `scanLine` for a line with surrogates (its bits keep `High` or `Low`): pairs read as code points, lone surrogates as the rules always read them. */
function scanAstral(text: string, into: LineScan): LineScan {
  const { scanUnits, astralScan } = converters()
  let simplified = 0
  let traditional = 0
  let any = 0
  for (let i = 0; i < text.length; i++) {
    let bits = scanUnits[text.charCodeAt(i)]!
    if (bits === 0) continue
    if (bits & Scan.High) {
      const code = text.codePointAt(i)!
      if (code > 0xffff) bits = astralScan(code)
      else {
        // A lone surrogate: `countScripts` skips the code unit after it, `lineChanges` reads it (for kana and
        // for the conversion bits). Both as they always did, though parsing never lets one through.
        bits = 0
        const next = i + 1 < text.length ? text.codePointAt(i + 1)! : 0
        const nextBits = next > 0xffff ? astralScan(next) : next >= 0xd800 && next < 0xdc00 ? 0 : scanUnits[next]!
        any |= nextBits & (Scan.T2s | Scan.ToSimplified | Scan.FromSimplified)
        if (nextBits & Scan.Kana) any |= Scan.KanaUncounted
      }
      any |= Scan.High
      i++
    }
    any |= bits
    if (bits & Scan.Simplified) simplified++
    else if (bits & Scan.Traditional) traditional++
  }
  into.simplified = simplified
  into.traditional = traditional
  into.bits = any
  return into
}

/**
 * Kana that mark a line as Japanese. The katakana middle dot and prolonged sound mark (・ ー) are left out:
 * Chinese web text writes them too (克里斯托弗・诺兰).
 */
export function isJapaneseKana(code: number): boolean {
  return code !== 0x30fb && code !== 0x30fc && isKana(code)
}

function isHanLike(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x20000 && code <= 0x323af) || (code >= 0xf900 && code <= 0xfaff)
}

/**
 * A table of line fingerprints and the number of documents each line appears in, for one dump: exact while the
 * distinct lines fit under a cap, a count-min sketch beyond it. Both forms add up, so tables counted on shards of a
 * dump merge into what one pass gives.
 */
import { ZhtidyError } from '../errors.js'
import { FINGERPRINT, fingerprint, fmix, NORMALISATION, normaliseLine } from './fingerprint.js'

/** Distinct lines counted exactly before the table turns into a sketch (about 48 MB of slots at this cap). */
export const DEFAULT_CAP = 1 << 21
/** The smallest cap a table takes (tests use small ones). */
export const MIN_CAP = 16
/** Rows of the sketch: the chance that a count is off by more than the stated bound is e^-4 ≈ 1.8%. */
export const SKETCH_DEPTH = 4
/** Heavy hitters kept, with a sample text, once the table is a sketch; and sample texts written at most. */
export const DEFAULT_CANDIDATES = 8192
/** A sample text is cut to this many code units. */
const SAMPLE_LENGTH = 200
const MAGIC = 'ZHTIDY LINE TABLE\n'
export const TABLE_VERSION = 1

export interface LineTableOptions {
  /** Distinct lines counted exactly (default 2,097,152); beyond, the table is a count-min sketch of this width. */
  cap?: number
}

/** What a table's header holds; two tables merge only when everything but the counts agrees. */
export interface TableHeader {
  format: 'zhtidy-line-table'
  version: number
  normalisation: string
  fingerprint: string
  cap: number
  candidates: number
  sketch: { depth: number; width: number }
  mode: 'exact' | 'sketch'
  /** Documents counted. */
  documents: number
  /** Line occurrences counted (each line once per document): the mass the sketch's error is measured against. */
  lines: number
  /** Exact entries (exact mode) or heavy-hitter candidates (sketch mode). */
  entries: number
}

/** One line of `top`: its fingerprint as 16 hex digits, its document count, and its text when the table kept one. */
export interface TableEntry {
  fingerprint: string
  count: number
  text?: string
}

let nextId = 0

export class LineTable {
  readonly cap: number
  readonly candidateCap: number
  readonly width: number
  documents = 0
  lines = 0
  /** Identifies the table in a processor's cache key (see toJSON). */
  readonly id = `line-table-${nextId++}`
  private mode: 'exact' | 'sketch' = 'exact'
  // Exact mode: open addressing, linear probing; a count of 0 marks an empty slot.
  private hi = new Uint32Array(1024)
  private lo = new Uint32Array(1024)
  private counts = new Uint32Array(1024)
  private texts: (string | undefined)[] = []
  private size = 0
  /** Sample texts held, and the count a line needs to get one: they are bounded as the candidates are. */
  private textCount = 0
  private textFloor = 2
  // Sketch mode.
  private cells: Uint32Array | undefined
  private candidates: Map<string, { hi: number; lo: number; text: string | undefined }> | undefined
  private floor = 0

  constructor(options: LineTableOptions = {}) {
    const cap = options.cap ?? DEFAULT_CAP
    if (!Number.isSafeInteger(cap) || cap < MIN_CAP || cap > 1 << 26) {
      throw new ZhtidyError('invalid-option', `line table: cap must be a whole number from ${MIN_CAP} to ${1 << 26}, got ${JSON.stringify(options.cap)}`)
    }
    this.cap = cap
    this.candidateCap = Math.min(DEFAULT_CANDIDATES, cap)
    this.width = nextPowerOfTwo(cap)
  }

  get isExact(): boolean {
    return this.mode === 'exact'
  }

  /** Distinct lines held exactly, or heavy-hitter candidates in sketch mode. */
  get entries(): number {
    return this.mode === 'exact' ? this.size : this.candidates!.size
  }

  /**
   * Counts one document: each distinct line (after normalisation; empty lines left out) once. Returns the number
   * of distinct lines counted.
   */
  addDocument(lines: Iterable<string>): number {
    const seen = new Set<string>()
    for (const line of lines) {
      const normalised = normaliseLine(line)
      if (normalised === '' || seen.has(normalised)) continue
      seen.add(normalised)
      const [hi, lo] = fingerprint(normalised)
      this.add(hi, lo, 1, normalised)
    }
    this.documents++
    this.lines += seen.size
    return seen.size
  }

  /**
   * The number of documents with this (normalised) line: exact, or in sketch mode an estimate that is never below
   * the truth and, with probability 1 − e^-4, at most `errorBound()` above it.
   */
  countOf(normalised: string): number {
    const [hi, lo] = fingerprint(normalised)
    return this.countFingerprint(hi, lo)
  }

  /** A count the line certainly reaches (with the sketch's probability): the estimate less the error bound. */
  certainCountOf(normalised: string): number {
    return Math.max(0, this.countOf(normalised) - this.errorBound())
  }

  /** How far above the truth a sketch's count may be (⌈e·lines/width⌉); 0 while the table is exact. */
  errorBound(): number {
    return this.mode === 'exact' ? 0 : Math.ceil((Math.E * this.lines) / this.width)
  }

  /** The most frequent lines, by count and then fingerprint; in sketch mode among the heavy-hitter candidates. */
  top(n: number): TableEntry[] {
    const rows = this.rows()
    rows.sort(byCountThenFingerprint)
    return rows.slice(0, n).map((row) => {
      const entry: TableEntry = { fingerprint: hex(row.hi, row.lo), count: row.count }
      if (row.text !== undefined) entry.text = row.text
      return entry
    })
  }

  /** Adds another table's counts to this one. Refuses a table counted with other parameters. */
  merge(other: LineTable): this {
    checkCompatible(this.header(), other.header())
    if (other.mode === 'exact') {
      for (let slot = 0; slot < other.counts.length; slot++) {
        const count = other.counts[slot]!
        if (count > 0) this.add(other.hi[slot]!, other.lo[slot]!, count, other.texts[slot])
      }
    } else {
      if (this.mode === 'exact') this.toSketch()
      const cells = this.cells!
      other.cells!.forEach((value, i) => (cells[i] = cells[i]! + value))
      for (const c of other.candidates!.values()) {
        const key = keyOf(c.hi, c.lo)
        const own = this.candidates!.get(key)
        if (own) own.text ??= c.text
        else this.candidates!.set(key, { ...c })
      }
      this.prune()
    }
    this.documents += other.documents
    this.lines += other.lines
    return this
  }

  header(): TableHeader {
    return {
      format: 'zhtidy-line-table',
      version: TABLE_VERSION,
      normalisation: NORMALISATION,
      fingerprint: FINGERPRINT,
      cap: this.cap,
      candidates: this.candidateCap,
      sketch: { depth: SKETCH_DEPTH, width: this.width },
      mode: this.mode,
      documents: this.documents,
      lines: this.lines,
      entries: this.entries,
    }
  }

  /** A processor is cached by its options' JSON: a table stands in it by its id, not by its megabytes. */
  toJSON(): { lineTable: string } {
    return { lineTable: this.id }
  }

  /**
   * The table as bytes: a magic line, the header as one JSON line, then little-endian 32-bit words: exact entries
   * (high, low, count) or the sketch's cells and the candidates (high, low), sorted by fingerprint, then the number
   * of sample texts and each (high, low, UTF-8 length, bytes). The same counts give the same bytes up to the sample
   * texts: a line keeps one once it is seen twice, so a line seen once in each of two shards has none after the merge.
   */
  encode(): Uint8Array {
    const header = this.header()
    const head = new TextEncoder().encode(MAGIC + JSON.stringify(header) + '\n')
    const rows = this.rows().sort(byFingerprint)
    const samples = this.samples()
    const encoder = new TextEncoder()
    const sampleBytes = samples.map((s) => encoder.encode(s.text))
    const words = this.mode === 'exact' ? rows.length * 3 : this.cells!.length + rows.length * 2
    const total = head.length + words * 4 + 4 + samples.length * 12 + sampleBytes.reduce((n, b) => n + b.length, 0)
    const out = new Uint8Array(total)
    out.set(head, 0)
    const view = new DataView(out.buffer)
    let at = head.length
    const word = (value: number) => {
      view.setUint32(at, value, true)
      at += 4
    }
    if (this.mode === 'exact') {
      for (const row of rows) {
        word(row.hi)
        word(row.lo)
        word(row.count)
      }
    } else {
      for (const cell of this.cells!) word(cell)
      for (const row of rows) {
        word(row.hi)
        word(row.lo)
      }
    }
    word(samples.length)
    samples.forEach((sample, k) => {
      word(sample.hi)
      word(sample.lo)
      word(sampleBytes[k]!.length)
      out.set(sampleBytes[k]!, at)
      at += sampleBytes[k]!.length
    })
    return out
  }

  /** Reads a table written by `encode`; `name` is used in errors. */
  static decode(bytes: Uint8Array, name = 'line table'): LineTable {
    const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length))
    if (magic !== MAGIC) throw new ZhtidyError('unreadable-input', `${name}: not a zhtidy line table (made by zhtidy corpus count)`)
    const end = bytes.indexOf(0x0a, MAGIC.length)
    let header: TableHeader
    try {
      header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length, end))) as TableHeader
    } catch {
      throw new ZhtidyError('unreadable-input', `${name}: the line table's header is damaged`)
    }
    checkReadable(header, name)
    const table = new LineTable({ cap: header.cap })
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let at = end + 1
    const word = () => {
      if (at + 4 > bytes.length) throw new ZhtidyError('unreadable-input', `${name}: the line table is cut short`)
      const value = view.getUint32(at, true)
      at += 4
      return value
    }
    if (header.mode === 'exact') {
      for (let k = 0; k < header.entries; k++) table.add(word(), word(), word(), undefined)
    } else {
      table.toSketch()
      const cells = table.cells!
      for (let i = 0; i < cells.length; i++) cells[i] = word()
      for (let k = 0; k < header.entries; k++) {
        const hi = word()
        const lo = word()
        table.candidates!.set(keyOf(hi, lo), { hi, lo, text: undefined })
      }
    }
    const decoder = new TextDecoder()
    const samples = word()
    for (let k = 0; k < samples; k++) {
      const hi = word()
      const lo = word()
      const length = word()
      if (at + length > bytes.length) throw new ZhtidyError('unreadable-input', `${name}: the line table is cut short`)
      table.setText(hi, lo, decoder.decode(bytes.subarray(at, at + length)))
      at += length
    }
    if (at !== bytes.length) throw new ZhtidyError('unreadable-input', `${name}: the line table has ${bytes.length - at} bytes after its end`)
    table.documents = header.documents
    table.lines = header.lines
    if (table.mode === 'sketch') table.prune()
    return table
  }

  /** A table that crossed to a worker thread arrives as a plain object with its fields: give it its methods back. */
  static revive(value: unknown): LineTable {
    if (value instanceof LineTable) return value
    const plain = value as Partial<LineTable> | null
    if (plain === null || typeof plain !== 'object' || typeof plain.cap !== 'number' || typeof plain.id !== 'string') {
      throw new ZhtidyError('invalid-option', 'boilerplate: option `repeated.table` must be a LineTable (from countLines, LineTable.decode, or the command line\'s --repeated)')
    }
    return Object.setPrototypeOf(plain, LineTable.prototype) as LineTable
  }

  /** Adds `n` documents to a fingerprint's count. */
  private add(hi: number, lo: number, n: number, text: string | undefined): void {
    if (this.mode === 'sketch') return this.addToSketch(hi, lo, n, text)
    const mask = this.counts.length - 1
    let slot = fmix(lo ^ hi) & mask
    while (this.counts[slot] !== 0 && (this.hi[slot] !== hi || this.lo[slot] !== lo)) slot = (slot + 1) & mask
    if (this.counts[slot] === 0) {
      if (this.size >= this.cap) {
        this.toSketch()
        return this.addToSketch(hi, lo, n, text)
      }
      this.hi[slot] = hi
      this.lo[slot] = lo
      this.size++
    }
    const count = this.counts[slot]! + n
    this.counts[slot] = count
    // A line seen once keeps no text: most lines of a dump are, and their texts would be the dump itself.
    if (count >= this.textFloor && text !== undefined && this.texts[slot] === undefined) {
      this.texts[slot] = text.slice(0, SAMPLE_LENGTH)
      if (++this.textCount > 4 * this.candidateCap) this.pruneTexts()
    }
    if (this.size * 2 > this.counts.length) this.grow()
  }

  private countFingerprint(hi: number, lo: number): number {
    if (this.mode === 'sketch') return this.estimate(hi, lo)
    const mask = this.counts.length - 1
    let slot = fmix(lo ^ hi) & mask
    while (this.counts[slot] !== 0) {
      if (this.hi[slot] === hi && this.lo[slot] === lo) return this.counts[slot]!
      slot = (slot + 1) & mask
    }
    return 0
  }

  private setText(hi: number, lo: number, text: string): void {
    if (this.mode === 'sketch') {
      const candidate = this.candidates!.get(keyOf(hi, lo))
      if (candidate) candidate.text = text
      return
    }
    const mask = this.counts.length - 1
    let slot = fmix(lo ^ hi) & mask
    while (this.counts[slot] !== 0) {
      if (this.hi[slot] === hi && this.lo[slot] === lo) {
        if (this.texts[slot] === undefined) this.textCount++
        this.texts[slot] = text
        return
      }
      slot = (slot + 1) & mask
    }
  }

  /** Keeps the texts of the heaviest 2·candidateCap lines; lines must now reach the lightest kept count to get one. */
  private pruneTexts(): void {
    const counts: number[] = []
    this.texts.forEach((text, slot) => {
      if (text !== undefined) counts.push(this.counts[slot]!)
    })
    counts.sort((a, b) => b - a)
    this.textFloor = Math.max(this.textFloor, counts[2 * this.candidateCap - 1]! + 1)
    this.textCount = 0
    this.texts.forEach((text, slot) => {
      if (text === undefined) return
      if (this.counts[slot]! < this.textFloor) this.texts[slot] = undefined
      else this.textCount++
    })
  }

  private grow(): void {
    const { hi, lo, counts, texts } = this
    const size = counts.length * 2
    this.hi = new Uint32Array(size)
    this.lo = new Uint32Array(size)
    this.counts = new Uint32Array(size)
    this.texts = []
    const mask = size - 1
    for (let old = 0; old < counts.length; old++) {
      if (counts[old] === 0) continue
      let slot = fmix(lo[old]! ^ hi[old]!) & mask
      while (this.counts[slot] !== 0) slot = (slot + 1) & mask
      this.hi[slot] = hi[old]!
      this.lo[slot] = lo[old]!
      this.counts[slot] = counts[old]!
      if (texts[old] !== undefined) this.texts[slot] = texts[old]
    }
  }

  /** Past the cap: every exact count goes into the sketch (so the sketch is the same as if it had been one from the start). */
  private toSketch(): void {
    const rows = this.mode === 'exact' ? this.exactRows() : []
    this.mode = 'sketch'
    this.cells = new Uint32Array(SKETCH_DEPTH * this.width)
    this.candidates = new Map()
    for (const row of rows) this.addToSketch(row.hi, row.lo, row.count, row.text)
    this.hi = this.lo = this.counts = new Uint32Array(0)
    this.texts = []
    this.size = 0
    this.prune()
  }

  private addToSketch(hi: number, lo: number, n: number, text: string | undefined): void {
    const cells = this.cells!
    let estimate = Infinity
    for (let row = 0; row < SKETCH_DEPTH; row++) {
      const at = row * this.width + cell(hi, lo, row, this.width)
      const value = cells[at]! + n
      cells[at] = value
      if (value < estimate) estimate = value
    }
    if (estimate < this.floor || estimate < 2) return
    const key = keyOf(hi, lo)
    const known = this.candidates!.get(key)
    if (known) known.text ??= text?.slice(0, SAMPLE_LENGTH)
    else {
      this.candidates!.set(key, { hi, lo, text: text?.slice(0, SAMPLE_LENGTH) })
      if (this.candidates!.size >= 2 * this.candidateCap) this.prune()
    }
  }

  private estimate(hi: number, lo: number): number {
    let estimate = Infinity
    for (let row = 0; row < SKETCH_DEPTH; row++) estimate = Math.min(estimate, this.cells![row * this.width + cell(hi, lo, row, this.width)]!)
    return estimate
  }

  /** Keeps the heaviest `candidateCap` candidates by their current estimate; the lightest kept sets the floor. */
  private prune(): void {
    const candidates = this.candidates!
    if (candidates.size <= this.candidateCap) return
    const rows = [...candidates.values()].map((c) => ({ ...c, count: this.estimate(c.hi, c.lo) }))
    rows.sort(byCountThenFingerprint)
    const kept = rows.slice(0, this.candidateCap)
    this.candidates = new Map(kept.map((c) => [keyOf(c.hi, c.lo), { hi: c.hi, lo: c.lo, text: c.text }]))
    this.floor = kept[kept.length - 1]!.count
  }

  private exactRows(): Row[] {
    const rows: Row[] = []
    for (let slot = 0; slot < this.counts.length; slot++) {
      const count = this.counts[slot]!
      if (count > 0) rows.push({ hi: this.hi[slot]!, lo: this.lo[slot]!, count, text: this.texts[slot] })
    }
    return rows
  }

  private rows(): Row[] {
    if (this.mode === 'exact') return this.exactRows()
    return [...this.candidates!.values()].map((c) => ({ hi: c.hi, lo: c.lo, count: this.estimate(c.hi, c.lo), text: c.text }))
  }

  /** The sample texts written: of the heaviest `candidateCap` lines, those with a text, in fingerprint order. */
  private samples(): { hi: number; lo: number; text: string }[] {
    const rows = this.rows().filter((row) => row.text !== undefined)
    rows.sort(byCountThenFingerprint)
    return rows
      .slice(0, this.candidateCap)
      .sort(byFingerprint)
      .map((row) => ({ hi: row.hi, lo: row.lo, text: row.text! }))
  }
}

interface Row {
  hi: number
  lo: number
  count: number
  text: string | undefined
}

function byFingerprint(a: Row, b: Row): number {
  return a.hi - b.hi || a.lo - b.lo
}

function byCountThenFingerprint(a: Row, b: Row): number {
  return b.count - a.count || byFingerprint(a, b)
}

/** The sketch column of a fingerprint in one row: each row mixes the fingerprint with its own seed. */
function cell(hi: number, lo: number, row: number, width: number): number {
  return fmix((lo + Math.imul(row + 1, 0x9e3779b9)) ^ fmix(hi ^ Math.imul(row + 1, 0x85ebca6b))) & (width - 1)
}

function keyOf(hi: number, lo: number): string {
  return `${hi}:${lo}`
}

function hex(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0')
}

function nextPowerOfTwo(n: number): number {
  let p = 1
  while (p < n) p *= 2
  return p
}

function checkReadable(header: TableHeader, name: string): void {
  if (header?.format !== 'zhtidy-line-table') throw new ZhtidyError('unreadable-input', `${name}: not a zhtidy line table`)
  if (header.version !== TABLE_VERSION) {
    throw new ZhtidyError('unreadable-input', `${name}: line table format version ${header.version}, this zhtidy reads version ${TABLE_VERSION}; count the dump again with this version`)
  }
  if (header.normalisation !== NORMALISATION || header.fingerprint !== FINGERPRINT) {
    throw new ZhtidyError('unreadable-input', `${name}: counted with other line rules (normalisation ${JSON.stringify(header.normalisation)}, fingerprint ${JSON.stringify(header.fingerprint)}; this zhtidy uses ${JSON.stringify(NORMALISATION)}, ${JSON.stringify(FINGERPRINT)}); count the dump again`)
  }
}

/** Two tables add up only when counted with the same rules and the same cap (which fixes the sketch's shape). */
export function checkCompatible(a: TableHeader, b: TableHeader, names: [string, string] = ['this table', 'the other table']): void {
  const differ = (what: string, x: unknown, y: unknown) =>
    new ZhtidyError('invalid-option', `cannot merge ${names[0]} and ${names[1]}: ${what} differs (${JSON.stringify(x)} and ${JSON.stringify(y)}); count both with the same zhtidy and the same --cap`)
  for (const key of ['format', 'version', 'normalisation', 'fingerprint', 'cap', 'candidates'] as const) {
    if (a[key] !== b[key]) throw differ(key, a[key], b[key])
  }
  if (a.sketch.depth !== b.sketch.depth || a.sketch.width !== b.sketch.width) throw differ('sketch', a.sketch, b.sketch)
}

/**
 * The boilerplate step's corpus rule, `boilerplate/repeated`: a line that appears in many documents of the dump (as
 * a line table counted it) is furniture, as CCNet takes a paragraph seen again in its shard. Precision first: short
 * lines are never judged by count alone, and a document is never emptied by this rule.
 */
import type { VFile } from 'vfile'
import { ZhtidyError, checkKnownKeys } from '../errors.js'
import { removeLine } from '../tree/edit.js'
import type { LineNode } from '../types.js'
import { normaliseLine, visibleLength } from './fingerprint.js'
import { LineTable } from './table.js'

export interface RepeatedOptions {
  /** The table of the dump (`countLines`, `LineTable.decode`, or the command line's `--repeated FILE`). */
  table: LineTable
  /** A line in at least this many documents is repeated (default 10, unless `share` is given). */
  min?: number
  /** A line in at least this share of the table's documents is repeated (0 < share ≤ 1). The larger threshold wins. */
  share?: number
  /** Lines shorter than this (characters of the normalised line, spaces left out) are never removed for recurring (default 4). */
  minLength?: number
}

export const DEFAULT_REPEATED_MIN = 10
export const DEFAULT_REPEATED_MIN_LENGTH = 4

export interface ResolvedRepeated {
  table: LineTable
  threshold: number
  minLength: number
}

/** Checks the options once, when the step is attached, and fixes the threshold. */
export function resolveRepeated(given: unknown): ResolvedRepeated {
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new ZhtidyError('invalid-option', `boilerplate: option \`repeated\` must be an object { table, min?, share?, minLength? }, got ${JSON.stringify(given)}`)
  }
  checkKnownKeys('boilerplate: option `repeated`', given, ['table', 'min', 'share', 'minLength'])
  const options = given as RepeatedOptions
  const table = LineTable.revive(options.table)
  const whole = (name: string, value: unknown, least: number): number => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < least) {
      throw new ZhtidyError('invalid-option', `boilerplate: option \`repeated.${name}\` must be a whole number of at least ${least}, got ${JSON.stringify(value)}`)
    }
    return value
  }
  if (options.share !== undefined && (typeof options.share !== 'number' || !(options.share > 0 && options.share <= 1))) {
    throw new ZhtidyError('invalid-option', `boilerplate: option \`repeated.share\` must be a number above 0 and at most 1, got ${JSON.stringify(options.share)}`)
  }
  const min = options.min === undefined ? (options.share === undefined ? DEFAULT_REPEATED_MIN : 2) : whole('min', options.min, 2)
  const byShare = options.share === undefined ? 0 : Math.ceil(options.share * table.documents)
  const minLength = options.minLength === undefined ? DEFAULT_REPEATED_MIN_LENGTH : whole('minLength', options.minLength, 1)
  return { table, threshold: Math.max(min, byShare), minLength }
}

/**
 * The lines of one document that the table says are repeated, with their counts. `texts` are the lines as the
 * table counted them (the input's decoded text); `open[i]` is false for a line another rule already took.
 *
 * A line goes when the count it certainly has (exact, or a sketch's estimate less its error bound) reaches the
 * threshold and its normalised form has at least `minLength` characters. When that would take every line of the
 * document that is long enough to judge, the document is a copy of another (a page crawled twice, a syndicated
 * article) or a page of nothing but furniture: then only the lines above the lowest count of the document (by more than a sketch's error) go, so the
 * lines the document shares with the fewest others (its own article) stay. Removing duplicated documents is
 * document deduplication's job, not a line filter's.
 */
export function findRepeated(texts: readonly string[], open: readonly boolean[], options: ResolvedRepeated): Map<number, number> {
  const found = new Map<number, number>()
  let judged = 0
  for (let i = 0; i < texts.length; i++) {
    if (!open[i]) continue
    const normalised = normaliseLine(texts[i]!)
    if (visibleLength(normalised) < options.minLength) continue
    judged++
    const count = options.table.countOf(normalised)
    if (count - options.table.errorBound() >= options.threshold) found.set(i, count)
  }
  if (found.size === 0 || found.size < judged) return found
  // A sketch's counts are estimates: lines within its error of the lowest count may be as low, and stay too.
  const lowest = Math.min(...found.values()) + options.table.errorBound()
  for (const [i, count] of found) if (count <= lowest) found.delete(i)
  return found
}

/** Removes (or, in mark mode, reports) the repeated lines among `lines`; `taken` holds the indices other rules took. */
export function removeRepeated(file: VFile, lines: readonly LineNode[], taken: ReadonlySet<number>, options: ResolvedRepeated, confident: boolean): void {
  const source = typeof file.value === 'string' ? file.value : undefined
  const texts = lines.map((node) => originalText(node, source))
  const open = lines.map((node, i) => !taken.has(i) && !node.data?.removed)
  const documents = options.table.documents
  for (const [i, count] of findRepeated(texts, open, options)) {
    const about = options.table.isExact ? `${count}` : `about ${count}`
    removeLine(file, lines[i]!, 'boilerplate/repeated', `Unexpected line repeated in ${about} of ${documents} documents of the corpus (threshold ${options.threshold}), expected nothing`, confident)
  }
}

/**
 * The line as the input had it, before the steps ahead of this one changed it (script, punctuation): that is what
 * `corpus count` counted. The node's place points into the file's decoded text.
 */
function originalText(node: LineNode, source: string | undefined): string {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (source === undefined || start === undefined || end === undefined) return node.value
  return source.slice(start, end)
}

/** A worker receives its options as a structured clone: the table in them gets its methods back. */
export function reviveTables<T extends { steps?: { boilerplate?: { repeated?: { table?: unknown } } } }>(options: T): T {
  const repeated = options.steps?.boilerplate?.repeated
  if (repeated?.table !== undefined) repeated.table = LineTable.revive(repeated.table)
  return options
}

/**
 * JSON Lines records are rewritten in place: only the raw string literal of the cleaned field is replaced,
 * so every other byte of the record (key order, number spelling, big integers, escapes) stays as it was.
 */

export type RecordProblem = 'not-json' | 'not-object' | 'missing-field' | 'field-not-string'

export type RecordScan =
  | { ok: true; value: string; start: number; end: number }
  | { ok: false; problem: RecordProblem; detail: string }

/** Parses one record and finds the raw span of the top-level string field `field`. */
export function scanRecord(line: string, field: string): RecordScan {
  let record: unknown
  try {
    record = JSON.parse(line)
  } catch (error) {
    return { ok: false, problem: 'not-json', detail: `not JSON (${(error as Error).message})` }
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return { ok: false, problem: 'not-object', detail: 'not a JSON object' }
  }
  if (!Object.hasOwn(record, field)) return { ok: false, problem: 'missing-field', detail: `no field "${field}"` }
  const value = (record as Record<string, unknown>)[field]
  if (typeof value !== 'string') return { ok: false, problem: 'field-not-string', detail: `field "${field}" is not a string` }
  const span = topLevelValueSpan(line, field)
  // JSON.parse keeps the last of duplicate keys; so does topLevelValueSpan.
  if (!span) return { ok: false, problem: 'not-json', detail: `could not locate field "${field}"` }
  return { ok: true, value, start: span.start, end: span.end }
}

/** Replaces the field's string literal with the cleaned text. */
export function replaceField(line: string, scan: { start: number; end: number }, text: string): string {
  return line.slice(0, scan.start) + JSON.stringify(text) + line.slice(scan.end)
}

/** The raw span of the value of top-level key `key` in a valid JSON object text (last occurrence wins). */
function topLevelValueSpan(text: string, key: string): { start: number; end: number } | undefined {
  let i = skipSpace(text, 0)
  if (text[i] !== '{') return undefined
  i++
  let found: { start: number; end: number } | undefined
  for (;;) {
    i = skipSpace(text, i)
    if (text[i] === '}') return found
    const keyEnd = stringEnd(text, i)
    const name = JSON.parse(text.slice(i, keyEnd)) as string
    i = skipSpace(text, keyEnd)
    i++ // ':'
    i = skipSpace(text, i)
    const valueEnd = valueEndAt(text, i)
    if (name === key) found = { start: i, end: valueEnd }
    i = skipSpace(text, valueEnd)
    if (text[i] === ',') i++
    else return found
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++
  return i
}

/** `i` is at an opening quote; returns the index after the closing one. */
function stringEnd(text: string, i: number): number {
  i++
  while (i < text.length) {
    const c = text[i]
    if (c === '\\') i += 2
    else if (c === '"') return i + 1
    else i++
  }
  return i
}

/** The end of the JSON value starting at `i` (the text is known to be valid JSON). */
function valueEndAt(text: string, i: number): number {
  const c = text[i]
  if (c === '"') return stringEnd(text, i)
  if (c === '{' || c === '[') {
    let depth = 0
    while (i < text.length) {
      const d = text[i]
      if (d === '"') {
        i = stringEnd(text, i)
        continue
      }
      if (d === '{' || d === '[') depth++
      else if (d === '}' || d === ']') {
        depth--
        if (depth === 0) return i + 1
      }
      i++
    }
    return i
  }
  while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++
  return i
}

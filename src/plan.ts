import { codec } from './decode/codecs.js'
import { gbkKey, gbkPair } from './steps/annotations/gbk.js'

/**
 * Repair plans as data (after ftfy's explanation steps): what a byte-level repair undid, as steps that turn the
 * damaged text back into the repaired one. `encode` turns text into bytes with a codec (a character the codec
 * cannot hold, and a lost-byte mark `?` or U+FFFD, becomes the byte 3F), byte steps change the bytes, `decode`
 * turns them back into text (a byte sequence the codec cannot read becomes U+FFFD). Codecs are those of
 * src/decode/codecs.ts (`utf-8`, `gbk`, `big5`, `latin` for windows-1252, …) and `gbk-iconv`, GBK as iconv-lite
 * reads it (src/data/mirror-gbk.ts), the GBK of the mirror sites' byte slips.
 */
export type PlanStep =
  | { op: 'encode'; codec: string }
  | { op: 'decode'; codec: string }
  /** Put `bytes` in before the byte at `at` (a byte the decoder dropped, a mark the pass replaced). */
  | { op: 'insert-bytes'; at: number; bytes: number[] }
  /** Take `count` bytes out from `at` (the pass's space, stray pinyin). */
  | { op: 'delete-bytes'; at: number; count: number }
  /** Put `bytes` where `count` bytes were, from `at` (a lost byte shown as `?`, an ASCII mark back full-width). */
  | { op: 'replace-bytes'; at: number; count: number; bytes: number[] }

export type Plan = PlanStep[]

const QUESTION = 0x3f

/** Replays a plan on the text it was made for (a message's `actual`): the repaired text (its `expected`). */
export function applyPlan(plan: readonly PlanStep[], text: string): string {
  let current: string | number[] = text
  for (const step of plan) {
    if (step.op === 'encode') {
      if (typeof current !== 'string') throw new TypeError('zhtidy: applyPlan: `encode` needs text, the plan holds bytes here')
      current = encodeText(current, step.codec)
    } else if (step.op === 'decode') {
      if (typeof current === 'string') throw new TypeError('zhtidy: applyPlan: `decode` needs bytes, the plan holds text here')
      current = decodeBytes(current, step.codec)
    } else {
      if (typeof current === 'string') throw new TypeError(`zhtidy: applyPlan: \`${step.op}\` needs bytes, the plan holds text here`)
      const bytes: number[] = current.slice()
      if (step.op === 'insert-bytes') bytes.splice(step.at, 0, ...step.bytes)
      else if (step.op === 'delete-bytes') bytes.splice(step.at, step.count)
      else bytes.splice(step.at, step.count, ...step.bytes)
      current = bytes
    }
  }
  if (typeof current !== 'string') throw new TypeError('zhtidy: applyPlan: the plan ends with bytes, not text')
  return current
}

export function encodeText(text: string, name: string): number[] {
  const out: number[] = []
  if (name === 'gbk-iconv') {
    for (let i = 0; i < text.length; i++) {
      const key = text.charCodeAt(i) === 0xfffd ? -1 : gbkKey(text.charCodeAt(i))
      if (key < 0) out.push(QUESTION)
      else if (key < 0x100) out.push(key)
      else out.push(key >> 8, key & 0xff)
    }
    return out
  }
  const c = codec(name)
  for (const ch of text) {
    const bytes = ch === '\ufffd' ? undefined : c.encodeChar(ch.codePointAt(0)!)
    if (bytes) out.push(...bytes)
    else out.push(QUESTION)
  }
  return out
}

export function decodeBytes(bytes: readonly number[], name: string): string {
  let out = ''
  if (name === 'gbk-iconv') {
    for (let i = 0; i < bytes.length; ) {
      const byte = bytes[i]!
      if (byte < 0x80) (out += String.fromCharCode(byte)), i++
      else if (byte === 0x80) (out += '\u20ac'), i++
      else {
        const code = i + 1 < bytes.length ? gbkPair(byte, bytes[i + 1]!) : 0
        if (code === 0) (out += '\ufffd'), i++
        else (out += String.fromCharCode(code)), (i += 2)
      }
    }
    return out
  }
  const c = codec(name)
  for (let i = 0; i < bytes.length; ) {
    const decoded = c.decodeAt(bytes, i)
    if (!decoded) {
      out += '\ufffd'
      i++
      continue
    }
    out += String.fromCodePoint(decoded.code)
    i += decoded.length
  }
  return out
}

/**
 * The byte steps that turn `from` into `to`, left to right, each `at` counted in the bytes as they are when the
 * step runs: the shortest edit script (runs are short: a slip spans a few dozen bytes).
 */
export function byteSteps(from: readonly number[], to: readonly number[]): PlanStep[] {
  const n = from.length
  const m = to.length
  // lcs[i][j]: the longest common subsequence of from[i…] and to[j…].
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1))
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = from[i] === to[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const steps: PlanStep[] = []
  let i = 0
  let j = 0
  let at = 0
  while (i < n || j < m) {
    if (i < n && j < m && from[i] === to[j]) {
      i++, j++, at++
      continue
    }
    let deleted = 0
    const inserted: number[] = []
    while ((i < n || j < m) && !(i < n && j < m && from[i] === to[j])) {
      if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) (deleted++, i++)
      else inserted.push(to[j++]!)
    }
    if (deleted > 0 && inserted.length > 0) steps.push({ op: 'replace-bytes', at, count: deleted, bytes: inserted })
    else if (deleted > 0) steps.push({ op: 'delete-bytes', at, count: deleted })
    else steps.push({ op: 'insert-bytes', at, bytes: inserted })
    at += inserted.length
  }
  return steps
}

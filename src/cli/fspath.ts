import { readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * A path as the file system has it: a string when it is UTF-8 (nearly always), else its bytes. File names from old
 * Chinese Windows archives are often GBK; Node turns such a name into U+FFFD when it makes a string of it, and the
 * file can then be neither read nor written. The Buffer form reaches every `fs` call intact.
 */
export type FsPath = string | Buffer

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** A name read from the file system in bytes: a string when it is valid UTF-8, else the bytes themselves. */
export function fromBytes(bytes: Buffer): FsPath {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return Buffer.from(bytes)
  }
}

// Path arithmetic on bytes goes through latin1, which maps each byte to one code unit and back exactly; `/` and
// `.` are the same byte in both.
const asLatin1 = (p: Buffer) => p.toString('latin1')
const fromLatin1 = (s: string) => Buffer.from(s, 'latin1')

export function joinPath(a: FsPath, b: FsPath): FsPath {
  if (typeof a === 'string' && typeof b === 'string') return path.join(a, b)
  return fromLatin1(path.join(latin1Of(a), latin1Of(b)))
}

export function dirnamePath(p: FsPath): FsPath {
  return typeof p === 'string' ? path.dirname(p) : fromLatin1(path.dirname(asLatin1(p)))
}

export function basenamePath(p: FsPath): FsPath {
  return typeof p === 'string' ? path.basename(p) : fromLatin1(path.basename(asLatin1(p)))
}

/** Applies a string function to a path, byte for byte when the path is bytes. */
export function mapPath(p: FsPath, f: (s: string) => string): FsPath {
  return typeof p === 'string' ? f(p) : fromLatin1(f(asLatin1(p)))
}

function latin1Of(p: FsPath): string {
  return typeof p === 'string' ? asLatin1(Buffer.from(p, 'utf8')) : asLatin1(p)
}

/** A key for maps and comparisons: equal for equal byte sequences, whichever form. */
export function pathKey(p: FsPath): string {
  return latin1Of(p)
}

/**
 * The one order of paths (walks, shards): locale-free, so every task on every machine sorts alike. Strings by code
 * unit, as JavaScript sorts them; a name in bytes by its bytes.
 */
export function comparePaths(a: FsPath, b: FsPath): number {
  const x = typeof a === 'string' ? a : pathKey(a)
  const y = typeof b === 'string' ? b : pathKey(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/** How a path is shown in messages: as text, each byte that is not part of valid UTF-8 written `\xNN`. */
export function displayPath(p: FsPath): string {
  if (typeof p === 'string') return p
  let out = ''
  let i = 0
  while (i < p.length) {
    const n = sequenceLength(p, i)
    if (n > 0) {
      out += p.subarray(i, i + n).toString('utf8')
      i += n
    } else {
      out += `\\x${p[i]!.toString(16).padStart(2, '0')}`
      i++
    }
  }
  return out
}

/** The length of the valid UTF-8 sequence at `i`, or 0. */
function sequenceLength(b: Buffer, i: number): number {
  const lead = b[i]!
  if (lead < 0x80) return 1
  const n = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0
  if (n === 0 || i + n > b.length) return 0
  for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0
  const second = b[i + 1]!
  if (lead === 0xe0 && second < 0xa0) return 0
  if (lead === 0xed && second > 0x9f) return 0
  if (lead === 0xf0 && second < 0x90) return 0
  if (lead === 0xf4 && second > 0x8f) return 0
  return n
}

/**
 * The command-line arguments as bytes, where they are not UTF-8: Node decodes argv with U+FFFD for what is not
 * UTF-8, and the bytes are gone from process.argv. On Linux /proc/self/cmdline still has them; the last
 * `argv.length` entries of it are the arguments. Elsewhere (or when the counts disagree) the strings stand.
 */
export function rawArguments(argv: readonly string[]): FsPath[] {
  if (!argv.some((a) => a.includes('\ufffd'))) return [...argv]
  let entries: Buffer[]
  try {
    const cmdline = readFileSync('/proc/self/cmdline')
    entries = []
    let start = 0
    for (let i = 0; i < cmdline.length; i++) {
      if (cmdline[i] === 0) {
        entries.push(cmdline.subarray(start, i))
        start = i + 1
      }
    }
  } catch {
    return [...argv]
  }
  if (entries.length < argv.length) return [...argv]
  const tail = entries.slice(entries.length - argv.length)
  return argv.map((a, k) => {
    if (!a.includes('\ufffd')) return a
    const raw = tail[k]!
    // The same argument, or the counts did not line up: keep the string.
    return raw.toString('utf8') === a ? fromBytes(raw) : a
  })
}

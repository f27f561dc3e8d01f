/** Byte helpers shared by the format readers. Uint8Array only, so that the core runs where Buffer does not. */

export const utf8Encoder = new TextEncoder()
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })

export function utf8(bytes: Uint8Array): string {
  return utf8Lenient.decode(bytes)
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** The bytes as UTF-8, or undefined when they are not valid UTF-8. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(bytes)
  } catch {
    return undefined
  }
}

export function concat(parts: readonly Uint8Array[], total?: number): Uint8Array {
  if (parts.length === 1) return parts[0]!
  const length = total ?? parts.reduce((n, p) => n + p.length, 0)
  const out = new Uint8Array(length)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * Pulls bytes from a chunked source and hands them out in pieces the readers choose, keeping only what is
 * not yet handed out: memory follows the largest piece, not the input.
 */
export class ByteQueue {
  private parts: Uint8Array[] = []
  private size = 0
  private done = false
  /** Bytes handed out so far: the offset of the queue's first byte in the input. */
  consumed = 0

  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  get length(): number {
    return this.size
  }

  get ended(): boolean {
    return this.done
  }

  /** Reads one more chunk; false at the end of the input. */
  async more(): Promise<boolean> {
    if (this.done) return false
    const next = await this.source.next()
    if (next.done) {
      this.done = true
      return false
    }
    if (next.value.length > 0) {
      this.parts.push(next.value)
      this.size += next.value.length
    }
    return true
  }

  /** Reads until at least `n` bytes are held or the input ends. */
  async fill(n: number): Promise<void> {
    while (this.size < n && (await this.more()));
  }

  /** The held bytes as one array (joined once, then kept joined). */
  peek(): Uint8Array {
    if (this.parts.length > 1) this.parts = [concat(this.parts, this.size)]
    return this.parts[0] ?? new Uint8Array(0)
  }

  /** Index of `byte` at or after `from` in the held bytes, or -1. */
  indexOf(byte: number, from = 0): number {
    return this.peek().indexOf(byte, from)
  }

  take(n: number): Uint8Array {
    const all = this.peek()
    const piece = all.subarray(0, n)
    const rest = all.subarray(n)
    // A copy of the rest lets the big joined array go once its pieces are handed out.
    this.parts = rest.length > 0 ? [rest.length < all.length / 2 ? rest.slice() : rest] : []
    this.size = rest.length
    this.consumed += n
    return piece
  }

  /**
   * The next line with its line feed (only LF ends a line: a CR is kept with the line it is in), or the rest of the
   * input when it ends without one; undefined at the end. Scans each chunk once, so a long line costs no more than
   * its length.
   */
  async readLine(): Promise<Uint8Array | undefined> {
    let scanned = 0
    for (;;) {
      let offset = 0
      for (let p = 0; p < this.parts.length; p++) {
        const part = this.parts[p]!
        if (offset + part.length > scanned) {
          const at = part.indexOf(0x0a, Math.max(0, scanned - offset))
          if (at >= 0) return this.takeParts(p, at + 1, offset + at + 1)
        }
        offset += part.length
      }
      scanned = this.size
      if (!(await this.more())) return this.size > 0 ? this.take(this.size) : undefined
    }
  }

  /** Takes whole parts before `p` and `cut` bytes of part `p` (`total` bytes in all), without joining the rest. */
  private takeParts(p: number, cut: number, total: number): Uint8Array {
    const head = this.parts.slice(0, p)
    const part = this.parts[p]!
    head.push(part.subarray(0, cut))
    const rest = part.subarray(cut)
    this.parts = rest.length > 0 ? [rest, ...this.parts.slice(p + 1)] : this.parts.slice(p + 1)
    this.size -= total
    this.consumed += total
    return concat(head, total)
  }
}

/**
 * Base64 to typed arrays, for the generated tables in src/data that hold code units and offsets as ASCII (cheap for
 * a JS engine to load: a non-ASCII literal must be decoded from UTF-8 and scanned as two-byte text on every start).
 * Native where the runtime has a decoder (`Uint8Array.fromBase64`; Node's Buffer), `atob` elsewhere. The tables are
 * little-endian; a big-endian host swaps the bytes.
 */

type FromBase64 = (text: string) => Uint8Array
type NodeBuffer = { from(text: string, encoding: 'base64'): Uint8Array }

export function base64Bytes(text: string): Uint8Array {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64
  if (typeof fromBase64 === 'function') return fromBase64(text)
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer
  if (buffer) return buffer.from(text, 'base64')
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** The bytes of `text` as an array of `size`-byte elements: a view where the bytes are aligned, else a copy. */
function aligned(text: string, size: number): ArrayBuffer {
  const bytes = base64Bytes(text)
  if (bytes.length % size !== 0) throw new Error(`zhtidy: a table of ${bytes.length} bytes is not a whole number of ${size}-byte elements`)
  // A copy unless the bytes are a whole buffer of their own (Node pools small buffers; Buffer#slice is no copy).
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes)
  if (!LITTLE_ENDIAN) for (let i = 0; i < own.length; i += size) own.subarray(i, i + size).reverse()
  return own.buffer as ArrayBuffer
}

/** UTF-16LE code units. */
export function base64Units(text: string): Uint16Array {
  return text.length === 0 ? new Uint16Array(0) : new Uint16Array(aligned(text, 2))
}

/** Unsigned 32-bit little-endian integers. */
export function base64Uint32(text: string): Uint32Array {
  return text.length === 0 ? new Uint32Array(0) : new Uint32Array(aligned(text, 4))
}

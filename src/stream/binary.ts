/**
 * Binary files met in a directory walk must never be rewritten as text. The check looks at the first bytes only:
 * a known file signature, or NUL bytes that are not the regular NULs of UTF-16 or UTF-32 text.
 */

interface Signature {
  name: string
  bytes: readonly number[]
  at?: number
}

const SIGNATURES: readonly Signature[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'WebP or RIFF file', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'BMP image', bytes: [0x42, 0x4d], at: 0 },
  { name: 'TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'ICO image', bytes: [0x00, 0x00, 0x01, 0x00] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'gzip data', bytes: [0x1f, 0x8b] },
  { name: 'xz data', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'bzip2 data', bytes: [0x42, 0x5a, 0x68] },
  { name: 'zstd data', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: '7z archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { name: 'tar archive', bytes: [0x75, 0x73, 0x74, 0x61, 0x72], at: 257 },
  { name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'Mach-O executable', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { name: 'Windows executable', bytes: [0x4d, 0x5a] },
  { name: 'WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'Java class file', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { name: 'SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66] },
  { name: 'Ogg media', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { name: 'MP3 audio', bytes: [0x49, 0x44, 0x33] },
  { name: 'MP4 or MOV media', bytes: [0x66, 0x74, 0x79, 0x70], at: 4 },
  { name: 'font file', bytes: [0x77, 0x4f, 0x46, 0x46] },
  { name: 'font file', bytes: [0x77, 0x4f, 0x46, 0x32] },
]

/** Text signatures that look like short binary ones ('BM', 'MZ', 'BZh', 'ID3'): need more than two bytes of proof. */
const NEEDS_NUL = new Set(['BMP image', 'Windows executable'])

export const SNIFF_BYTES = 1024

/**
 * What kind of binary file `head` (the first bytes) starts, or undefined for text. `gzipOk` is set when the file is
 * named .gz, where gzip is a wrapper to open, not a reason to skip.
 */
export function binaryKind(head: Uint8Array, gzipOk = false): string | undefined {
  const nuls = nulPattern(head.subarray(0, SNIFF_BYTES))
  for (const sig of SIGNATURES) {
    if (gzipOk && sig.name === 'gzip data') continue
    if (!startsWith(head, sig.bytes, sig.at ?? 0)) continue
    if (NEEDS_NUL.has(sig.name) && nuls === 'none') continue
    return sig.name
  }
  return nuls === 'binary' ? 'binary data (NUL bytes)' : undefined
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b
}

function startsWith(head: Uint8Array, bytes: readonly number[], at: number): boolean {
  if (head.length < at + bytes.length) return false
  for (let i = 0; i < bytes.length; i++) if (head[at + i] !== bytes[i]) return false
  return true
}

/**
 * UTF-16 text has NULs on one side of each code unit only (the high byte of ASCII), UTF-32 in three of four
 * places; the decoder reads those. NULs anywhere else mean binary.
 */
function nulPattern(head: Uint8Array): 'none' | 'wide-text' | 'binary' {
  const byLane = [0, 0, 0, 0]
  let total = 0
  for (let i = 0; i < head.length; i++) {
    if (head[i] === 0) {
      byLane[i % 4]!++
      total++
    }
  }
  if (total === 0) return 'none'
  const bom16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)
  const bom32 = (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) || (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff)
  if (bom16 || bom32) return 'wide-text'
  const even = byLane[0]! + byLane[2]!
  const odd = byLane[1]! + byLane[3]!
  // UTF-16 Chinese text has NULs only in its ASCII code units (line feeds, digits), but always on the same side;
  // binary formats scatter them over both.
  if (even === 0 || odd === 0) return 'wide-text'
  return 'binary'
}

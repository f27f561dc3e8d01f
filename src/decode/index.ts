import iconv from 'iconv-lite'

/** The result of turning bytes into text. */
export interface Decoded {
  text: string
  /** WHATWG-style label of the encoding used: 'utf-8', 'gb18030', 'big5', 'utf-16le', … */
  encoding: string
  /** 0..1: how sure the decoder is. */
  confidence: number
  /** Places where bytes could not be decoded (they became U+FFFD). */
  invalid: { offset: number; length: number }[]
  /** Whether the input started with a byte-order mark (it is not part of `text`). */
  bom: boolean
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Bytes to text: a byte-order mark wins, then strict UTF-8, then GB18030.
 * Never throws: bytes that no candidate decodes become U+FFFD.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { ...decodeUtf8Lossy(bytes.subarray(3)), bom: true }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le', confidence: 1, invalid: [], bom: true }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be', confidence: 1, invalid: [], bom: true }
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8', confidence: 1, invalid: [], bom: false }
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030', confidence: 0.5, invalid: [], bom: false }
  }
}

function decodeUtf8Lossy(bytes: Uint8Array): Omit<Decoded, 'bom'> {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8', confidence: 1, invalid: [] }
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', confidence: 0.9, invalid: [] }
  }
}

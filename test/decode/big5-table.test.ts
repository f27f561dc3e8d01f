// Big5 is decoded from the project's own table (src/data/double-byte.ts), not the platform's TextDecoder, so that
// a browser (whose WHATWG Big5 reads HKSCS pairs that Node 20 maps to private-use characters) judges the same bytes
// as Node does (issue 18: seed 007 came out as Big5 in chromium, as GBK with one Big5 line in Node).
// The table decoder must equal Node's own decoder on every byte pair, strict and lenient, in context.
import { describe, expect, it } from 'vitest'
import { decodeBig5 } from '../../src/decode/index.js'

const lenient = new TextDecoder('big5')
const strict = new TextDecoder('big5', { fatal: true })
function nodeStrict(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes)
  } catch {
    return undefined
  }
}

describe('decodeBig5', () => {
  it('reads every lead byte with every following byte as Node 20 does, between ASCII letters', () => {
    const differ: string[] = []
    for (let lead = 0x80; lead <= 0xff; lead++) {
      for (let trail = 0; trail <= 0xff; trail++) {
        const bytes = new Uint8Array([0x41, lead, trail, 0x42])
        if (decodeBig5(bytes, false) !== lenient.decode(bytes) || decodeBig5(bytes, true) !== nodeStrict(bytes)) {
          differ.push(`${lead.toString(16)} ${trail.toString(16)}`)
        }
      }
    }
    expect(differ).toEqual([])
  })

  it('reads a lead byte at the end of the input as Node does', () => {
    for (let lead = 0x80; lead <= 0xff; lead++) {
      const bytes = new Uint8Array([0x41, lead])
      expect(decodeBig5(bytes, false), lead.toString(16)).toBe(lenient.decode(bytes))
      expect(decodeBig5(bytes, true), lead.toString(16)).toBe(nodeStrict(bytes))
    }
  })
})

// decodeCode is decodeAt without an object (the search reads one character per byte it walks): it must say what
// decodeAt says, for every codec the encoding step reads with, on any bytes (lost bytes and flattened spaces in).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codec, HAS_CANDIDATES, LOST, NOT_VALID, type Codec } from '../../src/decode/codecs.js'

const NAMES = ['utf-8', 'gbk', 'big5', 'latin', 'utf8-latin', 'windows-1250', 'windows-1251', 'windows-1257', 'iso-8859-2', 'macintosh', 'cp437']

/** What decodeAt says, as decodeCode packs it. */
function reference(c: Codec, bytes: number[], at: number): number {
  const d = c.decodeAt(bytes, at)
  return d === undefined ? NOT_VALID : d.candidates ? HAS_CANDIDATES : d.code * 8 + d.length
}

// Bytes that matter to the decoders: ASCII (the space a crawler left for A0), UTF-8 leads and continuations, GBK
// and Big5 leads and trails, the surrogate range of CESU-8 (ED A0–BF), and the lost byte.
const byte = fc.oneof(
  fc.integer({ min: 0, max: 0xff }),
  fc.constantFrom(0x20, 0x80, 0xa0, 0xbf, 0xc2, 0xc3, 0xdf, 0xe0, 0xe4, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x81, 0xfe, 0x40, 0x7e, 0xa1, LOST),
)

describe('decodeCode', () => {
  it.each(NAMES)('agrees with decodeAt on random bytes (%s)', (name) => {
    const c = codec(name)
    fc.assert(
      fc.property(fc.array(byte, { minLength: 1, maxLength: 8 }), fc.nat(), (bytes, k) => {
        const at = k % bytes.length
        expect(c.decodeCode(bytes, at)).toBe(reference(c, bytes, at))
      }),
      { numRuns: 3000 },
    )
  })

  it('agrees with decodeAt on real text: UTF-8 of Han, GBK and Big5 pairs of every lead', () => {
    const utf8 = codec('utf-8')
    const han = [...Buffer.from('中文網頁𠮷😍，。\u00a0é', 'utf8')]
    for (let at = 0; at < han.length; at++) expect(utf8.decodeCode(han, at)).toBe(reference(utf8, han, at))
    for (const name of ['gbk', 'big5']) {
      const c = codec(name)
      for (let lead = 0x80; lead <= 0xff; lead++) {
        for (const trail of [0x40, 0x7e, 0x7f, 0x80, 0xa1, 0xb0, 0xfe, 0xff, LOST]) {
          expect(c.decodeCode([lead, trail], 0), `${name} ${lead} ${trail}`).toBe(reference(c, [lead, trail], 0))
        }
      }
    }
  })
})

import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { base64Bytes, base64Uint32, base64Units } from '../../src/convert/base64.js'

// The generated tables hold code units and offsets as base64 (src/data/opencc-groups.ts); these decoders read them.
describe('base64 tables', () => {
  it('give back the code units and integers that were encoded, small (pooled by Node) or large', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 2000 }), (text, numbers) => {
      const units = base64Units(Buffer.from(text, 'utf16le').toString('base64'))
      expect(String.fromCharCode(...units)).toBe(text)
      const bytes = Buffer.alloc(numbers.length * 4)
      numbers.forEach((n, k) => bytes.writeUInt32LE(n, k * 4))
      expect([...base64Uint32(bytes.toString('base64'))]).toEqual(numbers)
    }), { numRuns: 300 })
  })
  it('decode without Buffer (atob, as in a browser) to the same bytes', () => {
    const sample = Buffer.from('長針 長針|一口吃個 一口喫個|', 'utf16le').toString('base64')
    const native = base64Bytes(sample)
    vi.stubGlobal('Buffer', undefined)
    try {
      expect([...base64Bytes(sample)]).toEqual([...native])
      expect(String.fromCharCode(...base64Units(sample))).toBe('長針 長針|一口吃個 一口喫個|')
    } finally {
      vi.unstubAllGlobals()
    }
  })
  it('refuse a table that is not a whole number of elements', () => {
    expect(() => base64Uint32(Buffer.from([1, 2, 3]).toString('base64'))).toThrow(/not a whole number/)
  })
})

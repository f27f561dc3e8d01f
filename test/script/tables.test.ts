// The script step reads its character tables from src/data/scan-tables.ts (runs written at build time); they must
// be exactly what computeTables() works out from the character lists, for every code point.
import { describe, expect, it } from 'vitest'
import { computeTables, converters } from '../../src/steps/script/convert.js'

describe('generated scan tables', () => {
  it('give every BMP code point the class, flags and scan bits computeTables gives it', () => {
    const computed = computeTables()
    const loaded = converters()
    let differing = 0
    for (let code = 0; code < 0x10000; code++) {
      if (loaded.scanUnits[code] !== computed.scanUnits[code] || loaded.bmpFlags[code] !== computed.flags[code] || loaded.classOf(code) !== computed.classes[code]) differing++
    }
    expect(differing).toBe(0)
    // Not all zero: the tables hold what the script step needs (书 is simplified, 書 traditional).
    expect(loaded.classOf('书'.charCodeAt(0))).not.toBe(loaded.classOf('書'.charCodeAt(0)))
  })

  it('give every astral character its class and flags', () => {
    const computed = computeTables()
    const loaded = converters()
    const codes = new Set([...computed.astral.keys(), ...computed.astralFlags.keys()])
    expect(codes.size).toBeGreaterThan(100)
    for (const code of codes) {
      expect(loaded.classOf(code)).toBe(computed.astral.get(code) ?? 0)
      expect(loaded.flagsOf(code)).toBe(computed.astralFlags.get(code) ?? 0)
    }
  })
})

import { describe, expect, it } from 'vitest'
import { readings, readingsLoaded } from '../../src/steps/annotations/readings.js'

describe('pinyin readings', () => {
  it('a few look-ups scan the table string; later ones read it into a map; both give the same readings', () => {
    const chars = [...'书记长行乐重还的了和中国覺書𠮷a']
    const scanned = chars.map((ch) => [...readings(ch)])
    expect(readingsLoaded()).toBe(false)
    expect(scanned[0]).toContain('shū')
    expect(scanned[2]).toEqual(expect.arrayContaining(['cháng', 'zhǎng']))
    expect(scanned[scanned.length - 1]).toEqual([])
    for (let code = 0x4e00; !readingsLoaded(); code++) readings(String.fromCharCode(code))
    expect(chars.map((ch) => [...readings(ch)])).toEqual(scanned)
  })
})

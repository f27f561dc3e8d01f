import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')

/** Runs `body` in a fresh Node process with the sources loaded through tsx, and returns what it prints as JSON. */
function fresh(body: string): any {
  const script = `
    import { tidy } from './src/index.ts'
    import { builtCodecs } from './src/decode/codecs.ts'
    import { plausibilityTablesLoaded } from './src/decode/plausibility.ts'
    import { readingsLoaded } from './src/steps/annotations/readings.ts'
    const loaded = () => ({ codecs: builtCodecs(), readings: readingsLoaded(), ...plausibilityTablesLoaded() })
    ${body}
  `
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').pop()!)
}

describe('tables are loaded on first use', () => {
  it('tidy("中文") builds no codec, no word pairs and no pinyin readings', () => {
    const result = fresh(`const r = tidy('中文'); console.log(JSON.stringify({ text: r.text, ...loaded() }))`)
    expect(result).toEqual({ text: '中文', codecs: [], readings: false, weights: true, wordPairs: false })
  }, 30_000)

  it('an ASCII document reads no table at all', () => {
    const result = fresh(`tidy('Hello, world?\\nsecond line (with parentheses)'); console.log(JSON.stringify(loaded()))`)
    expect(result).toEqual({ codecs: [], readings: false, weights: false, wordPairs: false })
  }, 30_000)

  it('mojibake builds only the codecs of the readings it tries; glued pinyin on a short text scans the readings string', () => {
    const latin = fresh(`tidy('caf\\u00c3\\u00a9 cr\\u00c3\\u00a8me', { only: ['encoding'] }); console.log(JSON.stringify(loaded()))`)
    expect(latin.codecs).toContain('latin')
    expect(latin.codecs).not.toContain('gbk')
    expect(latin.readings).toBe(false)
    const glued = fresh(`const r = tidy('市委書(shū)記主持會(huì)議，強調(diào)', { only: ['annotations'] }); console.log(JSON.stringify({ text: r.text, ...loaded() }))`)
    // The readings were consulted (the pinyin is gone), without reading the whole table into a map.
    expect(glued.text).toBe('市委書記主持會議，強調')
    expect(glued.readings).toBe(false)
    expect(glued.codecs).toEqual([])
  }, 30_000)
})

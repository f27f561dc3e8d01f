import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import * as OpenCC from 'opencc-js'
import { describe, expect, it } from 'vitest'
import { detect, tidy, ZhtidyError, type Script } from '../../src/index.js'
import { SHARED, SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from '../../src/data/script-chars.js'
import { converters } from '../../src/steps/script/convert.js'
import { scriptLabel } from '../../src/steps/script/detect.js'
import { SCRIPT_RULES } from '../../src/steps/script/rules.js'

const simplifiedOnly = new Set(SIMPLIFIED_ONLY)
const traditionalOnly = new Set(TRADITIONAL_ONLY)
const script = (input: string, target: Script = 'zh-Hans') => tidy(input, { only: ['script'], script: target })

describe('the script character tables', () => {
  it('are disjoint and hold no duplicates', () => {
    for (const table of [SIMPLIFIED_ONLY, TRADITIONAL_ONLY, SHARED]) expect(new Set(table).size).toBe([...table].length)
    for (const ch of SHARED) expect(simplifiedOnly.has(ch) || traditionalOnly.has(ch)).toBe(false)
    for (const ch of SIMPLIFIED_ONLY) expect(traditionalOnly.has(ch)).toBe(false)
  })

  it('put the characters written in both scripts in neither only-table', () => {
    for (const ch of '后里于范采乾著干台么群床') {
      expect(simplifiedOnly.has(ch), ch).toBe(false)
      expect(traditionalOnly.has(ch), ch).toBe(false)
    }
    for (const ch of '书们这个复并') expect(simplifiedOnly.has(ch), ch).toBe(true)
    for (const ch of '書們這個後裡裏') expect(traditionalOnly.has(ch), ch).toBe(true)
  })

  it('hold only characters OpenCC converts in their direction', () => {
    const s2t = OpenCC.Converter({ from: 'cn', to: 't' })
    const t2s = OpenCC.Converter({ from: 't', to: 'cn' })
    const tw2s = OpenCC.Converter({ from: 'tw', to: 'cn' })
    for (const ch of SIMPLIFIED_ONLY) expect(s2t(ch), ch).not.toBe(ch)
    for (const ch of TRADITIONAL_ONLY) expect(t2s(ch) !== ch || tw2s(ch) !== ch, ch).toBe(true)
  })

  it('are large enough to mean something', () => {
    expect(simplifiedOnly.size).toBeGreaterThan(2000)
    expect(traditionalOnly.size).toBeGreaterThan(2000)
  })
})

describe('the script step', () => {
  it('prints 軟體 for 软件 with zh-TW (the command-line contract)', () => {
    expect(script('软件\n', 'zh-TW').text).toBe('軟體\n')
  })

  it('reports one message per converted run, with the run before and after', () => {
    const result = script('史秉銳主持召開示范區會議并強調', 'zh-Hant')
    expect(result.text).toBe('史秉銳主持召開示範區會議並強調')
    expect(result.messages.map((m) => [m.ruleId, m.actual, m.expected, m.column])).toEqual([
      ['script/ambiguous-char', '范', ['範'], 9],
      ['script/minority-char', '并', ['並'], 13],
    ])
    expect(result.messages[0]!.reason).toMatch(/^Unexpected `范` .*, expected `範`$/)
    expect(result.messages[0]!.note).toMatch(/^1 character converted; OpenCC /)
  })

  it('groups adjacent converted characters into one run and counts them', () => {
    const result = script('书记说，这是一个好办法。', 'zh-Hant')
    expect(result.text).toBe('書記說，這是一個好辦法。')
    // Within a clause the converted characters make one run (unchanged ones between them included).
    expect(result.messages.map((m) => m.actual)).toEqual(['书记说', '这是一个好办'])
    expect(result.messages.map((m) => m.expected?.[0])).toEqual(['書記說', '這是一個好辦'])
    expect(result.messages.map((m) => m.note?.split(' ')[0])).toEqual(['3', '3'])
  })

  it('uses only its documented rule ids', () => {
    const ids = new Set<string>()
    for (const target of ['zh-Hans', 'zh-Hant', 'zh-TW', 'zh-HK', 'keep'] as const) {
      for (const m of script('这个軟體里面的資料，情況復雜，災后重建', target).messages) ids.add(m.ruleId)
    }
    for (const id of ids) expect(SCRIPT_RULES).toContain(id)
    expect(ids.size).toBeGreaterThan(2)
  })

  it('builds its converters once per process', () => {
    const first = converters()
    script('後來', 'zh-Hant')
    script('后来', 'zh-TW')
    expect(converters()).toBe(first)
  })

  it('rejects an unknown target, naming the option', () => {
    expect(() => script('x', 'klingon' as Script)).toThrow(ZhtidyError)
    expect(() => script('x', 'klingon' as Script)).toThrow(/script/)
  })
})

const seedsDir = path.resolve(__dirname, '../../../shared/seeds')
const seedsPresent = existsSync(seedsDir)
if (!seedsPresent) console.warn(`script: ${seedsDir} is absent; the seed tests are skipped`)

describe.skipIf(!seedsPresent)('the five seeds (annotations, then script)', () => {
  const seeds = seedsPresent ? readdirSync(seedsDir).filter((n) => n.endsWith('.txt')).sort() : []
  for (const name of seeds) {
    const text = seedsPresent ? readFileSync(path.join(seedsDir, name), 'utf8') : ''
    it(`${name}: no traditional-only character left in zh-Hans output`, () => {
      const out = tidy(text, { only: ['annotations', 'script'] }).text
      const left = [...out].filter((ch) => traditionalOnly.has(ch))
      expect(left.join('')).toBe('')
      expect(out).not.toBe(text)
    })
    for (const target of ['zh-Hant', 'zh-TW', 'zh-HK'] as const) {
      it(`${name}: no simplified-only character left in ${target} output`, () => {
        const out = tidy(text, { only: ['annotations', 'script'], script: target }).text
        expect([...out].filter((ch) => simplifiedOnly.has(ch)).join('')).toBe('')
      })
    }
    it(`${name}: keep mode converts only the minority, so it changes far fewer characters than zh-Hans`, () => {
      const keep = tidy(text, { only: ['annotations', 'script'], script: 'keep' })
      const hans = tidy(text, { only: ['annotations', 'script'] })
      const count = (r: typeof keep) => r.messages.filter((m) => m.ruleId.startsWith('script/')).length
      expect(count(keep)).toBeGreaterThan(0)
      expect(count(keep) * 5).toBeLessThan(count(hans))
      expect([...keep.text].filter((ch) => simplifiedOnly.has(ch)).join('')).toBe('')
    })
    it(`${name}: detect calls it traditional, machine-converted`, () => {
      const report = detect(text).script
      expect(report.label).toBe('zh-Hant')
      expect(report.machineConverted).toBe(true)
      expect(report.traditional).toBeGreaterThan(report.simplified * 10)
    })
  }
})

describe('detect', () => {
  it('labels simplified, traditional, mixed and non-Chinese text', () => {
    expect(detect('这是一个简单的例子，说明书在这里。').script.label).toBe('zh-Hans')
    expect(detect('這是一個簡單的例子，說明書在這裡。').script.label).toBe('zh-Hant')
    expect(detect('这是简体。\n這是繁體的說明書。').script.label).toBe('mixed')
    expect(detect('Hello world 123').script.label).toBe('none')
    expect(detect('').script.label).toBe('none')
  })

  it('labels each paragraph and sets Japanese lines apart', () => {
    const report = detect('这是简体。\n\n這是繁體。\n東京は日本の首都です。').script
    expect(report.paragraphs?.map((p) => [p.line, p.label, p.japanese ?? false])).toEqual([
      [1, 'zh-Hans', false],
      [3, 'zh-Hant', false],
      [4, 'none', true],
    ])
    expect(report.han).toBe(8)
  })

  it('does not call clean traditional text machine-converted', () => {
    const report = detect('這是一個簡單的例子，說明書在這裡。我們明天再討論這個問題，請大家準備資料。').script
    expect(report.label).toBe('zh-Hant')
    expect(report.machineConverted).toBe(false)
    expect(report.signs).toEqual({ minority: 0, ambiguous: 0, misconverted: 0, pinyin: 0 })
  })

  it('sees simplified leftovers and ambiguous characters in traditional text', () => {
    const report = detect('史秉銳主持召開示范區新冠肺炎疫情防控視頻調度會議并強調，做好疫情防控、災后重建、安全生產等工作。').script
    expect(report.label).toBe('zh-Hant')
    expect(report.signs?.minority).toBe(1)
    expect(report.signs?.ambiguous).toBe(2)
    expect(report.machineConverted).toBe(true)
  })

  it('the label follows the share of the minority script', () => {
    expect(scriptLabel({ simplified: 0, traditional: 0, han: 0 })).toBe('none')
    expect(scriptLabel({ simplified: 0, traditional: 0, han: 5 })).toBe('zh-Hans')
    expect(scriptLabel({ simplified: 1, traditional: 50, han: 80 })).toBe('zh-Hant')
    expect(scriptLabel({ simplified: 10, traditional: 50, han: 80 })).toBe('mixed')
    expect(scriptLabel({ simplified: 50, traditional: 4, han: 80 })).toBe('zh-Hans')
  })
})

describe('laws of the script step', () => {
  const chinese = fc.string({ unit: fc.constantFrom(...'书書后後里裡裏于於并並范範发發髮干乾幹著着台臺软軟件体體 ，。a1:/東京はの'), maxLength: 30 })
  const targets = fc.constantFrom<Script>('zh-Hans', 'zh-Hant', 'zh-TW', 'zh-HK', 'keep')

  it('never throws, and zh-Hans output is stable under a second run', () => {
    fc.assert(
      fc.property(chinese, targets, (text, target) => {
        const once = script(text, target).text
        if (target === 'zh-Hans') expect(script(once, target).text).toBe(once)
      }),
      { numRuns: 300 },
    )
  })

  // Random strings of 乾, 台, 干 can build phrases that only exist after a first conversion (乾台 → 乾臺, whose
  // normalised form 干台 is OpenCC's phrase for 乾颱), so the traditional targets are checked on real text.
  it.skipIf(!seedsPresent)('traditional output of the seeds is stable under a second run', () => {
    for (const name of readdirSync(seedsDir).filter((n) => n.endsWith('.txt'))) {
      const text = tidy(readFileSync(path.join(seedsDir, name), 'utf8'), { only: ['annotations'] }).text
      for (const target of ['zh-Hant', 'zh-TW', 'zh-HK', 'keep'] as const) {
        const once = script(text, target).text
        expect(script(once, target).text, `${name} ${target}`).toBe(once)
      }
    }
  })

  it('leaves no character of the other script in its output', () => {
    fc.assert(
      fc.property(chinese, (text) => {
        const noKana = text.replace(/[\u3040-\u30ff]/g, '')
        expect([...script(noKana, 'zh-Hans').text].filter((ch) => traditionalOnly.has(ch)).join('')).toBe('')
        expect([...script(noKana, 'zh-Hant').text].filter((ch) => simplifiedOnly.has(ch)).join('')).toBe('')
      }),
      { numRuns: 300 },
    )
  })

  it('changes nothing but Han characters', () => {
    fc.assert(
      fc.property(chinese, targets, (text, target) => {
        const strip = (s: string) => s.replace(/[\u3400-\u9fff]/g, '')
        expect(strip(script(text, target).text)).toBe(strip(text))
      }),
      { numRuns: 300 },
    )
  })
})

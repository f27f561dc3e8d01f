import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import * as zhtidy from '../../src/index.js'
import { detect, steps, STEP_NAMES, tidy, zhtidyParse, zhtidyStringify, zhtidyUnicode, ZhtidyError } from '../../src/index.js'

describe('the public surface', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(zhtidy).sort()).toEqual(
      [
        'SCRIPTS',
        'STEP_NAMES',
        'ZhtidyError',
        'LineTable',
        'countLines',
        'createProcessor',
        'createTidyStream',
        'decodeBytes',
        'detect',
        'preset',
        'processorFor',
        'selectedSteps',
        'steps',
        'tidy',
        'zhtidyAnnotations',
        'zhtidyBoilerplate',
        'zhtidyEncoding',
        'zhtidyParse',
        'zhtidyPunctuation',
        'zhtidyScript',
        'zhtidyStringify',
        'zhtidyUnicode',
      ].sort(),
    )
  })

  it('names the six steps in preset order, each a plugin', () => {
    expect(STEP_NAMES).toEqual(['encoding', 'unicode', 'annotations', 'script', 'boilerplate', 'punctuation'])
    for (const name of STEP_NAMES) expect(typeof steps[name]).toBe('function')
  })
})

describe('tidy', () => {
  it('cleans a string and reports every change with rule id, place, before and after', () => {
    const result = tidy('市委書(shū)記,主持')
    expect(result.text).toBe('市委书记，主持')
    expect(result.encoding).toBe('utf-8')
    const pinyin = result.messages.find((m) => m.ruleId === 'annotations/glued-pinyin')
    expect(pinyin).toMatchObject({ source: 'zhtidy', line: 1, column: 4, actual: '(shū)', expected: [''], severity: 'info' })
    expect(result.stats['punctuation/ascii-comma']).toBe(1)
  })

  it('decodes bytes: UTF-8 with a BOM, and GB18030', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('中文')])
    expect(tidy(bom)).toMatchObject({ text: '中文', encoding: 'utf-8' })
    const gbk = new Uint8Array([0xd6, 0xd0, 0xce, 0xc4, 0xb2, 0xe2, 0xca, 0xd4]) // 中文测试 in GBK
    expect(tidy(gbk).text).toBe('中文测试')
  })

  it('runs only the steps asked for, or all but the skipped ones', () => {
    expect(tidy('書(shū)記,主持', { only: ['annotations'] }).text).toBe('書記,主持')
    expect(tidy('書(shū)記,主持', { skip: ['script', 'punctuation'] }).text).toBe('書記,主持')
    expect(tidy('書記', { only: ['script'], script: 'zh-Hant' }).text).toBe('書記')
  })

  it('with messages: false gives the same text and the same counts, without a message per change', () => {
    const page = '11月7日,市委書(shū)記韋韜主持召開會議\r\n版權聲明:凡注明來源的作品\r\n'
    const full = tidy(page)
    const quiet = tidy(page, { messages: false })
    expect(quiet.text).toBe(full.text)
    expect(quiet.stats).toEqual(full.stats)
    expect(Object.values(quiet.stats).reduce((a, b) => a + b, 0)).toBe(full.messages.filter((m) => m.severity === 'info').length)
    expect(quiet.messages.filter((m) => m.severity === 'info')).toEqual([])
  })

  it('gives clean text back unchanged with no messages', () => {
    const clean = '这是一段干净的中文。\n第二行，也很干净。\n'
    expect(tidy(clean)).toMatchObject({ text: clean, messages: [] })
  })

  it('rejects unknown steps, scripts and option names with a ZhtidyError naming them', () => {
    const attempts: [() => unknown, RegExp][] = [
      [() => tidy('x', { only: ['nosuchstep' as never] }), /nosuchstep/],
      [() => tidy('x', { skip: ['punct' as never] }), /punct/],
      [() => tidy('x', { script: 'klingon' as never }), /klingon/],
      [() => tidy('x', { steps: { unicode: { nope: true } as never } }), /nope/],
      [() => tidy('x', { steps: { unicode: { spaces: 'yes' } as never } }), /spaces/],
    ]
    for (const [attempt, name] of attempts) {
      expect(attempt).toThrow(ZhtidyError)
      expect(attempt).toThrow(name)
    }
  })
})

describe('composing your own pipeline', () => {
  it('any step is a unified plugin that works alone', () => {
    const processor = unified().use(zhtidyParse).use(zhtidyUnicode).use(zhtidyStringify)
    const file = processor.processSync('ＡＢＣ\u200b１２３ ')
    expect(String(file)).toBe('ABC123')
    expect(file.messages.map((m) => m.ruleId).sort()).toEqual(['unicode/fullwidth-alphanumeric', 'unicode/invisible', 'unicode/trailing-space'])
  })
})

describe('detect', () => {
  it('reports the encoding of bytes and the script of the text', () => {
    const result = detect(new TextEncoder().encode('市委書記主持召開會議'))
    expect(result.encoding).toBe('utf-8')
    expect(result.script.label).toBe('zh-Hant')
    expect(result.script.traditional).toBeGreaterThan(0)
    expect(detect('hello').script.label).toBe('none')
  })
})

describe('options and inputs are checked where they enter', () => {
  const bad: [string, unknown, RegExp][] = [
    ['a misspelt top-level option', { scirpt: 'zh-TW' }, /unknown option `scirpt`.*`script`/],
    ['another misspelt option', { skp: ['boilerplate'] }, /unknown option `skp`/],
    ['an unknown step under steps', { steps: { punctuaton: {} } }, /unknown option `punctuaton`.*`punctuation`/],
    ['a script that does not exist', { script: 'zh-XX' }, /`script` must be one of/],
    ['only given as a string', { only: 'encoding' }, /`only` must be an array of step names/],
    ['messages that is not a boolean', { messages: 'no' }, /`messages` must be true or false/],
    ['boilerplate.disable given a string', { steps: { boilerplate: { disable: 'boilerplate/contact' } } }, /`disable` must be an array of rule ids/],
    ['an unknown annotations option', { steps: { annotations: { strict: true } } }, /annotations: unknown option `strict`/],
    ['step options that are not an object', { steps: { unicode: true } }, /options of step `unicode` must be an object/],
  ]
  for (const [name, options, message] of bad) {
    it(`${name} throws a ZhtidyError naming it`, () => {
      let thrown: unknown
      try {
        tidy('中文', options as never)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(ZhtidyError)
      expect((thrown as ZhtidyError).code).toBe('invalid-option')
      expect((thrown as Error).message).toMatch(message)
    })
  }

  it('bytes in any binary container decode alike; anything else is a ZhtidyError', () => {
    const bytes = new TextEncoder().encode('中文，測試')
    const expected = tidy(bytes).text
    expect(expected).toBe('中文，测试')
    expect(tidy(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)).text).toBe(expected)
    expect(tidy(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)).text).toBe(expected)
    for (const value of [null, undefined, 42, {}]) {
      expect(() => tidy(value as never)).toThrow(ZhtidyError)
    }
  })
})

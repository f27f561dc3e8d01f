import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTACT_LABELS_FORMS, DISCLAIMER_HEADS_FORMS, TICKER_NAMES_FORMS, WIDGET_LINES_FORMS } from '../../src/data/boilerplate-forms.js'
import { buildMatchers, classify, type Kind, type Matchers } from '../../src/steps/boilerplate/index.js'
import { HEADLINE_MAX, LICENCE_LINE } from '../../src/steps/boilerplate/rules.js'

/*
 * classify runs each pattern only on lines a pass over their code units says it could match. Here it is held to
 * classify as first written, every pattern on every line.
 */
const BULLET = /^\s*(?:[-–—·•●◆■▪*]|\d{1,2}[.、)）]|[(（]\d{1,2}[)）])\s*\S/
const JUNK = /^[\s\-–—_=*·.,:：%+|/\\\d[\]()<>]*$/
const SENTENCE_END = /[。！？!?…][”’」』）)]*(?:[（(][^（()）]{1,24}[）)])?\s*$/
function reference(text: string, m: Matchers): Kind {
  if (text.trim() === '') return 'blank'
  if (m.disclaimer.test(text) || LICENCE_LINE.test(text)) return 'disclaimer'
  const short = text.length <= 240
  if (short && m.contact.test(text)) return 'contact'
  if (short && (JUNK.test(text) || m.ticker.test(text) || m.widget.test(text))) return 'junk'
  if (text.length > HEADLINE_MAX || SENTENCE_END.test(text) || (/[。！？]/.test(text) && /[，,]/.test(text))) return 'sentence'
  if (BULLET.test(text)) return 'bullet'
  return 'headline'
}

const m = buildMatchers()
const phrases = [...DISCLAIMER_HEADS_FORMS, ...CONTACT_LABELS_FORMS, ...TICKER_NAMES_FORMS, ...WIDGET_LINES_FORMS, 'ICP备', 'ICP经营许可证', '公网安备', '京ICP备12345678号']
const units = [' ', '\t', '\u3000', '\u00a0', '\u2028', '\ufeff', '【', '[', '〖', '（', '(', ')', '）', '-', '—', '·', '*', '•', '1', '0', '12', '2024-01-01', '@', 'a@b.cn', '.', ',', '，', '。', '！', '？', '?', '!', '…', '”', '：', ':', '%', '中', '文', '记者', 'c', 'x', '©']
const line = fc.array(fc.oneof(fc.constantFrom(...units), fc.constantFrom(...phrases)), { maxLength: 30 }).map((parts) => parts.join(''))

describe('the boilerplate classification', () => {
  it('gives what every pattern on every line gives, on lines of the phrases and the classes', () => {
    fc.assert(fc.property(line, (text) => {
      expect(classify(text, m)).toBe(reference(text, m))
    }), { numRuns: 20000 })
  })
  it('and on long lines (past the short and the headline limits)', () => {
    fc.assert(fc.property(line, fc.integer({ min: 40, max: 250 }), (text, pad) => {
      for (const padded of [text + '中'.repeat(pad), ' '.repeat(pad) + text, text + '1'.repeat(pad)]) expect(classify(padded, m)).toBe(reference(padded, m))
    }), { numRuns: 3000 })
  })
  it('and on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
      expect(classify(text, m)).toBe(reference(text, m))
    }), { numRuns: 5000 })
  })
  it('and on every single code unit, and each after a space and before a head', () => {
    for (let code = 0; code < 65536; code++) {
      const c = String.fromCharCode(code)
      for (const text of [c + ' ', c + '版权所有']) expect(classify(text, m)).toBe(reference(text, m))
    }
  })
  it('and on the lines of the corpus samples', () => {
    const dir = new URL('../../corpus-samples/', import.meta.url)
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      for (const text of readFileSync(new URL(name, dir), 'utf8').split(/\r\n|\n|\r/)) expect(classify(text, m)).toBe(reference(text, m))
    }
  })
})

import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as forms from '../../src/data/boilerplate-forms.js'
import { buildMatchers, describeLine } from '../../src/steps/boilerplate/index.js'
import { pageLines, SHARED_DIR } from '../helpers/labelled-pages.js'

/*
 * describeLine runs each pattern only on lines that one pass over their code units says it could match (the
 * triggers of the whole-line patterns, the first and last units of the others, the fast path for long sentences).
 * Here it is held to the same classification with every pattern run on every line.
 */
const m = buildMatchers()
const same = (text: string, alone = true): void => {
  const gated = describeLine(text, m)
  expect(gated).toEqual(describeLine(text, m, true))
  if (!alone) return
  // A line judged alone is classified with its ends left out: the same kind and injected words.
  const kindOnly = describeLine(text, m, false, true)
  expect([kindOnly.kind, kindOnly.injected, kindOnly.han, kindOnly.marks]).toEqual([gated.kind, gated.injected, gated.han, gated.marks])
}

const phrases = Object.values(forms).flat()
const units = [' ', '\t', '\u3000', '\u00a0', '\u2028', '\ufeff', '【', '[', '〖', '（', '(', ')', '）', '>', '»', '|', '丨', '-', '—', '·', '*', '•', '▲', '1', '0', '12', '2024-01-01', '2022-12-10 05:26', '12:30', '@', 'a@b.cn', '.', '...', '…', ',', '，', '。', '！', '？', '?', '!', '”', '：', ':', '%', '中', '文', '图', '摄', '来源', '记者 张三', 'ICP备', '公网安备', '.jpg', 'http://a.cn', 'c', 'x', '©', '人气', '赞', '»', '›', '丨', '｜', '#', '~', '_', '+', '=', 'E', 'e', 'END', '完', 'g', 'P', 'Posted in a Tagged b', '首页', '第', '本文共分', '欢迎访问本站官网', 'https://', '//', '.png', '攝', '图1 ', '▲', '数据来源：', '\u3000\u3000']
const line = fc.array(fc.oneof(fc.constantFrom(...units), fc.constantFrom(...phrases)), { maxLength: 30 }).map((parts) => parts.join(''))

describe('the boilerplate line classification', () => {
  it('gives what every pattern on every line gives, on lines of the phrases and the classes', () => {
    fc.assert(fc.property(line, (text) => { same(text) }), { numRuns: 20000 })
  })
  it('and on long lines (past the fast-path, headline and short limits)', () => {
    fc.assert(fc.property(line, fc.integer({ min: 40, max: 250 }), (text, pad) => {
      for (const padded of [text + '中'.repeat(pad) + '。', '中'.repeat(pad) + text, ' '.repeat(pad) + text, text + '1'.repeat(pad)]) same(padded)
    }), { numRuns: 3000 })
  })
  it('and on the lines random runs once found them to disagree on', () => {
    // A head after U+2028 (white space to the patterns, not to the head gate); a bracketed note after a long run of spaces;
    // a welcome line after one (the long-sentence fast path did not ask the welcome pattern).
    for (const text of ['\u2028凡本網註明' + '中'.repeat(84) + '。', '\u2028未經允許不得轉載欢迎关注每日经济新闻APP' + '中'.repeat(68) + '。', ' '.repeat(93) + '（私人消息?)', ' '.repeat(82) + '欢迎访问本站官网!']) same(text)
  })
  it('and on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 120 }), (text) => { same(text) }), { numRuns: 5000 })
  })
  it('and on every single code unit, alone, before a head and at the end of a long sentence', () => {
    const long = '会议指出，当前疫情形势依然复杂严峻，各地要坚持外防输入、内防反弹，毫不放松抓好各项防控措施的落实，确保人民群众生命安全和身体健康'
    for (let code = 0; code < 65536; code++) {
      const c = String.fromCharCode(code)
      for (const text of [c + ' ', c + '版权所有', long + c, c + long + '。']) same(text, false)
    }
  })
  it('and on the lines of the corpus samples and of the real pages', () => {
    const files: URL[] = []
    const samples = new URL('../../corpus-samples/', import.meta.url)
    for (const name of readdirSync(samples).filter((n) => n.endsWith('.txt'))) files.push(new URL(name, samples))
    const real = new URL(`file://${SHARED_DIR}/real-pages/`)
    try {
      for (const name of readdirSync(real).filter((n) => n.endsWith('.txt'))) files.push(new URL(name, real))
    } catch {
      // ../shared/real-pages is absent: the corpus samples alone.
    }
    for (const file of files) for (const text of pageLines(readFileSync(file, 'utf8'))) same(text)
  })
})

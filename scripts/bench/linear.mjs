// Adversarial inputs at two sizes, 10× apart: every pattern must take at most about ten times as long at ten times
// the size (issue 14). Each group's baseline is the smaller size; a ratio near 1.00 is linear, 0.10 is the limit,
// a quadratic pattern shows 0.01. ZHTIDY_BENCH_LINEAR_MB sets the larger size (default 10, the 1 MB and
// 10 MB; --quick: 1). At 10 MB this group takes about three minutes.
import { pathToFileURL } from 'node:url'
import iconv from 'iconv-lite'

/** The patterns, each a function of a size in characters; from the issue and from what the rules match. */
export function adversarialPatterns() {
  const rep = (unit, n) => unit.repeat(Math.max(1, Math.ceil(n / unit.length))).slice(0, n)
  const han = '中华人民共和国国务院办公厅关于进一步做好防汛抗旱工作的通知'
  return {
    'runs of (': (n) => rep('(', n),
    'runs of -': (n) => rep('-', n),
    'spaces after a word': (n) => '中文' + rep(' ', n),
    'digits': (n) => rep('1', n),
    'digits and spaces': (n) => rep('1 ', n) + 'x',
    'pinyin letters': (n) => rep('shuji', n),
    '(shū without a close': (n) => rep('書(shū', n),
    'dates': (n) => rep('2021-01-01 ', n),
    'disclaimer words': (n) => rep('版权声明转载请注明出处', n),
    '?! between Han': (n) => rep('中?!', n),
    'tabs after a widget line': (n) => '分享到' + rep('\t', n),
    'phone word then tabs': (n) => '电话' + rep('\t', n),
    '中\\u3000, repeated': (n) => rep('中\u3000,', n),
    'UTF-8 read as windows-1252': (n) => iconv.decode(Buffer.from(rep(han, Math.ceil(n / 3)), 'utf8'), 'windows-1252').slice(0, n),
    'GBK read as Latin-1': (n) => iconv.encode(rep(han, Math.ceil(n / 2)), 'gbk').toString('latin1').slice(0, n),
    'UTF-8 read as GBK': (n) => iconv.decode(Buffer.from(rep(han, n), 'utf8'), 'gbk').slice(0, n),
    'Big5 read as GBK': (n) => iconv.decode(iconv.encode(rep('中華人民共和國國務院辦公廳關於進一步做好防汛抗旱工作的通知', n), 'big5'), 'gbk').slice(0, n),
  }
}

export default async function linearBench(ctx) {
  const zhtidy = await import(pathToFileURL(ctx.dist).href)
  const bigMb = Number(process.env.ZHTIDY_BENCH_LINEAR_MB ?? (ctx.quick ? 1 : 10))
  const big = Math.round(bigMb * 1e6)
  const small = Math.round(big / 10)
  const rows = []
  for (const [name, make] of Object.entries(adversarialPatterns())) {
    for (const lines of [false, true]) {
      const shape = (text) => (lines ? text.replace(/(.{80})/gsu, '$1\n') : text)
      const group = `linear time: ${name}, ${lines ? 'lines of 80' : 'one line'}`
      for (const [size, baseline] of [[small, true], [big, false]]) {
        const text = shape(make(size))
        const bytes = Buffer.byteLength(text)
        const start = process.hrtime.bigint()
        zhtidy.tidy(text, { messages: false })
        const seconds = Number(process.hrtime.bigint() - start) / 1e9
        rows.push({ group, name: `${(bytes / 1e6).toFixed(1)} MB`, bytes, seconds, baseline, note: baseline ? undefined : 'ratio ≥ 0.10: at most 10× the time for 10× the size' })
      }
    }
  }
  return rows
}

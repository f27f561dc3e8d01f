#!/usr/bin/env node
// Generates src/data/char-lm.ts: a character bigram model of Chinese that the byte-slip repair uses to choose
// between candidate bytes and to judge whether a repair reads better than the damaged text.
// Sources (only counts are kept, no text):
// - jieba's word-frequency dictionary (dict.txt as shipped by the npm package @node-rs/jieba, MIT): every word with
//   its frequency, in simplified and, converted with opencc-js, in traditional script (pairs inside words);
// - OpenCC's phrase tables as bundled by opencc-js (Apache-2.0): both sides of every entry, a small weight each;
// - Debian's manpages-zh, zh_CN pages only (GFDL-1.2+ / GPL; /usr/share/man/zh_CN), as running text with its
//   punctuation, also converted to traditional: the only source of pairs across words and around marks. The zh_TW
//   pages are left out: they are the technical domain of the replay set (test/helpers/replay-set.ts).
// Debian's fortunes-zh and debian-reference are never read (they are evaluation text).
// Without manpages-zh installed the generator leaves the committed table as it is (it cannot make the same one).
// Usage: node scripts/gen-char-lm.mjs [out-dir]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { writeGenerated } from './gen-write.mjs'

const require = createRequire(import.meta.url)
const OpenCC = require('opencc-js')
const jiebaDir = path.dirname(require.resolve('@node-rs/jieba/package.json'))
const jiebaVersion = JSON.parse(readFileSync(path.join(jiebaDir, 'package.json'), 'utf8')).version
const openccVersion = JSON.parse(readFileSync(path.join(path.dirname(require.resolve('opencc-js')), '../../package.json'), 'utf8')).version
const MAN = '/usr/share/man/zh_CN'
if (!existsSync(path.join(MAN, 'man1', 'ab.1.gz'))) {
  console.log('char-lm: manpages-zh is not installed (apt-get install manpages-zh): the committed table is kept')
  process.exit(0)
}
const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' })

/** Characters the model knows: Han, CJK marks and full-width forms (ASCII and the rest are left to the caller). */
const kept = (code) => (code >= 0x3400 && code <= 0x9fff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff5e) || code === 0x2014 || code === 0x2026 || (code >= 0x2018 && code <= 0x201d)
const unigrams = [new Map(), new Map(), new Map()]
const bigrams = [new Map(), new Map(), new Map()]
const add = (source, text, weight) => {
  let previous = -1
  for (const ch of text) {
    const code = ch.codePointAt(0)
    if (!kept(code) || code > 0xffff) {
      previous = -1
      continue
    }
    unigrams[source].set(code, (unigrams[source].get(code) ?? 0) + weight)
    if (previous >= 0) {
      const key = previous * 0x10000 + code
      bigrams[source].set(key, (bigrams[source].get(key) ?? 0) + weight)
    }
    previous = code
  }
}
// 1. jieba: word frequencies.
const entries = readFileSync(path.join(jiebaDir, 'dict.txt'), 'utf8')
  .split('\n')
  .map((line) => line.split(' '))
  .filter(([word, freq]) => word && Number(freq) > 0)
// Converted in one call (a line break ends every phrase match): a call per word costs minutes.
const traditionalWords = toTraditional(entries.map(([word]) => word).join('\n')).split('\n')
entries.forEach(([word, freq], k) => {
  add(0, word, Number(freq))
  if (traditionalWords[k] !== word) add(0, traditionalWords[k], Number(freq))
})
// 2. OpenCC's phrases.
const locale = OpenCC.Locale
for (const dict of [locale.from.cn[0][0], locale.from.tw[0][0], locale.from.hk[0][0], locale.to.cn[0][0]]) {
  for (const entry of dict.split('|')) for (const side of entry.split(' ')) add(1, side, 1)
}
// 3. manpages-zh, zh_CN, running text.
const files = []
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) walk(full)
    else if (name.endsWith('.gz')) files.push(full)
  }
}
walk(MAN)
for (const file of files) {
  let text
  try {
    text = gunzipSync(readFileSync(file)).toString('utf8')
  } catch {
    continue
  }
  if (text.includes('\ufffd')) continue
  // Text lines only (troff requests out), font escapes dropped so that words stay whole.
  const prose = text
    .split('\n')
    .filter((l) => !l.startsWith('.') && !l.startsWith("'"))
    .map((l) => l.replace(/\\f(?:\[[^\]]*\]|\(..|.)/g, ''))
    .join('\n')
  add(2, prose, 1)
  add(2, toTraditional(prose), 1)
}

// The sources mix with these shares of the probability mass (the running text teaches what follows a mark).
const SHARES = [0.5, 0.1, 0.4]
const totals = unigrams.map((m) => [...m.values()].reduce((a, b) => a + b, 0))
const unigram = new Map()
for (let s = 0; s < 3; s++) for (const [code, n] of unigrams[s]) unigram.set(code, (unigram.get(code) ?? 0) + (SHARES[s] * n) / totals[s])
const bigram = new Map()
// How often a character is the first of a pair, per source: the conditional probability's denominator.
const firsts = bigrams.map((m) => {
  const out = new Map()
  for (const [key, n] of m) out.set(Math.floor(key / 0x10000), (out.get(Math.floor(key / 0x10000)) ?? 0) + n)
  return out
})
const firstTotal = new Map()
for (let s = 0; s < 3; s++) for (const [code, n] of firsts[s]) firstTotal.set(code, (firstTotal.get(code) ?? 0) + (SHARES[s] * n) / totals[s])
for (let s = 0; s < 3; s++) for (const [key, n] of bigrams[s]) bigram.set(key, (bigram.get(key) ?? 0) + (SHARES[s] * n) / totals[s])

// Quantised as -log2 probability in half bits: 0..94, one printable ASCII character each (from '!').
const STEP = 0.5
const LEVELS = 94
const quantise = (p) => Math.min(LEVELS - 1, Math.max(0, Math.round(-Math.log2(p) / STEP)))
const level = (q) => String.fromCharCode(0x21 + q)
// Written in ASCII only (a non-ASCII literal of this size costs every process that imports the library a UTF-8
// decode and a slow scan, model used or not), in fixed-width groups of the base64 alphabet that src/steps/annotations/lm.ts
// reads where they lie: a code in 3 digits (18 bits), a level in 1 ('!' + level would need escapes).
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const digits = (value, count) => {
  let out = ''
  for (let k = count - 1; k >= 0; k--) out += DIGITS[(value >> (6 * k)) & 63]
  return out
}
// Unigrams: characters seen with a probability of at least 2^-26, by code.
const chars = [...unigram].filter(([, p]) => p >= 2 ** -26).sort((a, b) => a[0] - b[0])
const unigramText = chars.map(([code, p]) => digits(code, 3) + digits(quantise(p), 1)).join('')
// Bigrams: P(second | first), kept where the pair is seen often enough to be told from chance.
const MIN_PAIR = 2 ** -24
const rows = new Map()
let kept2 = 0
for (const [key, p] of bigram) {
  if (p < MIN_PAIR) continue
  const first = Math.floor(key / 0x10000)
  const conditional = p / firstTotal.get(first)
  const q = quantise(conditional)
  // A pair no likelier than its second character alone adds nothing over the unigram.
  if (conditional <= (unigram.get(key % 0x10000) ?? 0) * 1.5) continue
  let row = rows.get(first)
  if (!row) rows.set(first, (row = []))
  row.push([key % 0x10000, q])
  kept2++
}
const firstCodes = [...rows.keys()].sort((a, b) => a - b)
let rowText = ''
let pairText = ''
let levelText = ''
let at = 0
for (const first of firstCodes) {
  const row = rows.get(first).sort((a, b) => a[0] - b[0])
  rowText += digits(first, 3) + digits(at, 4)
  for (const [second, q] of row) (pairText += digits(second, 3)), (levelText += digits(q, 1))
  at += row.length
}
rowText += digits(0xffff, 3) + digits(at, 4)

const out = `// GENERATED by scripts/gen-char-lm.mjs — do not edit.
// A character bigram model of Chinese (simplified and traditional), made from: jieba's dict.txt as shipped by
// @node-rs/jieba ${jiebaVersion} (MIT; https://github.com/fxsjy/jieba), word frequencies; OpenCC's phrase tables as bundled by
// opencc-js ${openccVersion} (Apache-2.0; https://github.com/BYVoid/OpenCC); Debian's manpages-zh, zh_CN pages (GFDL-1.2+ / GPL;
// https://github.com/man-pages-zh/manpages-zh), running text. Traditional forms by opencc-js. Only quantised
// probabilities are kept, no text of any source.
// ASCII only, in digits of the base64 alphabet (A = 0 … / = 63), most significant first: a code is 3 digits, a
// level (-log2 p in steps of LM_STEP bits, 0 to 93) 1 digit, an index 4.
import { inline } from '../tables.js'

/** Probabilities are stored as -log2 p in steps of this many bits. */
export const LM_STEP = ${STEP}
/** ${chars.length} characters by code, each its code and its quantised unigram probability (4 digits). */
export const LM_UNIGRAMS = inline(${JSON.stringify(unigramText)})
/**
 * ${firstCodes.length} rows by first character, each its code and where its pairs start in LM_PAIRS (7 digits), then an end
 * row (U+FFFF, the pair count): the pairs of a row end where the next row's start.
 */
export const LM_ROWS = inline(${JSON.stringify(rowText)})
/** ${kept2} pairs: the second character of each (3 digits), by row and code; only pairs likelier than their second character alone. */
export const LM_PAIRS = inline(${JSON.stringify(pairText)})
/** Each pair's quantised P(second | first) (1 digit), in the order of LM_PAIRS. */
export const LM_LEVELS = inline(${JSON.stringify(levelText)})
`
writeGenerated('char-lm.ts', out)
console.log(`char-lm: ${chars.length} characters, ${kept2} pairs in ${rows.size} rows, ${(out.length / 1024).toFixed(0)} K characters`)

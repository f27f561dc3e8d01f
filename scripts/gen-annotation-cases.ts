// Generates the case tables test/cases/annotations/{in-the-wild,synthetic}.json (run once with
// `npx tsx scripts/gen-annotation-cases.ts`; the output was then read line by line before it was committed).
// - in-the-wild: lines of the seed pages (corpus-samples/00[0-4]-*.txt) and of the real pages in ../shared/real-pages
//   that carry glued pinyin. Expected = the line with each `(pinyin)` group after a Han character deleted, the only
//   change a careful human makes there; lines with byte slips are written out by hand below.
// - synthetic (replay): sentences of the hand-checked expected outputs (corpus-samples/*.expected.txt), put into traditional with
//   OpenCC and damaged by test/helpers/mirror.ts (the mirror sites' program on GBK bytes); expected = the sentence
//   (cases with a punctuation pass run the unicode and punctuation steps too, which undo the pass itself).
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import * as OpenCC from 'opencc-js'
import { mirror } from '../test/helpers/mirror.js'

const root = path.resolve(import.meta.dirname, '..')
const out = path.join(root, 'test/cases/annotations')
const SYLLABLE = "[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüḿńňǹ]{1,7}"
const GLUED = new RegExp(`(?<=\\p{Script=Han})\\((?:${SYLLABLE})(?: ${SYLLABLE})* ?\\)`, 'gu')

interface Case { in: string; out?: string; source: string; comment?: string; options?: { only: string[] } }
const wild: Case[] = []
const sources: [string, string][] = readdirSync(path.join(root, 'corpus-samples'))
  .filter((n) => /^00[0-4]-.*(?<!expected)\.txt$/.test(n))
  .map((n) => [path.join(root, 'corpus-samples', n), `corpus-samples/${n}`])
const real = path.resolve(root, '../shared/real-pages')
if (existsSync(real)) for (const n of readdirSync(real).filter((n) => n.endsWith('.txt'))) sources.push([path.join(real, n), `real-pages/${n} (see ../shared/real-pages/SOURCES.md)`])
for (const [file, label] of sources) {
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    line = line.replace(/\r$/, '')
    if (!GLUED.test(line) || /[?？]\s*[!！]|\?[a-z]/.test(line)) return // slips: by hand
    GLUED.lastIndex = 0
    wild.push({ in: line, out: line.replace(GLUED, ''), source: `${label}:${i + 1}` })
  })
}
writeFileSync(path.join(out, 'in-the-wild.json'), JSON.stringify(wild, null, 2) + '\n')

const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' })
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' })
const replay: Case[] = []
for (const n of readdirSync(path.join(root, 'corpus-samples')).filter((n) => /^00[0-4].*\.expected\.txt$/.test(n)).sort()) {
  readFileSync(path.join(root, 'corpus-samples', n), 'utf8').split('\n').forEach((line, i) => {
    const sentences = (toTraditional(line).match(/[^。]+。/g) ?? []).filter((s) => s.length >= 15 && s.length <= 120)
    sentences.slice(0, 3).forEach((sentence, k) => {
      const converted = [...new Set([...sentence].filter((c) => /\p{Script=Han}/u.test(c) && toSimplified(c) !== c))]
      if (converted.length < 2) return
      const annotate = converted.filter((_, j) => (j + i + k) % 2 === 0)
      const punctuation = (i + k) % 3 === 0 ? 'space' : (i + k) % 3 === 1 ? 'ascii' : undefined
      const damaged = mirror(sentence, { annotate, punctuation })
      if (damaged === sentence || damaged.includes('\uFFFD')) return
      replay.push({ in: damaged, out: sentence, ...(punctuation ? { options: { only: ['unicode', 'annotations', 'punctuation'] } } : {}), source: `replay of test/helpers/mirror.ts on corpus-samples/${n}:${i + 1} (OpenCC s2t; annotated ${annotate.join('')}${punctuation ? `; punctuation pass ${punctuation}` : ''})` })
    })
  })
}
writeFileSync(path.join(out, 'synthetic.json'), JSON.stringify(replay, null, 2) + '\n')
console.log(`in-the-wild ${wild.length}, replay ${replay.length}`)

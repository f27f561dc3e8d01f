// A replay set for the byte-slip repair (issue 16): real text of four domains, put into traditional as the mirror
// sites do (OpenCC s2t), damaged by replaying their program on GBK bytes (test/helpers/mirror.ts) with every
// variant: each slip kind (a broken pinyin insertion, the space-before-mark pass, the full-width→ASCII pass, an
// insertion with either pass before or after it), each decoder (`?` kept, `?` that swallowed the next ASCII byte,
// U+FFFD, lead byte dropped). Deterministic (seeded), generated when asked, never stored. Every source is read in
// place; a domain whose source is absent is left out (and `missing` says so).
//
// Domains and licences:
// - technical: Debian's manpages-zh, zh_TW pages (GFDL-1.2+ / GPL), via test/helpers/manpages.ts;
// - law: OpenCC's golden test input us_constitution_zhs.txt (../shared/suites/opencc, Apache-2.0);
// - news: content lines of real crawl pages (../shared/real-pages: Common Crawl via ChineseWebText, CC BY-NC-SA
//   metadata / crawl text as found; see SOURCES.md there), the clean simplified articles only;
// - classical: 左傳 (public-domain classical text) from OpenCC's benchmark/zuozhuan.txt (Apache-2.0 repository).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import iconv from 'iconv-lite'
import * as OpenCC from 'opencc-js'
import { brokenPairs, DECODERS, mirror, type Decoder, type MirrorOptions } from './mirror.js'
import { hasManpages, manpageParagraphs } from './manpages.js'

export const SHARED = fileURLToPath(new URL('../../../shared', import.meta.url))
const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' })
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' })
const HAN = /\p{Script=Han}/u
const HAN_ALL = /\p{Script=Han}/gu

export type SlipKind = 'insertion' | 'space' | 'ascii' | 'insertion+space' | 'insertion+ascii'
export const SLIP_KINDS: readonly SlipKind[] = ['insertion', 'space', 'ascii', 'insertion+space', 'insertion+ascii']

export interface ReplayCase {
  domain: string
  /** Where the paragraph comes from, and the variant: enough to make the case again. */
  source: string
  /** The paragraph in traditional script, before the damage. */
  original: string
  input: string
  options: MirrorOptions
  kind: SlipKind
  decoder: Decoder
  /** Lead bytes left without their pair (0: damaged without a slip). */
  broken: number
  /** Two lone bytes within a few characters of each other. */
  twoInOneRun: boolean
  /** A lone byte right after glued pinyin. */
  besideGlued: boolean
}

export interface Paragraph {
  domain: string
  source: string
  text: string
}

/** A small deterministic generator, so that a seed names a case that stays the same. */
export function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
}

const mostlyHan = (text: string): boolean => (text.match(HAN_ALL)?.length ?? 0) >= 0.5 * [...text].length

/** Splits long text into paragraphs of 20–160 characters at sentence ends. */
function pieces(text: string): string[] {
  const out: string[] = []
  for (const line of text.split('\n')) {
    let current = ''
    for (const sentence of line.match(/[^。！？]+[。！？][”」』]?|[^。！？]+$/g) ?? []) {
      if (current.length + sentence.length > 160 && current.length >= 20) (out.push(current), (current = ''))
      current += sentence
    }
    if (current.trim().length >= 20) out.push(current.trim())
  }
  return out
}

/** Every `step`-th item from `offset`, at most `count`. */
function spread<T>(items: T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count))
  return items.filter((_, k) => k % step === 0).slice(0, count)
}

export function replayParagraphs(perDomain = 60): { paragraphs: Paragraph[]; missing: string[] } {
  const paragraphs: Paragraph[] = []
  const missing: string[] = []
  if (hasManpages) {
    const man = manpageParagraphs('zh_TW', 12).filter((p) => p.text.length <= 200 && mostlyHan(p.text) && !/[?\ufffd]/.test(p.text))
    for (const p of spread(man, perDomain)) paragraphs.push({ domain: 'technical', source: `manpages-zh ${p.source}`, text: p.text })
  } else missing.push('technical (manpages-zh not installed)')
  const law = path.join(SHARED, 'suites/opencc/golden/input/us_constitution_zhs.txt')
  if (existsSync(law)) {
    const all = pieces(readFileSync(law, 'utf8')).filter(mostlyHan)
    spread(all, perDomain).forEach((t) => paragraphs.push({ domain: 'law', source: `opencc golden/input/us_constitution_zhs.txt paragraph ${all.indexOf(t) + 1}`, text: toTraditional(t) }))
  } else missing.push('law (../shared/suites/opencc absent)')
  const pages = ['cwt-dirty01-12371-editor-tail-junk.txt', 'cwt-cc202221-075-related-headlines-163.txt', 'cwt-cc202221-086-disclaimer-tags-aizhuanwu.txt', 'cwt-dirty00-hijacked-headline-list-oldlibraryevents.txt']
  const news: Paragraph[] = []
  for (const name of pages) {
    const file = path.join(SHARED, 'real-pages', name)
    if (!existsSync(file)) continue
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.length < 30 || !mostlyHan(line) || /[?\ufffd]/.test(line) || !/[。，]/.test(line)) return
        pieces(line).forEach((t, k) => news.push({ domain: 'news', source: `real-pages/${name}:${i + 1} piece ${k + 1}`, text: toTraditional(t) }))
      })
  }
  if (news.length) paragraphs.push(...spread(news, perDomain))
  else missing.push('news (../shared/real-pages absent)')
  const classical = path.join(SHARED, 'suites/opencc/benchmark/zuozhuan.txt')
  if (existsSync(classical)) {
    const lines = readFileSync(classical, 'utf8').split('\n')
    const all: Paragraph[] = []
    lines.forEach((line, i) => pieces(line).forEach((t, k) => all.push({ domain: 'classical', source: `opencc benchmark/zuozhuan.txt:${i + 1} piece ${k + 1}`, text: toTraditional(t) })))
    paragraphs.push(...spread(all.filter((p) => mostlyHan(p.text)), perDomain))
  } else missing.push('classical (../shared/suites/opencc absent)')
  return { paragraphs, missing }
}

const convertedChars = (text: string): string[] => [...new Set([...text].filter((c) => HAN.test(c) && toSimplified(c) !== c))]

/** Converted characters spelled by the trail byte of one character and the lead byte of the next. */
function straddling(text: string): string[] {
  const found = new Set<string>()
  const chars = [...text]
  for (let k = 0; k + 1 < chars.length; k++) {
    const a = [...iconv.encode(chars[k]!, 'gbk')]
    const b = [...iconv.encode(chars[k + 1]!, 'gbk')]
    if (a.length !== 2 || b.length !== 2) continue
    const char = iconv.decode(Buffer.from([a[1]!, b[0]!]), 'gbk')
    if (char.length === 1 && HAN.test(char) && toSimplified(char) !== char) found.add(char)
  }
  return [...found]
}

/**
 * Every variant of every paragraph: for each slip kind and each decoder, one damaged copy (the annotation table
 * and the order of the passes drawn from a seed). Variants whose program splits no pair are kept too (broken 0):
 * they must come back exactly as well.
 */
export function replaySet(perDomain = 60): { cases: ReplayCase[]; paragraphs: Paragraph[]; missing: string[] } {
  const { paragraphs, missing } = replayParagraphs(perDomain)
  const cases: ReplayCase[] = []
  paragraphs.forEach((p, index) => {
    const converted = convertedChars(p.text)
    const across = straddling(p.text)
    SLIP_KINDS.forEach((kind, kindIndex) => {
      const insertion = kind.startsWith('insertion')
      const punctuation = kind.endsWith('space') ? ('space' as const) : kind.endsWith('ascii') ? ('ascii' as const) : undefined
      if (insertion && across.length === 0) return
      DECODERS.forEach((decoder, decoderIndex) => {
        const seed = index * 100 + kindIndex * 10 + decoderIndex + 1
        const next = random(seed)
        const annotate = converted.filter(() => next() < 0.4)
        if (insertion) annotate.push(across[Math.floor(next() * across.length)]!)
        // A second straddling character now and then: two slips in one run.
        if (insertion && across.length > 1 && next() < 0.3) annotate.push(across[Math.floor(next() * across.length)]!)
        const options: MirrorOptions = { annotate: [...new Set(annotate)], ...(punctuation ? { punctuation, punctuationFirst: next() < 0.5 } : {}), decoder }
        const broken = brokenPairs(p.text, options)
        const marked = mirror(p.text, { ...options, decoder: '\ufffd' })
        cases.push({
          domain: p.domain,
          source: `${p.source}; ${kind}; decoder ${JSON.stringify(decoder)}; seed ${seed}`,
          original: p.text,
          input: mirror(p.text, options),
          options,
          kind,
          decoder,
          broken,
          twoInOneRun: /\ufffd[^\ufffd]{0,6}\ufffd/.test(marked),
          besideGlued: /\)\ufffd/.test(marked),
        })
      })
    })
  })
  return { cases, paragraphs, missing }
}

const FULL_WIDTH: Record<string, string> = { '！': '!', '，': ',', '：': ':', '；': ';', '？': '?' }

/**
 * The text as it compares after the punctuation pass of `options`: undoing the pass is the punctuation step's
 * work, so the output and the original compare with the pass applied to both (spaces before marks removed, or
 * full-width marks as ASCII).
 */
export function comparable(text: string, options: MirrorOptions): string {
  if (options.punctuation === 'space') return text.replace(/ +(?=[，、。；：？！])/g, '')
  if (options.punctuation === 'ascii') return text.replace(/[！，：；？]/g, (c) => FULL_WIDTH[c]!)
  return text
}

export function restored(output: string, c: ReplayCase): boolean {
  return comparable(output, c.options) === comparable(c.original, c.options)
}

/** The baseline: strip glued pinyin with a regex (opencc-js then converts both sides to simplified). */
export const PINYIN_REGEX = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+ ?\)/g
export function baseline(input: string): string {
  return toSimplified(input.replace(PINYIN_REGEX, ''))
}
export function baselineRestored(input: string, c: ReplayCase): boolean {
  return comparable(baseline(input), c.options) === comparable(toSimplified(c.original), c.options)
}

export interface Cell {
  broken: number
  exact: number
  baseline: number
}

/** The per-kind table: slip kind × decoder, paragraphs with broken pairs and how many came back exactly. */
export function table(cases: readonly ReplayCase[], repair: (input: string) => string): { cells: Map<string, Cell>; rows: ReplayCase[][]; failures: { c: ReplayCase; output: string }[]; cleanChanged: { c: ReplayCase; output: string }[] } {
  const cells = new Map<string, Cell>()
  const failures: { c: ReplayCase; output: string }[] = []
  const cleanChanged: { c: ReplayCase; output: string }[] = []
  for (const c of cases) {
    const output = repair(c.input)
    const ok = restored(output, c)
    if (c.broken === 0) {
      if (!ok) cleanChanged.push({ c, output })
      continue
    }
    for (const key of [`${c.kind}|${c.decoder}`, `all|${c.decoder}`, `${c.kind}|all`, 'all|all', ...(c.twoInOneRun ? ['two in one run|all'] : []), ...(c.besideGlued ? ['beside glued pinyin|all'] : [])]) {
      const cell = cells.get(key) ?? { broken: 0, exact: 0, baseline: 0 }
      cell.broken++
      if (ok) cell.exact++
      if (baselineRestored(c.input, c)) cell.baseline++
      cells.set(key, cell)
    }
    if (!ok) failures.push({ c, output })
  }
  return { cells, rows: [], failures, cleanChanged }
}

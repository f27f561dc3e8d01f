// The line table: normalisation, document counts, merging shards, the byte format, and the cap.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fingerprint, normaliseLine } from '../../src/corpus/fingerprint.js'
import { SKETCH_DEPTH } from '../../src/corpus/table.js'
import { countLines, LineTable } from '../../src/index.js'
import { hasManpages, manpageParagraphs, MANPAGES_SKIP } from '../helpers/manpages.js'

describe('normalisation', () => {
  it('makes full-width, spacing, case, digit and invisible variants of a line one line', () => {
    const forms = ['发布时间：2022-10-01  来源：Xinhua', ' 发布时间:２０２２-１０-０２ 来源:xinhua ', '发布时间:\u200b2021-01-31\t来源:XINHUA']
    const normalised = forms.map(normaliseLine)
    expect(new Set(normalised).size).toBe(1)
    expect(normalised[0]).toBe('发布时间:0000-00-00 来源:xinhua')
  })

  it('keeps lines that differ in words apart', () => {
    expect(normaliseLine('上一篇：北京')).not.toBe(normaliseLine('上一篇：上海'))
    expect(fingerprint('上一篇:北京')).not.toEqual(fingerprint('上一篇:上海'))
  })

  it('gives distinct fingerprints to every distinct paragraph of manpages-zh', () => {
    if (!hasManpages) return console.warn(MANPAGES_SKIP)
    const seen = new Map<string, string>()
    for (const { text } of [...manpageParagraphs('zh_CN'), ...manpageParagraphs('zh_TW')]) {
      const normalised = normaliseLine(text)
      const key = fingerprint(normalised).join(':')
      const other = seen.get(key)
      if (other !== undefined) expect(other).toBe(normalised)
      seen.set(key, normalised)
    }
    expect(seen.size).toBeGreaterThan(5000)
  })
})

describe('counting', () => {
  it('counts a line once per document, however often the document repeats it', () => {
    const table = countLines(['更多\n更多\n网站首页\n', '更多\n', '网站首页\n正文一句。\n'])
    expect(table.documents).toBe(3)
    expect(table.countOf(normaliseLine('更多'))).toBe(2)
    expect(table.countOf(normaliseLine('网站首页'))).toBe(2)
    expect(table.countOf(normaliseLine('正文一句。'))).toBe(1)
    expect(table.countOf(normaliseLine('没有这一行'))).toBe(0)
    // Blank lines are not lines.
    expect(table.lines).toBe(5)
  })

  it('lists the heaviest lines first, with their text once a line is seen twice', () => {
    const table = countLines(['版权所有 2021\n甲文章。\n', '版权所有 2022\n乙文章。\n', '版权所有 2023\n'])
    const [top, second] = table.top(2)
    expect(top).toMatchObject({ count: 3, text: '版权所有 0000' })
    expect(top!.fingerprint).toMatch(/^[0-9a-f]{16}$/)
    expect(second!.count).toBe(1)
    expect(second!.text).toBeUndefined()
  })
})

/** Documents over a small vocabulary of lines, so that lines recur across documents. */
const documents = fc.array(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 12 }), { maxLength: 40 }).map((docs) => docs.map((lines) => lines.map((n) => `第${'甲乙丙丁戊己庚辛壬癸'[n % 10]}行${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(n / 10)]}`).join('\n')))

describe('merging', () => {
  it('tables of two shards merge into the header and counts one pass gives, wherever the dump is cut (exact)', () => {
    fc.assert(
      fc.property(documents, fc.nat(), (docs, cutAt) => {
        const cut = docs.length === 0 ? 0 : cutAt % (docs.length + 1)
        const whole = countLines(docs)
        const merged = countLines(docs.slice(0, cut)).merge(countLines(docs.slice(cut)))
        expect(merged.header()).toEqual(whole.header())
        for (const line of new Set(docs.flatMap((d) => d.split('\n')))) expect(merged.countOf(normaliseLine(line))).toBe(whole.countOf(normaliseLine(line)))
        // Sample texts aside (a line seen once in each shard has none), the bytes are the same.
        expect(merged.top(1000).map(({ fingerprint, count }) => [fingerprint, count])).toEqual(whole.top(1000).map(({ fingerprint, count }) => [fingerprint, count]))
      }),
      { numRuns: 60 },
    )
  })

  it('past the cap, shards merge into the same sketch, so every count and every decision is the same', () => {
    fc.assert(
      fc.property(documents, fc.nat(), (docs, cutAt) => {
        const cut = docs.length === 0 ? 0 : cutAt % (docs.length + 1)
        const whole = countLines(docs, { cap: 16 })
        const merged = countLines(docs.slice(0, cut), { cap: 16 }).merge(countLines(docs.slice(cut), { cap: 16 }))
        expect(merged.isExact).toBe(whole.isExact)
        expect(merged.errorBound()).toBe(whole.errorBound())
        for (const line of new Set(docs.flatMap((d) => d.split('\n')))) expect(merged.countOf(normaliseLine(line))).toBe(whole.countOf(normaliseLine(line)))
      }),
      { numRuns: 60 },
    )
  })

  it('encodes and decodes to the same bytes, exact and sketch', () => {
    const docs = Array.from({ length: 50 }, (_, d) => `网站首页\n版权所有\n第${d}篇的正文，说的是第${'一二三四五六七八九十'[d % 10]}件事。\n`)
    for (const cap of [1024, 16]) {
      const table = countLines(docs, { cap })
      const bytes = table.encode()
      const again = LineTable.decode(bytes)
      expect(Buffer.from(again.encode()).equals(Buffer.from(bytes))).toBe(true)
      expect(again.countOf('网站首页')).toBe(table.countOf('网站首页'))
      expect(again.top(3)).toEqual(table.top(3))
    }
  })
})

describe('refusing what does not belong together', () => {
  const table = countLines(['网站首页\n'])

  it('refuses to merge tables of different caps, naming the difference', () => {
    expect(() => table.merge(countLines(['网站首页\n'], { cap: 64 }))).toThrow(/cannot merge .*cap differs \(2097152 and 64\)/)
  })

  it('refuses bytes that are not a table, a damaged header, a table cut short, another version or other line rules', () => {
    const bytes = table.encode()
    const text = Buffer.from(bytes).toString('latin1')
    const edit = (from: string, to: string) => Buffer.from(text.replace(from, to), 'latin1')
    expect(() => LineTable.decode(new TextEncoder().encode('{"text":"x"}\n'), 'a.jsonl')).toThrow(/a\.jsonl: not a zhtidy line table/)
    expect(() => LineTable.decode(edit('"version":1', '"version":2'), 'old.tbl')).toThrow(/old\.tbl: line table format version 2, this zhtidy reads version 1/)
    expect(() => LineTable.decode(edit('digits-0', 'digits-k'), 'x.tbl')).toThrow(/x\.tbl: counted with other line rules/)
    expect(() => LineTable.decode(edit('{"format"', '{format'), 'x.tbl')).toThrow(/header is damaged/)
    expect(() => LineTable.decode(bytes.subarray(0, bytes.length - 3), 'x.tbl')).toThrow(/cut short/)
  })

  it('refuses a cap out of range', () => {
    expect(() => new LineTable({ cap: 3 })).toThrow(/cap must be a whole number from 16/)
  })
})

describe('the cap', () => {
  it('keeps the table within its bound on many distinct lines, and heavy lines within the stated error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 3000 }), fc.integer({ min: 3, max: 12 }), fc.integer({ min: 0, max: 1 << 30 }), (distinct, heavyCount, seed) => {
        const cap = 256
        // Every document: one line of its own, and some of a few heavy lines (furniture of a site).
        const heavy = Array.from({ length: heavyCount }, (_, k) => `站点导航栏目${k}号：首页 新闻 关于我们 ${'甲乙丙丁戊己庚辛壬癸子丑'[k]}`)
        const truth = new Map<string, number>()
        const docs: string[] = []
        let state = seed
        const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32)
        for (let d = 0; d < distinct; d++) {
          const lines = [`这是第${d}号文档独有的一句话，编号${d * 7 + seed}。`.replace(/\d/g, (c) => '零一二三四五六七八九'[Number(c)]!)]
          for (const line of heavy) if (random() < 0.5) lines.push(line)
          for (const line of new Set(lines)) truth.set(line, (truth.get(line) ?? 0) + 1)
          docs.push(lines.join('\n'))
        }
        const table = countLines(docs, { cap })
        expect(table.isExact).toBe(false)
        // The bound: the sketch's cells, the candidates' fingerprints and their sample texts.
        const bytes = table.encode()
        const samples = table.top(Infinity).reduce((n, e) => n + 12 + Buffer.byteLength(e.text ?? ''), 0)
        expect(bytes.length).toBeLessThanOrEqual(1024 + SKETCH_DEPTH * table.width * 4 + table.candidateCap * 8 + samples)
        expect(table.entries).toBeLessThanOrEqual(2 * table.candidateCap)
        const bound = table.errorBound()
        let within = 0
        for (const line of heavy) {
          const estimate = table.countOf(normaliseLine(line))
          const exact = truth.get(line) ?? 0
          // A count-min sketch never counts low; it counts more than `bound` high with probability at most e^-4.
          expect(estimate).toBeGreaterThanOrEqual(exact)
          if (estimate <= exact + bound) within++
        }
        expect(within / heavy.length).toBeGreaterThanOrEqual(0.75)
        // The heavy lines are among the heavy hitters the table keeps, with their text. Not necessarily the first
        // ones: a light line whose every cell holds a heavy line is counted as heavy (p ≈ (11/256)^4 a line; seen
        // with [500, 11, 16840218]), which a count-min sketch allows and a shard merge must reproduce.
        const kept = new Set(table.top(Infinity).map((e) => e.text))
        for (const line of heavy) if ((truth.get(line) ?? 0) > bound + 1) expect(kept).toContain(normaliseLine(line))
      }),
      { numRuns: 15, examples: [[500, 11, 16840218]] },
    )
  })

  it('holds sample texts for a bounded number of lines, the heaviest', () => {
    // 34,000 lines each in two documents, and one line in all of them: texts for at most 4 × 8,192 lines.
    const names = Array.from({ length: 34000 }, (_, k) => `重复两次的一行，编号${[...String(k)].map((c) => '零一二三四五六七八九'[Number(c)]).join('')}`)
    const docs = [names.slice(0, 17000), names.slice(0, 17000), names.slice(17000), names.slice(17000)].map((lines) => ['网站首页 关于我们 联系方式', ...lines].join('\n'))
    const table = countLines(docs, { cap: 1 << 16 })
    expect(table.isExact).toBe(true)
    expect(table.entries).toBe(34001)
    const withText = table.top(Infinity).filter((entry) => entry.text !== undefined)
    expect(withText.length).toBeLessThanOrEqual(4 * table.candidateCap)
    expect(table.top(1)[0]).toMatchObject({ count: 4, text: '网站首页 关于我们 联系方式' })
  })

  it('a line seen in only one document is never counted as certainly repeated, past the cap too', () => {
    const docs = Array.from({ length: 4000 }, (_, d) => `独有的一行，第${[...String(d)].map((c) => '零一二三四五六七八九'[Number(c)]).join('')}号。`)
    const table = countLines(docs, { cap: 1024 })
    expect(table.isExact).toBe(false)
    const wrongly = docs.filter((line) => table.certainCountOf(normaliseLine(line)) >= 2)
    expect(wrongly.length / docs.length).toBeLessThan(0.02)
  })
})

#!/usr/bin/env node
// The benchmark: `npm run bench`. Every figure is a ratio against peers measured in the same run on the same
// input, because these machines are shared and noisy; absolute MB/s are printed for orientation only.
// Rows come from this file (the whole pipeline, each step, opencc-js alone) and from scripts/bench/*.mjs
// (each exports `default async (ctx) => rows`). Usage: node scripts/bench.mjs [--quick] [--only <group>]
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist/index.js')
if (!existsSync(dist)) {
  console.error('bench: dist/index.js is missing; run `npm run build` first (npm run bench does)')
  process.exit(2)
}
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const onlyGroup = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined

const sharedDir = path.resolve(root, '../shared')
const shared = existsSync(sharedDir) ? sharedDir : null
const zuozhuanPath = shared && path.join(shared, 'suites/opencc/benchmark/zuozhuan.txt')
const text = zuozhuanPath && existsSync(zuozhuanPath) ? readFileSync(zuozhuanPath, 'utf8') : null
if (!text) console.log('bench: ../shared/suites/opencc/benchmark/zuozhuan.txt not found; rows that need it are skipped')

const seedsDir = path.join(root, 'corpus-samples')
// The scraped seed pages only: the samples written here (`-own-`) are short lessons in one kind of dirt each
// (mojibake lines, a GBK file) and would make the row measure them instead.
const seedPages = readdirSync(seedsDir)
  .filter((name) => /^\d{3}-.+\.txt$/.test(name) && !name.endsWith('.expected.txt') && !name.includes('-own-'))
  .map((name) => readFileSync(path.join(seedsDir, name), 'utf8'))
/** About 2 MB of pages like the seeds, each a document of its own: the dirty pages the tool is for. */
const seedDocs = repeatTo(seedPages, quick ? 256 * 1024 : 2 * 1024 * 1024)
const seeds2mb = seedDocs.join('\n')

function repeatTo(pages, bytes) {
  const out = []
  let total = 0
  while (total < bytes) for (const page of pages) (out.push(page), (total += Buffer.byteLength(page)))
  return out
}

let peakRss = 0
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20)
sampler.unref()

/** Best of `runs` timings after one warm-up: the least disturbed run on a shared machine. */
export function time(fn, runs = quick ? 1 : 3) {
  fn()
  let best = Infinity
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    fn()
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9)
  }
  return best
}

const zhtidy = await import(pathToFileURL(dist).href)
const OpenCC = await import('opencc-js')

/** The rows this file measures: the default pipeline and each step against opencc-js on the same text. */
async function coreRows(ctx) {
  const rows = []
  const inputs = [[`seed pages ×${seedDocs.length} (${(Buffer.byteLength(seeds2mb) / 1e6).toFixed(1)} MB)`, seedDocs]]
  if (ctx.realDocs) inputs.push([`real pages as JSON Lines records ×${ctx.realDocs.length} (${(ctx.realDocs.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1e6).toFixed(1)} MB)`, ctx.realDocs])
  if (ctx.text) {
    inputs.push(['zuozhuan (1.9 MB, one document)', [ctx.text]])
    // Mojibake from end to end: the whole text misread once (the encoding step must repair every line).
    const iconv = (await import('iconv-lite')).default
    const part = ctx.text.slice(0, quick ? 100_000 : 400_000)
    inputs.push([`zuozhuan ${(part.length / 1000).toFixed(0)} K chars, GBK read as Latin-1`, [iconv.encode(part, 'gbk').toString('latin1')]])
    inputs.push([`zuozhuan ${(part.length / 1000).toFixed(0)} K chars, UTF-8 read as GBK`, [iconv.decode(Buffer.from(part, 'utf8'), 'gbk')]])
  }
  const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' })
  for (const [label, docs] of inputs) {
    const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0)
    const group = `pipeline on ${label}`
    const each = (fn) => () => { for (const d of docs) fn(d) }
    rows.push({ group, name: 'opencc-js t→cn alone', bytes, seconds: time(each((d) => toSimplified(d))), baseline: true })
    rows.push({ group, name: 'zhtidy default pipeline', bytes, seconds: time(each((d) => zhtidy.tidy(d))), note: 'a message per change' })
    rows.push({ group, name: 'zhtidy default pipeline, messages: false', bytes, seconds: time(each((d) => zhtidy.tidy(d, { messages: false }))), note: 'counts only (the CLI without --report)' })
    for (const step of zhtidy.STEP_NAMES) {
      rows.push({ group, name: `zhtidy step ${step} alone`, bytes, seconds: time(each((d) => zhtidy.tidy(d, { only: [step] }))) })
    }
  }
  return rows
}

// The real pages of ../shared/real-pages, each a record of a JSON Lines dump (the records of a dump are short).
const realDir = shared && path.join(shared, 'real-pages')
const realPages = realDir && existsSync(realDir) ? readdirSync(realDir).filter((n) => n.endsWith('.txt')).sort().map((n) => readFileSync(path.join(realDir, n), 'utf8')) : null
if (!realPages) console.log('bench: ../shared/real-pages not found; the JSON Lines rows are skipped')
const realDocs = realPages && repeatTo([...realPages, ...seedPages], quick ? 256 * 1024 : 2 * 1024 * 1024)

const ctx = { dist, shared, text, seeds: seeds2mb, seedDocs, realPages, realDocs, seedPages, repeatTo, time, quick }
const sources = [['core', coreRows]]
const benchDir = path.join(root, 'scripts/bench')
if (existsSync(benchDir)) {
  for (const name of readdirSync(benchDir).filter((n) => n.endsWith('.mjs')).sort()) {
    const mod = await import(pathToFileURL(path.join(benchDir, name)).href)
    sources.push([name.replace(/\.mjs$/, ''), mod.default])
  }
}

const all = []
for (const [source, run] of sources) {
  if (onlyGroup && source !== onlyGroup) continue
  try {
    const rows = await run(ctx)
    for (const row of rows) all.push({ ...row, source })
  } catch (error) {
    console.log(`bench: ${source} failed: ${error instanceof Error ? error.message : error}`)
  }
}

// Print per group: MB/s and the ratio to the group's baseline (its first row unless one is marked).
const groups = new Map()
for (const row of all) {
  if (!groups.has(row.group)) groups.set(row.group, [])
  groups.get(row.group).push(row)
}
for (const [group, rows] of groups) {
  if (rows[0].size !== undefined) {
    // Size rows: bytes and gzip bytes, with the ratio of gzip size to the group's baseline.
    const base = rows.find((r) => r.baseline) ?? rows[0]
    console.log(`\n## ${group}`)
    console.log(`| ${'what'.padEnd(44)} | ${'KB'.padStart(9)} | ${'gzip KB'.padStart(9)} | ${'× gzip'.padStart(7)} | note`)
    console.log(`|${'-'.repeat(46)}|${'-'.repeat(11)}|${'-'.repeat(11)}|${'-'.repeat(9)}|------`)
    for (const row of rows) {
      console.log(`| ${row.name.padEnd(44)} | ${(row.size / 1024).toFixed(0).padStart(9)} | ${(row.gzip / 1024).toFixed(0).padStart(9)} | ${(row.gzip / base.gzip).toFixed(2).padStart(7)} | ${row === base ? ['baseline', row.note].filter(Boolean).join('; ') : (row.note ?? '')}`)
    }
    continue
  }
  if (rows[0].cpu !== undefined) {
    // Whole-process rows: CPU seconds and peak RSS, with the ratio of CPU to the group's baseline.
    const base = rows.find((r) => r.baseline) ?? rows[0]
    console.log(`\n## ${group}`)
    console.log(`| ${'what'.padEnd(44)} | ${'CPU ms'.padStart(9)} | ${'× CPU'.padStart(7)} | ${'RSS MB'.padStart(7)} | note`)
    console.log(`|${'-'.repeat(46)}|${'-'.repeat(11)}|${'-'.repeat(9)}|${'-'.repeat(9)}|------`)
    for (const row of rows) {
      console.log(`| ${row.name.padEnd(44)} | ${(row.cpu * 1000).toFixed(0).padStart(9)} | ${(row.cpu / base.cpu).toFixed(2).padStart(7)} | ${(row.rss / 1048576).toFixed(0).padStart(7)} | ${row === base ? ['baseline', row.note].filter(Boolean).join('; ') : (row.note ?? '')}`)
    }
    continue
  }
  const base = rows.find((r) => r.baseline) ?? rows[0]
  const baseRate = base.bytes / base.seconds
  console.log(`\n## ${group}`)
  console.log(`| ${'what'.padEnd(44)} | ${'MB/s'.padStart(9)} | ${'ratio'.padStart(7)} | note`)
  console.log(`|${'-'.repeat(46)}|${'-'.repeat(11)}|${'-'.repeat(9)}|------`)
  for (const row of rows) {
    const rate = row.bytes / row.seconds
    const ratio = rate / baseRate
    console.log(`| ${row.name.padEnd(44)} | ${(rate / 1e6).toFixed(2).padStart(9)} | ${ratio.toFixed(2).padStart(7)} | ${row === base ? ['baseline', row.note].filter(Boolean).join('; ') : (row.note ?? '')}`)
  }
}
clearInterval(sampler)
console.log(`\npeak RSS of the benchmark process: ${(peakRss / 1024 / 1024).toFixed(0)} MB`)

#!/usr/bin/env node
// Measures the boilerplate step on the labelled real pages (test/cases/boilerplate/pages, issue 15): per split, per
// kind and per page, the share of boilerplate lines removed (recall) and of content lines kept (keep rate), for
// zhtidy's boilerplate step and, in the same run on the same pages, for the line heuristics a corpus builder would
// otherwise apply:
//   c4-lines  chinese-c4's line rule (shjwudp/c4-dataset-script, c4_dataset_script/Chinese/filter_out_bad_lines.py,
//             `is_bad_line`): a line, stripped, is dropped unless it ends with 。 ！ ？ …… ” or ：, has at least 5
//             characters, and holds none of □ ■ � or a private-use character U+E003–U+E7A4.
//   c4        the same, plus that script's document rule: a page with 5 or fewer lines left loses all of them.
//   ccnet     CCNet-style repeated-line removal: a line whose normalised form (lower case, digits as 0, white space,
//             punctuation and symbols dropped) occurs on two or more pages of the evaluated set is dropped.
// Only the boilerplate step runs (`only: ['boilerplate']`, `mode: 'mark'`), so that the lines it would remove are
// known exactly from its messages; each message's line is checked against the page's line.
//
// Usage: node scripts/eval-boilerplate.mjs [--split dev|eval|fresh|fresh2] [--json] [--pages] [--misses] [--src] (after
// `npm run build`; --src reads the library from src/ instead of dist/).
// --pages adds a row per page and --misses lists the lines judged wrongly; both only for the dev split, which may
// steer the rules, and for the fresh splits (fresh, fresh2), batches labelled later and measured unseen before they
// steer anything
// (the eval split is only measured, in aggregate).
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')

export const METHODS = ['zhtidy', 'c4-lines', 'c4', 'ccnet']
const SPLITS = ['dev', 'eval', 'fresh', 'fresh2']
const CONTENT_KINDS = ['title', 'heading', 'byline', 'text']

/** The line numbers (1-based) the boilerplate step would remove, from its messages in mark mode. */
export function zhtidyRemoved(page, tidy, options = {}) {
  const lines = pageLinesOf(page.text)
  const result = tidy(page.text, { only: ['boilerplate'], steps: { boilerplate: { ...options, mode: 'mark' } } })
  if (result.text !== page.text) throw new Error(`${page.id}: mark mode changed the text`)
  const removed = new Set()
  // Which rule removed each line (the first message on it), for the per-rule counts of --misses.
  removed.rules = new Map()
  for (const message of result.messages) {
    if (!message.ruleId.startsWith('boilerplate/')) continue
    const n = message.line
    if (n === undefined || lines[n - 1] === undefined || (message.actual !== undefined && message.actual !== lines[n - 1])) {
      throw new Error(`${page.id}: a ${message.ruleId} message at line ${n} does not name that line of the page`)
    }
    removed.add(n)
    if (!removed.rules.has(n)) removed.rules.set(n, message.ruleId)
  }
  return removed
}

const ILL = /[\uE003-\uE7A4□■�]/
const ENDS = ['。', '！', '？', '……', '”', '：']

/** chinese-c4's `is_bad_line`, restated: see the head of this file. */
export function c4BadLine(line) {
  const stripped = line.trim()
  if (!ENDS.some((end) => stripped.endsWith(end))) return true
  if ([...stripped].length < 5) return true
  return ILL.test(stripped)
}

function c4Removed(page, withDocumentRule) {
  const removed = new Set()
  const kept = []
  pageLinesOf(page.text).forEach((line, i) => {
    if (line.trim() === '') return
    if (c4BadLine(line)) removed.add(i + 1)
    else kept.push(i + 1)
  })
  if (withDocumentRule && kept.length <= 5) for (const n of kept) removed.add(n)
  return removed
}

export function normaliseForRepeats(line) {
  return line.toLowerCase().replace(/\d/g, '0').replace(/[\s\p{P}\p{S}]/gu, '')
}

/** For each page, the lines whose normalised form is on at least two pages of the set. */
function ccnetRemoved(pages) {
  const pagesOf = new Map()
  const keys = pages.map((page) =>
    pageLinesOf(page.text).map((line) => {
      const key = normaliseForRepeats(line)
      if (key === '') return key
      let seen = pagesOf.get(key)
      if (!seen) pagesOf.set(key, (seen = new Set()))
      seen.add(page.id)
      return key
    }),
  )
  return keys.map((lineKeys) => new Set(lineKeys.flatMap((key, i) => (key !== '' && pagesOf.get(key).size >= 2 ? [i + 1] : []))))
}

export function pageLinesOf(text) {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
}

/** Counts per method: `{ [method]: { [label/kind]: { total, removed } } }`, for the given pages. */
export function evaluate(pages, tidy, options = {}) {
  const ccnet = ccnetRemoved(pages)
  const perPage = pages.map((page, index) => {
    const removedBy = {
      zhtidy: zhtidyRemoved(page, tidy, options),
      'c4-lines': c4Removed(page, false),
      c4: c4Removed(page, true),
      ccnet: ccnet[index],
    }
    const counts = {}
    const wrong = []
    for (const method of METHODS) {
      counts[method] = {}
      for (const line of page.lines) {
        const removed = removedBy[method].has(line.n)
        for (const key of [line.label, `${line.label}/${line.kind}`]) {
          const cell = (counts[method][key] ??= { total: 0, removed: 0 })
          cell.total++
          if (removed) cell.removed++
        }
        if (method === 'zhtidy' && removed !== (line.label === 'boilerplate')) wrong.push({ ...line, removed, rule: removedBy.zhtidy.rules.get(line.n) })
      }
    }
    return { id: page.id, site: page.site, split: page.split, counts, wrong }
  })
  return { pages: perPage, total: sum(perPage.map((p) => p.counts)) }
}

function sum(countsList) {
  const out = {}
  for (const counts of countsList) {
    for (const [method, cells] of Object.entries(counts)) {
      out[method] ??= {}
      for (const [key, cell] of Object.entries(cells)) {
        const into = (out[method][key] ??= { total: 0, removed: 0 })
        into.total += cell.total
        into.removed += cell.removed
      }
    }
  }
  return out
}

/** Boilerplate removed, content kept: the share of a cell that went the right way. */
export function rate(cell, label) {
  if (!cell || cell.total === 0) return undefined
  return label === 'content' ? (cell.total - cell.removed) / cell.total : cell.removed / cell.total
}

const percent = (value) => (value === undefined ? '—' : `${(value * 100).toFixed(1)}%`)

function table(result, title) {
  const rows = []
  const keys = Object.keys(result.total.zhtidy ?? {})
  const kindsOf = (label) =>
    keys
      .filter((key) => key.startsWith(`${label}/`))
      .sort((a, b) => (label === 'content' ? CONTENT_KINDS.indexOf(a.slice(8)) - CONTENT_KINDS.indexOf(b.slice(8)) : result.total.zhtidy[b].total - result.total.zhtidy[a].total))
  for (const label of ['boilerplate', 'content']) {
    for (const key of [label, ...kindsOf(label)]) {
      const cell = result.total.zhtidy[key]
      if (!cell) continue
      const name = key === label ? (label === 'boilerplate' ? 'boilerplate removed' : 'content kept') : `  ${key.slice(label.length + 1)}`
      rows.push([name, String(cell.total), ...METHODS.map((method) => percent(rate(result.total[method][key], label)))])
    }
  }
  const head = ['', 'lines', ...METHODS]
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i]))))
  const line = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')
  return [`${title}`, line(head), ...rows.map(line)].join('\n')
}

const width = (s) => [...s].length

function pageRows(result) {
  const rows = result.pages.map((page) => {
    const z = page.counts.zhtidy
    return `${page.id.padEnd(70)} bp ${z.boilerplate ? `${z.boilerplate.removed}/${z.boilerplate.total}` : '0/0'}`.padEnd(86) + ` content kept ${z.content ? `${z.content.total - z.content.removed}/${z.content.total}` : '0/0'}`
  })
  return rows.join('\n')
}

async function main(argv) {
  const args = new Set(argv)
  const splitAt = argv.indexOf('--split')
  const split = splitAt >= 0 ? argv[splitAt + 1] : undefined
  if (split !== undefined && !SPLITS.includes(split)) throw new Error(`--split: expected ${SPLITS.join(', ')}`)
  if ((args.has('--pages') || args.has('--misses')) && (split === undefined || split === 'eval')) throw new Error('--pages and --misses are for the dev and fresh splits only (--split dev, fresh or fresh2)')
  const { tsImport } = await import('tsx/esm/api')
  const { loadLabelledPages } = await tsImport(pathToFileURL(path.join(root, 'test/helpers/labelled-pages.ts')).href, import.meta.url)
  // --src reads the library from src/ (through tsx), to measure a change without a build.
  const { tidy } = args.has('--src')
    ? await tsImport(pathToFileURL(path.join(root, 'src/index.ts')).href, import.meta.url)
    : await import(pathToFileURL(path.join(root, 'dist/index.js')).href)
  const { pages, missing } = loadLabelledPages()
  const splits = split ? [split] : [...SPLITS, 'all']
  const out = {}
  const text = []
  if (missing.length > 0) text.push(`${missing.length} labelled pages have no text here (run node scripts/fetch-pages.mjs): ${missing.join(', ')}`)
  for (const name of splits) {
    const chosen = pages.filter((page) => name === 'all' || page.split === name)
    if (chosen.length === 0) continue
    const result = evaluate(chosen, tidy)
    const sites = new Set(chosen.map((page) => page.site)).size
    out[name] = { pages: chosen.length, sites, total: result.total }
    if (name === split && name !== 'eval') out[name].perPage = result.pages.map(({ id, counts }) => ({ id, counts }))
    text.push(table(result, `\n${name}: ${chosen.length} pages, ${sites} sites (share of lines: boilerplate removed, content kept)`))
    if (args.has('--pages')) text.push(pageRows(result))
    if (args.has('--misses')) {
      for (const page of result.pages) {
        const lines = pageLinesOf(chosen.find((p) => p.id === page.id).text)
        for (const line of page.wrong) text.push(`${line.removed ? `REMOVED (${line.rule})` : 'missed '} ${page.id}:${line.n} [${line.kind}] ${lines[line.n - 1].slice(0, 80)}`)
      }
      // Content lines removed, counted by the rule that removed them.
      const byRule = new Map()
      for (const page of result.pages) for (const line of page.wrong) if (line.removed) byRule.set(line.rule, (byRule.get(line.rule) ?? 0) + 1)
      text.push(`content lines removed, by rule: ${[...byRule].sort((a, b) => b[1] - a[1]).map(([rule, count]) => `${rule} ${count}`).join(', ') || 'none'}`)
    }
  }
  process.stdout.write(args.has('--json') ? `${JSON.stringify(out, null, 2)}\n` : `${text.join('\n')}\n`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`eval-boilerplate: ${error.message}\n`)
    process.exit(1)
  })
}

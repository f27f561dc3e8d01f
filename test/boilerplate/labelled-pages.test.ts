// The labelled set of real scraped pages for the boilerplate step (issue 15): one file per page in
// test/cases/boilerplate/pages/<id>.json, each line of the page labelled by reading it (see test/helpers/labelled-pages.ts).
// The labels are checked here whether or not the page texts are present; the texts of pages from public data sets live
// in a git-ignored cache that `node scripts/fetch-pages.mjs` fills, and the tests that need them skip when it is empty.
// How well the boilerplate step does on the set is measured by scripts/eval-boilerplate.mjs, not here.
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PAGES_DIR, SHARED_DIR, loadLabelledPages, pageLines, readLabels, type PageLabels } from '../helpers/labelled-pages.js'

const CONTENT_KINDS = ['title', 'heading', 'text', 'byline']
const BOILERPLATE_KINDS = [
  'disclaimer',
  'copyright',
  'navigation',
  'pagination',
  'links',
  'widget',
  'injected',
  'forum',
  'contact',
  'tags',
  'image',
  'other',
]
// The floor for the whole set (both splits).
const MIN_PAGES = 60
const MIN_SITES = 30

const files = existsSync(PAGES_DIR) ? readdirSync(PAGES_DIR).filter((name) => name.endsWith('.json')).sort() : []
// readLabels() reads the same files in the same order.
const labels = readLabels()

function sourceKey(page: PageLabels): string {
  if ('shared' in page.source) return `shared:${page.source.shared}`
  return 'format' in page.source ? `${page.source.repo}:${page.source.path}` : `${page.source.repo}:${page.source.path}#${page.source.record}`
}

/** Every problem with one labels file, as readable sentences (empty when it is well formed). */
function problems(page: PageLabels, file: string): string[] {
  const found: string[] = []
  const p = page as unknown as Record<string, unknown>
  if (typeof p.id !== 'string' || `${p.id}.json` !== file) found.push(`id ${JSON.stringify(p.id)} is not the file name ${file}`)
  if (typeof p.site !== 'string' || !/^[a-z0-9.-]+\.[a-z0-9-]+$/.test(p.site) || p.site.startsWith('www.')) {
    found.push(`site ${JSON.stringify(p.site)} is not a host name without www.`)
  }
  if (!['dev', 'eval', 'fresh', 'fresh2'].includes(p.split as string)) found.push(`split ${JSON.stringify(p.split)} is not dev, eval, fresh or fresh2`)
  const source = p.source as Record<string, unknown> | undefined
  if (!source || typeof source !== 'object') found.push('no source')
  else if ('shared' in source) {
    if (typeof source.shared !== 'string' || !source.shared.startsWith('real-pages/')) found.push(`shared source ${JSON.stringify(source.shared)} is not a file of ../shared/real-pages`)
  } else {
    if (typeof source.repo !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(source.repo)) found.push(`repo ${JSON.stringify(source.repo)}`)
    if (typeof source.path !== 'string' || source.path === '') found.push('no path')
    if (typeof source.commit !== 'string' || !/^[0-9a-f]{40}$/.test(source.commit)) found.push(`commit ${JSON.stringify(source.commit)} is not 40 hex digits`)
    if (source.format !== undefined) {
      // A saved HTML page: its text is made from the whole file, so it has no record or field.
      if (source.format !== 'html') found.push(`format ${JSON.stringify(source.format)} is not html`)
      if ('record' in source || 'field' in source) found.push('an html source has no record or field')
    } else {
      if (!Number.isInteger(source.record) || (source.record as number) < 0) found.push(`record ${JSON.stringify(source.record)}`)
      if (typeof source.field !== 'string' || source.field === '') found.push('no field')
    }
    if (source.url !== undefined) {
      let host = ''
      try {
        host = new URL(source.url as string).hostname.replace(/^www\./, '')
      } catch {
        found.push(`url ${JSON.stringify(source.url)} does not parse`)
      }
      if (host && host !== p.site) found.push(`site ${JSON.stringify(p.site)} is not the URL's host ${host}`)
    }
  }
  if (!Array.isArray(p.lines) || p.lines.length === 0) return [...found, 'no lines']
  let previous = 0
  for (const line of p.lines as Record<string, unknown>[]) {
    const at = `line ${JSON.stringify(line.n)}`
    if (!Number.isInteger(line.n) || (line.n as number) <= previous) found.push(`${at} is not after line ${previous} (lines sorted, each once)`)
    else previous = line.n as number
    if (typeof line.hash !== 'string' || !/^[0-9a-f]{10}$/.test(line.hash)) found.push(`${at}: hash ${JSON.stringify(line.hash)}`)
    const kinds = line.label === 'content' ? CONTENT_KINDS : line.label === 'boilerplate' ? BOILERPLATE_KINDS : undefined
    if (!kinds) found.push(`${at}: label ${JSON.stringify(line.label)} is neither content nor boilerplate`)
    else if (!kinds.includes(line.kind as string)) found.push(`${at}: kind ${JSON.stringify(line.kind)} is not a ${line.label} kind (${kinds.join(', ')})`)
    if (line.note !== undefined && (typeof line.note !== 'string' || line.note.trim() === '')) found.push(`${at}: empty note`)
    const extra = Object.keys(line).filter((key) => !['n', 'hash', 'label', 'kind', 'note'].includes(key))
    if (extra.length > 0) found.push(`${at}: unknown fields ${extra.join(', ')}`)
  }
  return found
}

describe('labelled pages: the labels', () => {
  it('every labels file is well formed (fields, splits, sources, kinds; lines sorted, each once)', () => {
    expect(files.length).toBeGreaterThan(0)
    const bad = files.flatMap((file, index) => problems(labels[index] as PageLabels, file).map((problem) => `${file}: ${problem}`))
    expect(bad).toEqual([])
  })

  it('ids are unique, and no record of a data set is in two splits', () => {
    const ids = labels.map((page) => page.id)
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
    const splitOf = new Map<string, Set<string>>()
    for (const page of labels) {
      const key = sourceKey(page)
      splitOf.set(key, (splitOf.get(key) ?? new Set()).add(page.split))
    }
    const leaked = [...splitOf].filter(([, splits]) => splits.size > 1).map(([key]) => key)
    expect(leaked).toEqual([])
  })

  it('the eval split holds every kind of boilerplate and both labels', () => {
    const evalPages = labels.filter((page) => page.split === 'eval')
    const kinds = new Set(evalPages.flatMap((page) => page.lines.filter((line) => line.label === 'boilerplate').map((line) => line.kind)))
    expect(BOILERPLATE_KINDS.filter((kind) => !kinds.has(kind))).toEqual([])
    // Pages with no boilerplate at all are part of the set: a clean page must come out unchanged.
    expect(evalPages.filter((page) => page.lines.every((line) => line.label === 'content')).length).toBeGreaterThan(0)
  })

  const splits = new Set(labels.map((page) => page.split))
  const bothSplits = splits.has('dev') && splits.has('eval')
  if (!bothSplits) {
    console.warn(`test/boilerplate/labelled-pages.test.ts: only the ${[...splits].join(', ') || 'no'} split is here; the set's size floor is checked once both splits are present`)
  }
  it.skipIf(!bothSplits)(`the whole set holds at least ${MIN_PAGES} pages from at least ${MIN_SITES} sites`, () => {
    expect(labels.length).toBeGreaterThanOrEqual(MIN_PAGES)
    expect(new Set(labels.map((page) => page.site)).size).toBeGreaterThanOrEqual(MIN_SITES)
  })
})

let loaded: ReturnType<typeof loadLabelledPages> | undefined
let loadError: unknown
try {
  loaded = loadLabelledPages()
} catch (error) {
  loadError = error
}
const missing = loaded?.missing ?? []
const sharedAbsent = labels.some((page) => 'shared' in page.source) && !existsSync(path.join(SHARED_DIR, 'real-pages'))
if (missing.length > 0) {
  console.warn(
    `test/boilerplate/labelled-pages.test.ts: ${missing.length} page text(s) are absent (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}); ` +
      `run \`node scripts/fetch-pages.mjs\` (add --mirror DIR or --git-dir OWNER/NAME=GITDIR without network)` +
      `${sharedAbsent ? ' and provide ../shared/real-pages' : ''}; skipping the checks on the texts`,
  )
}

describe.skipIf(missing.length > 0)('labelled pages: the texts', () => {
  it('every label matches its line, and every non-empty line has a label', () => {
    // loadLabelledPages throws naming the page and line when a hash differs or a line has no label.
    expect(loadError).toBeUndefined()
    expect(loaded?.pages.length).toBe(labels.length)
  })

  it('no label is on an empty line', () => {
    const onEmpty = (loaded?.pages ?? []).flatMap((page) => {
      const lines = pageLines(page.text)
      return page.lines.filter((line) => (lines[line.n - 1] ?? '').trim() === '').map((line) => `${page.id}: line ${line.n}`)
    })
    expect(onEmpty).toEqual([])
  })
})

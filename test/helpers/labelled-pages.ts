// The labelled set of real scraped pages for the boilerplate step (issue 15).
//
// Each page is one file test/cases/boilerplate/pages/<id>.json that holds the page's source, its site and one label
// per non-empty line, made by reading the page. The page text itself is not in the repository: pages of
// ../shared/real-pages are read there in place, and pages from public data sets are read from a local cache
// (`.cache/pages/<id>.txt`, or $ZHTIDY_PAGES_CACHE) that `node scripts/fetch-pages.mjs` fills from each page's
// source. Every label carries a hash of its line, so a label can never silently apply to different text.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const PAGES_DIR = path.join(REPO, 'test/cases/boilerplate/pages')
export const SHARED_DIR = path.resolve(REPO, '../shared')
export const PAGES_CACHE = process.env.ZHTIDY_PAGES_CACHE ?? path.join(REPO, '.cache/pages')

export type LineLabel = 'content' | 'boilerplate'

export interface PageLine {
  /** 1-based line number in the page text split on LF (a trailing CR is not part of the line). */
  n: number
  /** The first 10 hex digits of the SHA-1 of the line's UTF-8 text. */
  hash: string
  label: LineLabel
  /** What the line is: for boilerplate the kind of furniture (disclaimer, navigation, links, widget, …). */
  kind: string
  note?: string
}

export type PageSource =
  | { shared: string }
  | { repo: string; path: string; commit: string; record: number; field: string; url?: string }
  /** A saved HTML page (an HTML extractor's test fixture); its text is made by scripts/fetch-pages.mjs (htmlText). */
  | { repo: string; path: string; commit: string; format: 'html'; url?: string }

export interface PageLabels {
  id: string
  /** The host the page came from (its URL's host, `www.` dropped). */
  site: string
  /**
   * `dev` pages may steer the rules; `eval` pages are only measured; `fresh` and `fresh2` pages are batches labelled
   * later, measured unseen before they steer anything (and then moved into dev).
   */
  split: 'dev' | 'eval' | 'fresh' | 'fresh2'
  source: PageSource
  lines: PageLine[]
}

export interface LabelledPage extends PageLabels {
  text: string
}

export function lineHash(line: string): string {
  return createHash('sha1').update(line, 'utf8').digest('hex').slice(0, 10)
}

/** The page's lines as the labels number them. */
export function pageLines(text: string): string[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
}

export function readLabels(): PageLabels[] {
  if (!existsSync(PAGES_DIR)) return []
  return readdirSync(PAGES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(PAGES_DIR, name), 'utf8')) as PageLabels)
}

export function textPath(page: PageLabels): string {
  return 'shared' in page.source ? path.join(SHARED_DIR, page.source.shared) : path.join(PAGES_CACHE, `${page.id}.txt`)
}

/**
 * The labelled pages whose text is present, checked against their labels (throws naming the page and line when a
 * hash differs or a non-empty line has no label), and the ids of those whose text is absent.
 */
export function loadLabelledPages(): { pages: LabelledPage[]; missing: string[] } {
  const pages: LabelledPage[] = []
  const missing: string[] = []
  for (const labels of readLabels()) {
    const file = textPath(labels)
    if (!existsSync(file)) {
      missing.push(labels.id)
      continue
    }
    const text = readFileSync(file, 'utf8')
    const lines = pageLines(text)
    const byNumber = new Map(labels.lines.map((line) => [line.n, line]))
    lines.forEach((line, index) => {
      const label = byNumber.get(index + 1)
      if (line.trim() === '') return
      if (!label) throw new Error(`${labels.id}: line ${index + 1} has no label: ${line.slice(0, 60)}`)
      if (label.hash !== lineHash(line)) throw new Error(`${labels.id}: line ${index + 1} does not match its label's hash (${file})`)
    })
    for (const label of labels.lines) {
      if (label.n < 1 || label.n > lines.length) throw new Error(`${labels.id}: label for line ${label.n}, but the page has ${lines.length} lines`)
    }
    pages.push({ ...labels, text })
  }
  return { pages, missing }
}

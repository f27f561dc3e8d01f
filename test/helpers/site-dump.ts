// A dump of many pages from a few sites, built from text nobody here wrote: each site's furniture is the real head
// and tail of one real scraped page in ../shared/real-pages (read in place; see its SOURCES.md), repeated on every
// page of that site; each page's article is paragraphs of Debian's manpages-zh (read in place, see manpages.ts),
// none used twice. What a crawl of a few sites looks like after HTML extraction, with the answer known per line.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { hasManpages, manpageParagraphs, MANPAGES_SKIP } from './manpages.js'

export const REAL_PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/real-pages')

/** Per site: the real page and its furniture lines (1-based, inclusive), read off the page by hand. */
export const SITES = [
  // A hospital SEO site: menu, crumb and search box on top; link lists, services, address, copyright and disclaimer below.
  { page: 'c4cc-000-hospital-seo-prevnext-related-ultratrailms.txt', head: [2, 15], tail: [53, 76], locale: 'zh_CN' },
  // A medical portal: channel menu of disease names on top; hot articles, follow box, footer links, ICP line below.
  { page: 'c4cc-003-teasers-glued-dates-ccmtvys.txt', head: [1, 34], tail: [112, 136], locale: 'zh_CN' },
  // A traditional-script mirror of a watch-buyback shop: welcome, hotline, menu; contacts, service menus, cities, brands, an injected spam line.
  { page: 'c4cc-008-trad-mirror-spacepunct-gewponoi.txt', head: [2, 16], tail: [46, 78], locale: 'zh_TW' },
] as const

export const PAGES_PER_SITE = 20
export const PARAGRAPHS_PER_PAGE = 5

export interface DumpPage {
  url: string
  text: string
  /** The page's lines that are its site's furniture (all its head and tail lines). */
  furniture: string[]
  /** The page's own article paragraphs. */
  article: string[]
}

/** Why the dump cannot be built here, or undefined when it can. */
export function dumpSkipReason(): string | undefined {
  if (!existsSync(REAL_PAGES)) return `${REAL_PAGES} is absent (a clone without ../shared)`
  if (!hasManpages) return MANPAGES_SKIP
  return undefined
}

export function siteDump(pagesPerSite = PAGES_PER_SITE): DumpPage[] {
  const pages: DumpPage[] = []
  const taken: Record<string, number> = { zh_CN: 0, zh_TW: 0 }
  SITES.forEach((site, s) => {
    const lines = readFileSync(path.join(REAL_PAGES, site.page), 'utf8').split('\n')
    const range = ([from, to]: readonly [number, number]) => lines.slice(from - 1, to).filter((line) => line.trim() !== '')
    const head = range(site.head)
    const tail = range(site.tail)
    // Every 7th paragraph, so that neighbouring paragraphs of one manual page do not all land on one page.
    const paragraphs = manpageParagraphs(site.locale, 12).filter((_, k) => k % 7 === 0)
    for (let p = 0; p < pagesPerSite; p++) {
      const start = taken[site.locale]!
      const article = paragraphs.slice(start, start + PARAGRAPHS_PER_PAGE).map((paragraph) => paragraph.text)
      taken[site.locale] = start + PARAGRAPHS_PER_PAGE
      pages.push({ url: `https://site${s}.example/page/${p}`, text: [...head, ...article, ...tail].join('\n') + '\n', furniture: [...head, ...tail], article })
    }
  })
  return pages
}

import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
import { loadLabelledPages, readLabels } from '../helpers/labelled-pages.js'
// @ts-expect-error: a plain ES module of the scripts folder, without types
import { evaluate, rate } from '../../scripts/eval-boilerplate.mjs'

/*
 * The boilerplate step on the labelled dev pages (issue 15), measured by scripts/eval-boilerplate.mjs. The floors
 * are what the step reaches today, a little below: a change that removes a content line or loses furniture the
 * step found fails here. Precision first: content kept is a must.
 */
const FLOORS = { contentKept: 0.99, boilerplateRemoved: 0.82, contentKindsKept: 0.98 }
// The pages labelled before the fresh batches (issue 15) lose no title, heading or byline; the fresh batches, moved
// into dev after they were measured unseen, have lines the rules still take (fresh: two titles, of a page that starts
// with a widget line and of a page cut by its data set before its title; fresh2: five source lines after a copyright
// head, a bar or the article's end, `来源CSDN|`, `信息来源于网络`), so the whole split is held to a floor.
const isFresh = (id: string) => id.includes('-fresh-')

type Cell = { total: number; removed: number }
type Result = { total: Record<string, Record<string, Cell>>; pages: { id: string; counts: Record<string, Record<string, Cell>> }[] }

const labels = readLabels().filter((page) => page.split === 'dev')
const { pages, missing } = loadLabelledPages()
const dev = pages.filter((page) => page.split === 'dev')
const absent = missing.filter((id) => labels.some((page) => page.id === id))

describe('the boilerplate step on the labelled dev pages', () => {
  it('has labelled dev pages from at least 30 sites', () => {
    expect(labels.length).toBeGreaterThanOrEqual(30)
    expect(new Set(labels.map((page) => page.site)).size).toBeGreaterThanOrEqual(30)
  })

  // Their texts are read in place from ../shared/real-pages and from the local cache that scripts/fetch-pages.mjs
  // fills. The pages at hand are measured (in CI: the 19 shared ones); without any there is nothing to measure.
  if (absent.length > 0 && dev.length > 0) console.log(`boilerplate dev pages: ${dev.length} measured, ${absent.length} absent (node scripts/fetch-pages.mjs fetches them)`)
  const skip = dev.length < 10 ? `the texts of ${absent.length} dev pages are absent (${absent[0]}…): run node scripts/fetch-pages.mjs and check ../shared/real-pages` : false
  it.skipIf(skip)(`keeps ≥ ${FLOORS.contentKept * 100}% of the content lines and removes ≥ ${FLOORS.boilerplateRemoved * 100}% of the boilerplate lines`, () => {
    if (skip) return
    const result = evaluate(dev, tidy) as Result
    const zhtidy = result.total.zhtidy!
    expect(rate(zhtidy.content, 'content')).toBeGreaterThanOrEqual(FLOORS.contentKept)
    expect(rate(zhtidy.boilerplate, 'boilerplate')).toBeGreaterThanOrEqual(FLOORS.boilerplateRemoved)
  })

  it.skipIf(skip)('does better than chinese-c4 on content and than CCNet-style repeats on boilerplate, on the same pages', () => {
    if (skip) return
    const { total } = evaluate(dev, tidy) as Result
    expect(rate(total.zhtidy!.content, 'content')).toBeGreaterThan(rate(total['c4-lines']!.content, 'content'))
    expect(rate(total.zhtidy!.boilerplate, 'boilerplate')).toBeGreaterThan(rate(total.ccnet!.boilerplate, 'boilerplate'))
  })

  it.skipIf(skip)(`removes no title, heading or byline of the earlier dev pages, and keeps ≥ ${FLOORS.contentKindsKept * 100}% of them on all`, () => {
    if (skip) return
    const { total } = evaluate(dev.filter((page) => !isFresh(page.id)), tidy) as Result
    for (const kind of ['content/title', 'content/heading', 'content/byline']) expect(total.zhtidy![kind]?.removed ?? 0, kind).toBe(0)
    const all = (evaluate(dev, tidy) as Result).total.zhtidy!
    const cells = ['content/title', 'content/heading', 'content/byline'].map((kind) => all[kind] ?? { total: 0, removed: 0 })
    const kept = cells.reduce((n, cell) => n + cell.total - cell.removed, 0) / cells.reduce((n, cell) => n + cell.total, 0)
    expect(kept).toBeGreaterThanOrEqual(FLOORS.contentKindsKept)
  })
})

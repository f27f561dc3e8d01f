// The playground and the library in a real browser (issue 18), driven through Debian's chromium with
// playwright-core: the page cleans seed 000 opened as GBK bytes and lists both byte-slip repairs; a 1 MB paste is
// cleaned in the page's worker while the main thread keeps ticking, and a newer input overtakes an older one; the
// bundled library cleans every seed as Node does; createTidyStream keeps JSON Lines order and count there.
// Skips with a message when /usr/bin/chromium is absent (.ci/run installs it with apt).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { browserBundle } from '../helpers/bundle.js'
import iconv from 'iconv-lite'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
// @ts-expect-error: a plain .mjs script without type declarations
import { buildPlayground, servePlayground } from '../../scripts/playground.mjs'

// The page's globals in the functions that run there (the project's tsconfig has no DOM lib): typed loosely.
declare const window: any, document: any, navigator: any, MutationObserver: any

const CHROMIUM = '/usr/bin/chromium'
const root = path.resolve(import.meta.dirname, '../..')
const samples = path.join(root, 'corpus-samples')
const seeds = readdirSync(samples)
  .filter((name) => name.endsWith('.txt') && !name.endsWith('.expected.txt'))
  .sort()
const seed000 = seeds.find((name) => name.startsWith('000-'))!
/** The seed pages one after another, repeated to 1 MiB of UTF-8: a big paste of real scraped text. */
const bigText = (() => {
  const all = seeds.map((name) => readFileSync(path.join(samples, name), 'utf8')).join('\n\n') + '\n\n'
  return all.repeat(Math.ceil((1 << 20) / Buffer.byteLength(all)))
})()
/** The longest the page's main thread may go without running a timer while it works (before: over 1 s at once). */
const MAX_GAP_MS = 500
const seedLines = seeds.flatMap((name) => readFileSync(path.join(samples, name), 'utf8').split('\n').filter((l) => l.trim() !== ''))
const present = existsSync(CHROMIUM)
if (!present) console.warn(`test/browser/playground: ${CHROMIUM} is absent (apt-get install chromium); the real-browser tests skip`)

let browser: Browser
let page: Page
let server: Server
let outdir: string
let base: string

beforeAll(async () => {
  if (!present) return
  outdir = mkdtempSync(path.join(tmpdir(), 'zhtidy-playground-'))
  await buildPlayground(outdir)
  server = (await servePlayground(outdir, 0)) as Server
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  })
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
}, 60_000)

let libPage: Page | undefined

/** A page of the test's server with the library bundled for the browser (an IIFE) loaded as `globalThis.zhtidy`. */
async function bundledPage(): Promise<Page> {
  if (libPage) return libPage
  const bundled = await browserBundle()
  libPage = await browser.newPage()
  await libPage.goto(base)
  await libPage.addScriptTag({ content: bundled })
  return libPage
}

/** A page of its own that may read and write the clipboard (for a real paste with Ctrl+V). */
async function pastingPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] })
  const p = await context.newPage()
  await p.goto(base)
  // A probe in the page: a 10 ms interval's ticks, every state and progress the page shows, every text it shows.
  await p.evaluate(() => {
    const w = globalThis as any
    const probe = (w.probe = { ticks: [] as number[], seen: [] as [number, string, number, number, string][], shown: [] as string[], pasted: [] as number[] })
    setInterval(() => probe.ticks.push(performance.now()), 10)
    window.addEventListener('paste', () => probe.pasted.push(performance.now()), true)
    const bar = document.getElementById('progress') as any
    const status = document.getElementById('status') as any
    new MutationObserver(() => {
      const last = probe.seen[probe.seen.length - 1]
      const now: [number, string, number, number, string] = [performance.now(), document.body.dataset.state ?? '', bar.value, bar.max, status.textContent]
      if (!last || last.slice(1).join('|') !== now.slice(1).join('|')) probe.seen.push(now)
    }).observe(document.body, { attributes: true, subtree: true, childList: true, characterData: true })
    const plain = document.getElementById('plain') as any
    new MutationObserver(() => probe.shown.push(plain.textContent)).observe(plain, { childList: true, characterData: true, subtree: true })
  })
  return p
}

async function paste(p: Page, text: string): Promise<void> {
  await p.evaluate((t) => navigator.clipboard.writeText(t), text)
  await p.focus('#source')
  await p.keyboard.press('Control+V')
}

/** How long the run behind the page's "Done in N ms" took in the worker. */
let bigRunMs = 3000

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  if (outdir) rmSync(outdir, { recursive: true, force: true })
})

describe.skipIf(!present)('the playground in chromium', () => {
  it('cleans seed 000 opened as GBK bytes, lists both byte-slip repairs with their rule ids, and sends nothing anywhere', async () => {
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(base)
    const text = readFileSync(path.join(samples, seed000), 'utf8')
    const expected = readFileSync(path.join(samples, seed000.replace(/\.txt$/, '.expected.txt')), 'utf8')
    const gbk = iconv.encode(text, 'gbk')
    expect(iconv.decode(gbk, 'gbk')).toBe(text) // the seed is all GBK: the page gets the same text back
    await page.setInputFiles('#file', { name: seed000.replace(/\.txt$/, '.gbk.txt'), mimeType: 'text/plain', buffer: gbk })
    await page.waitForSelector('body[data-state="done"]', { timeout: 30_000 })

    expect(await page.locator('#plain').textContent()).toBe(expected)
    // The highlighted view holds the same text once the tooltips are taken out.
    // (The page's DOM types are not in the project's tsconfig: the nodes are typed loosely here.)
    const shown = await page.locator('#output').evaluate((node: any) => {
      const copy = node.cloneNode(true)
      copy.querySelectorAll('.tip').forEach((tip: { remove(): void }) => tip.remove())
      return copy.textContent as string
    })
    expect(shown).toBe(expected)
    expect(await page.locator('#detected').getAttribute('data-encoding')).toMatch(/^(gbk|gb18030)$/)

    // The byte-slip repairs, as Node's tidy reports them: annotations messages with a byte plan in the note.
    const node = tidy(readFileSync(path.join(samples, seed000)))
    const slips = node.messages.filter((m) => m.ruleId.startsWith('annotations/') && /re-decoded/.test(m.note ?? ''))
    expect(slips.map((m) => m.ruleId).sort()).toEqual(['annotations/broken-insertion', 'annotations/punctuation-slip'])
    for (const slip of slips) {
      const item = page.locator(`#list li[data-rule="${slip.ruleId}"]`)
      expect(await item.count(), slip.ruleId).toBe(1)
      expect(await item.textContent()).toContain(slip.expected![0]!)
      // Its highlight in the text carries the rule id, and the count table counts it.
      expect(await page.locator(`#output mark[data-rules~="${slip.ruleId}"]`).count(), slip.ruleId).toBeGreaterThan(0)
      expect(await page.locator(`#counts tr[data-rule="${slip.ruleId}"] td:nth-child(2)`).textContent()).toBe('1')
    }
    // Every change is listed, and every rule's count matches Node's.
    expect(await page.locator('#list li').count()).toBe(node.messages.length)
    for (const [rule, n] of Object.entries(node.stats)) {
      if (n > 0) expect(await page.locator(`#counts tr[data-rule="${rule}"] td:nth-child(2)`).textContent(), rule).toBe(String(n))
    }
    // A highlight shows its rule, before and after on focus.
    const mark = page.locator(`#output mark[data-rules~="annotations/punctuation-slip"]`).first()
    await mark.focus()
    await expect.poll(() => mark.locator('.tip').isVisible()).toBe(true)
    expect(await mark.locator('.tip').textContent()).toContain('annotations/punctuation-slip')

    mkdirSync(path.join(root, 'test-artifacts'), { recursive: true })
    await page.screenshot({ path: path.join(root, 'test-artifacts/playground.png'), fullPage: false })
    expect(requests.every((url) => url.startsWith(base))).toBe(true)
  }, 45_000)

  it('follows the step toggles and the target script', async () => {
    await page.uncheck('#step-script')
    await page.waitForSelector('body[data-state="done"]')
    const text = readFileSync(path.join(samples, seed000))
    await expect.poll(() => page.locator('#plain').textContent()).toBe(tidy(text, { skip: ['script'] }).text)
    await page.check('#step-script')
    await page.selectOption('#script', 'zh-TW')
    await expect.poll(() => page.locator('#plain').textContent()).toBe(tidy(text, { script: 'zh-TW' }).text)
  }, 30_000)

  it('cleans a 1 MB paste in its worker: the main thread keeps ticking, the progress shows, the text is as in Node', async () => {
    const p = await pastingPage()
    await paste(p, bigText)
    await p.waitForSelector('body[data-state="done"]', { timeout: 60_000 })
    const expected = tidy(bigText).text // after, not beside, the page's work: the machine may have two cores
    expect(await p.locator('#plain').textContent()).toBe(expected)
    // The box holds only the start of a paste this long (a textarea of 1 MB takes the browser half a second to lay
    // out), read-only, and says so.
    const box = await p.locator('#source').evaluate((node: any) => ({ length: node.value.length as number, readOnly: node.readOnly as boolean }))
    expect(box.readOnly).toBe(true)
    expect(box.length).toBeLessThan(bigText.length / 10)
    // (A textarea's value has its line breaks as LF: two seeds have CRLF.)
    expect(bigText.replace(/\r\n?/g, '\n').startsWith(await p.locator('#source').inputValue())).toBe(true)
    expect(await p.locator('#preview').textContent()).toContain(`of ${bigText.length.toLocaleString('en')} characters`)

    const probe = await p.evaluate(() => (globalThis as any).probe as { ticks: number[]; seen: [number, string, number, number, string][]; pasted: number[] })
    const from = probe.pasted[0]!
    const to = probe.seen.find((s) => s[1] === 'done')![0]
    bigRunMs = Number(/Done in (\d+) ms/.exec(await p.locator('#status').textContent() ?? '')?.[1] ?? bigRunMs)
    // The timer kept running from the paste to the result on the page: no long freeze anywhere in between (on a
    // machine so loaded that the whole took over 5 s, no freeze over a tenth of the whole).
    const ticks = [from, ...probe.ticks.filter((t) => t > from && t < to), to]
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!)
    const bound = Math.max(MAX_GAP_MS, (to - from) / 10)
    expect(Math.max(...gaps), `longest gap between timer ticks, of ${gaps.length} in ${Math.round(to - from)} ms`).toBeLessThan(bound)
    expect(ticks.length).toBeGreaterThan(10)
    // While it worked, the page said so and showed the worker's stages as they came.
    const working = probe.seen.filter((s) => s[1] === 'working' && s[0] >= from && s[0] <= to)
    const labels = [...new Set(working.map((s) => s[4]))]
    expect(labels).toEqual(expect.arrayContaining(['Cleaning', 'Placing the changes of script on the cleaned text', 'Showing the result']))
    // The worker's stages, then the page's own (the blocks of text laid out), each counting up.
    const stages = working.filter((s) => s[3] > 1 && s[4] !== 'Showing the result').map((s) => s[2])
    expect(stages.length).toBeGreaterThan(3)
    expect(stages).toEqual([...stages].sort((a, b) => a - b))
    const blocks = working.filter((s) => s[3] > 1 && s[4] === 'Showing the result').map((s) => s[2])
    expect(blocks.length).toBeGreaterThan(1)
    expect(blocks).toEqual([...blocks].sort((a, b) => a - b))
    expect(await p.locator('#progress').isHidden()).toBe(true)
    expect(await p.locator('#output').getAttribute('aria-busy')).toBe('false')
    mkdirSync(path.join(root, 'test-artifacts'), { recursive: true })
    await p.screenshot({ path: path.join(root, 'test-artifacts/playground-1mb.png'), fullPage: false })
    await p.context().close()
  }, 60_000)

  it('never shows a stale result over a newer input: a short paste overtakes a 1 MB one still in the worker', async () => {
    const p = await pastingPage()
    await paste(p, bigText)
    // Once the worker has said it is on the big input (its first stage), a second paste.
    await p.waitForFunction(() => Number((document.getElementById('progress') as any).max) > 1, undefined, { timeout: 30_000 })
    const seed = readFileSync(path.join(samples, seeds[1]!), 'utf8')
    await paste(p, seed) // the box is read-only, showing the big paste's start: a paste replaces the whole input
    await p.waitForSelector('body[data-state="done"]', { timeout: 30_000 })
    const expected = tidy(seed).text
    expect(await p.locator('#plain').textContent()).toBe(expected)
    expect(await p.locator('#source').inputValue()).toBe(seed.replace(/\r\n?/g, '\n'))
    expect(await p.locator('#source').evaluate((node: any) => node.readOnly as boolean)).toBe(false)
    // Wait until the big run would have ended (as long as it took in all, from its paste, and a fifth more), then
    // check every text the page showed.
    const left = await p.evaluate((ms) => (globalThis as any).probe.pasted[0] + ms - performance.now(), Math.min(bigRunMs * 1.2, 10_000))
    if (left > 0) await p.waitForTimeout(left)
    const shown = await p.evaluate(() => (globalThis as any).probe.shown as string[])
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.every((text) => text === expected)).toBe(true)
    expect(await p.locator('#plain').textContent()).toBe(expected)
    await p.context().close()
  }, 60_000)

  it('runs the bundled library: every seed to its expected output, with the rule ids and the count per rule of Node', async () => {
    const lib = await bundledPage()
    const got = await lib.evaluate((inputs) => {
      const zhtidy = (globalThis as any).zhtidy
      return inputs.map((b64) => {
        const result = zhtidy.tidy(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))
        return {
          text: result.text as string,
          encoding: result.encoding as string,
          rules: result.messages.map((m: { ruleId: string }) => m.ruleId) as string[],
          stats: result.stats as Record<string, number>,
        }
      })
    }, seeds.map((name) => readFileSync(path.join(samples, name)).toString('base64')))
    expect(got).toHaveLength(seeds.length)
    seeds.forEach((name, i) => {
      const bytes = readFileSync(path.join(samples, name))
      const node = tidy(bytes)
      expect(got[i]!.text, name).toBe(readFileSync(path.join(samples, name.replace(/\.txt$/, '.expected.txt')), 'utf8'))
      expect(got[i]!.text, name).toBe(node.text)
      expect(got[i]!.encoding, name).toBe(node.encoding)
      expect(got[i]!.rules, name).toEqual(node.messages.map((m) => m.ruleId))
      expect(got[i]!.stats, name).toEqual(node.stats)
    })
  }, 45_000)

  it('runs createTidyStream in the bundled library: JSON Lines order and count kept', async () => {
    const lib = await bundledPage()
    const records = Array.from({ length: 400 }, (_, id) => ({ id, text: seedLines[id % seedLines.length]! }))
    const input = records.map((r) => JSON.stringify(r)).join('\n') + '\n'
    const out = await lib.evaluate(async (input) => {
      const stream = (globalThis as any).zhtidy.createTidyStream({ jsonl: true }) as TransformStream<string, string>
      const writer = stream.writable.getWriter()
      const reading = (async () => {
        let text = ''
        const reader = stream.readable.getReader()
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return text
          text += value
        }
      })()
      for (let i = 0; i < input.length; i += 4096) await writer.write(input.slice(i, i + 4096))
      await writer.close()
      return reading
    }, input)
    const outLines = out.split('\n')
    expect(outLines.pop()).toBe('')
    expect(outLines).toHaveLength(records.length)
    outLines.forEach((line, i) => {
      const record = JSON.parse(line) as { id: number; text: string }
      expect(record.id).toBe(i)
      expect(record.text).toBe(tidy(records[i]!.text).text)
    })
  }, 45_000)

  it('streams records generated on the fly through createTidyStream in chromium: order, count and memory bounded', async () => {
    // A ReadableStream makes JSON Lines records as it is pulled, pipes them through createTidyStream into a sink
    // that checks each id and keeps nothing. Only punctuation runs (the stream's own work is all there).
    // The page's live JS heap is read through the DevTools protocol while it runs, each time after a collection:
    // this chromium's performance.memory is a cached figure that does not move within a page's life.
    const lib = await bundledPage()
    const cdp = await lib.context().newCDPSession(lib)
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize
    }
    const heap0 = await heap()
    let heapPeak = heap0
    let running = true
    const sampling = (async () => {
      while (running) {
        heapPeak = Math.max(heapPeak, await heap())
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    const only = ['punctuation']
    const cleaned = new Map(seedLines.map((line) => [line, tidy(line, { only: ['punctuation'] }).text]))
    const got = await lib.evaluate(
      async ({ lines, cleaned, total, only }) => {
        const zhtidy = (globalThis as any).zhtidy
        const encoder = new TextEncoder()
        let made = 0
        let produced = 0
        let consumed = 0
        let widest = 0
        let wrong = ''
        const source = new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (made >= total) return controller.close()
            // A task of its own for every 512 KiB, as a network body comes: the page (and the heap probe) gets a turn.
            if (made % (512 << 10) < 32 << 10) await new Promise((resolve) => setTimeout(resolve, 0))
            let chunk = ''
            while (chunk.length < 32 << 10) {
              chunk += JSON.stringify({ id: produced, text: lines[produced % lines.length] }) + '\n'
              produced++
            }
            const bytes = encoder.encode(chunk)
            made += bytes.length
            controller.enqueue(bytes)
          },
        })
        let carry = ''
        await source.pipeThrough(zhtidy.createTidyStream({ jsonl: true, only })).pipeTo(
          new WritableStream<string>({
            write(chunk) {
              const text = carry + chunk
              let from = 0
              for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', from)) {
                const line = text.slice(from, end)
                from = end + 1
                if (!line.startsWith(`{"id":${consumed},`)) wrong ||= `record ${consumed}: ${line.slice(0, 60)}`
                if (consumed % 97 === 0 && JSON.parse(line).text !== cleaned[consumed % lines.length]) wrong ||= `record ${consumed} differs: ${line}`
                consumed++
              }
              carry = text.slice(from)
              widest = Math.max(widest, produced - consumed)
            },
          }),
        )
        return { made, produced, consumed, widest, wrong, carry }
      },
      { lines: seedLines, cleaned: seedLines.map((line) => cleaned.get(line)!), total: 16 << 20, only },
    )
    running = false
    await sampling
    await cdp.detach()
    expect(got.wrong).toBe('')
    expect(got.carry).toBe('')
    expect(got.made).toBeGreaterThanOrEqual(16 << 20)
    expect(got.consumed).toBe(got.produced)
    // What is held back between the source and the sink: a few batches, not the input.
    expect(got.widest, 'records made but not yet out').toBeLessThan(10_000)
    // The page's live heap at its highest, over what it was before: less than the input (16 MiB).
    expect((heapPeak - heap0) / 2 ** 20, 'JS heap growth in MB').toBeLessThan(16)
  }, 60_000)
})

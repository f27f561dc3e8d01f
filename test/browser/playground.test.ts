// The playground and the library in a real browser (issue 18), driven through Debian's chromium with
// playwright-core: the page cleans seed 000 opened as GBK bytes and lists both byte-slip repairs; the bundled
// library cleans every seed as Node does; createTidyStream keeps JSON Lines order and count there.
// Skips with a message when /usr/bin/chromium is absent (.ci/run installs it with apt).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'
import iconv from 'iconv-lite'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
// @ts-expect-error: a plain .mjs script without type declarations
import { buildPlayground, servePlayground } from '../../scripts/playground.mjs'

const CHROMIUM = '/usr/bin/chromium'
const root = path.resolve(import.meta.dirname, '../..')
const samples = path.join(root, 'corpus-samples')
const seeds = readdirSync(samples)
  .filter((name) => name.endsWith('.txt') && !name.endsWith('.expected.txt'))
  .sort()
const seed000 = seeds.find((name) => name.startsWith('000-'))!
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

  it('runs the bundled library: every seed as in Node, and createTidyStream keeps JSON Lines order and count', async () => {
    const bundled = await build({
      entryPoints: [path.join(root, 'src/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'zhtidy',
      charset: 'utf8',
      write: false,
      logLevel: 'silent',
      define: { ZHTIDY_VERSION: '"test"' },
    })
    const lib = await browser.newPage()
    await lib.goto(base)
    await lib.addScriptTag({ content: bundled.outputFiles[0]!.text })
    for (const name of seeds) {
      const bytes = readFileSync(path.join(samples, name))
      const got = await lib.evaluate((b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
        const result = (globalThis as any).zhtidy.tidy(bytes)
        return { text: result.text as string, rules: result.messages.map((m: { ruleId: string }) => m.ruleId) as string[] }
      }, bytes.toString('base64'))
      const node = tidy(bytes)
      expect(got.text, name).toBe(node.text)
      expect(got.rules, name).toEqual(node.messages.map((m) => m.ruleId))
    }

    const lines = seeds.flatMap((name) => readFileSync(path.join(samples, name), 'utf8').split('\n').filter((l) => l.trim() !== ''))
    const records = Array.from({ length: 400 }, (_, id) => ({ id, text: lines[id % lines.length]! }))
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
    await lib.close()
  }, 45_000)
})

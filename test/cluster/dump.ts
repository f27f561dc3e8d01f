/**
 * A scraped-corpus dump for the cluster tests, built from corpus-samples/*.txt: each page whole, each of its lines,
 * and each run of three lines is a record, with the fields a crawl carries beside the text. Deterministic.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../..', import.meta.url))
export const bin = path.join(root, 'dist/cli.js')

export function requireBuild(): void {
  if (!existsSync(bin)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first)')
}

/** The raw pages; a page that is not UTF-8 (007 is GBK) is read as Latin-1, the mojibake a careless scraper makes. */
export function pages(): { name: string; text: string }[] {
  const dir = path.join(root, 'corpus-samples')
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt') && !name.endsWith('.expected.txt'))
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name))
      let text: string
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      } catch {
        text = bytes.toString('latin1')
      }
      return { name, text }
    })
}

/** The records of one page, as JSON Lines lines without their line ends. */
export function pageRecords(page: { name: string; text: string }, pass: number): string[] {
  const lines = page.text.split(/\r?\n/).filter((line) => line.trim() !== '')
  const texts = [page.text, ...lines]
  for (let i = 0; i + 3 <= lines.length; i += 2) texts.push(lines.slice(i, i + 3).join('\n'))
  return texts.map((text, n) => {
    const id = `${page.name.slice(0, 3)}-${pass}-${n}`
    // Key order, a big integer and a float spelled 1.50 must come out byte for byte as they went in.
    return `{"id":"${id}","url":"https://example.cn/${page.name}?p=${pass}","text":${JSON.stringify(text)},"crawl":{"seq":9007199254740993${String(n).padStart(3, '0')},"score":1.50}}`
  })
}

/** The whole dump: `passes` rounds over every page, a blank line and a CRLF record inside, no final line end. */
export function dump(passes = 3): string {
  const records: string[] = []
  for (let pass = 0; pass < passes; pass++) for (const page of pages()) records.push(...pageRecords(page, pass))
  const middle = Math.floor(records.length / 2)
  records.splice(middle, 0, '')
  records[middle + 1] = records[middle + 1] + '\r'
  return records.join('\n')
}

/** A command on PATH, or undefined. */
export function which(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

export interface Finished {
  status: number | null
  stdout: Buffer
  stderr: string
  timedOut: boolean
}

/** Runs a command without blocking the test's event loop, so that several can overlap; killed after `timeout` ms. */
export function runAsync(command: string, args: string[], options: { input?: string | Buffer; timeout: number; cwd?: string }): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? root, stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.timeout)
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), timedOut })
    })
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
  })
}

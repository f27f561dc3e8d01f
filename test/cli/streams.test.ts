import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { run } from '../../src/cli/run.js'
import { tidy } from '../../src/tidy.js'

const root = path.resolve(__dirname, '../..')
const bin = path.join(root, 'dist/cli.js')
const samples = readdirSync(path.join(root, 'corpus-samples'))
  .filter((f) => f.endsWith('.txt') && !f.includes('.expected.'))
  .map((f) => readFileSync(path.join(root, 'corpus-samples', f), 'utf8'))
// The cheap steps: these tests are about the streams, and every step costs seconds of start-up per process.
const FAST = ['--only', 'unicode,punctuation']

let tmp: string
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'zhtidy-streams-'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Runs the command line in this process, catching what it writes to stderr. */
async function runHere(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = ''
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk)
    return true
  })
  try {
    return { code: await run([...args, '--jobs', '1']), stderr }
  } finally {
    spy.mockRestore()
  }
}

describe('files in a directory walk', () => {
  it('skips binary files with a warning naming them, and writes none of them to -o', async () => {
    const tree = path.join(tmp, 'walk')
    mkdirSync(tree, { recursive: true })
    writeFileSync(path.join(tree, 'image.txt'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]))
    writeFileSync(path.join(tree, 'nuls.dat'), Buffer.from([0x41, 0x00, 0x00, 0x42, 0x01, 0x00, 0x43, 0x00, 0x00, 0x00]))
    writeFileSync(path.join(tree, 'archive.bin'), gzipSync('書(shū)記,主持\n'))
    writeFileSync(path.join(tree, 'page.txt'), '書(shū)記,主持\n')
    const out = path.join(tmp, 'walk-out')
    const r = await runHere(['-o', out, tree, ...FAST])
    expect(r.code).toBe(0)
    expect(readdirSync(out)).toEqual(['page.txt'])
    expect(r.stderr).toContain(`${path.join(tree, 'image.txt')}: skipped: PNG image, not text`)
    expect(r.stderr).toContain(`${path.join(tree, 'nuls.dat')}: skipped: binary data (NUL bytes), not text`)
    expect(r.stderr).toContain(`${path.join(tree, 'archive.bin')}: skipped: gzip data, not text`)
  })

  it('UTF-16 text has NUL bytes and is still text', async () => {
    const dir = path.join(tmp, 'utf16')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'a.txt'), Buffer.from('书记,主持\n', 'utf16le'))
    const r = await runHere(['-o', path.join(dir, '..', 'utf16-out'), dir, ...FAST])
    expect(r.stderr).toBe('')
    expect(readFileSync(path.join(dir, '..', 'utf16-out', 'a.txt'), 'utf8')).toBe('书记，主持\n')
  })
})

describe('gzip', () => {
  it('reads .gz and writes .gz; .jsonl.gz is JSON Lines by its name', async () => {
    const dir = path.join(tmp, 'gz')
    mkdirSync(dir, { recursive: true })
    const text = samples[0]!
    writeFileSync(path.join(dir, 'page.txt.gz'), gzipSync(text))
    writeFileSync(path.join(dir, 'records.jsonl.gz'), gzipSync('{"text":"书记,主持"}\r\n{"text":"好"}\n'))
    const out = path.join(tmp, 'gz-out')
    const r = await runHere(['-o', out, dir, ...FAST])
    expect(r.code).toBe(0)
    expect(gunzipSync(readFileSync(path.join(out, 'page.txt.gz'))).toString('utf8')).toBe(tidy(text, { only: ['unicode', 'punctuation'] }).text)
    expect(gunzipSync(readFileSync(path.join(out, 'records.jsonl.gz'))).toString('utf8')).toBe('{"text":"书记，主持"}\r\n{"text":"好"}\n')
  })

  it('--no-jsonl reads a .jsonl file as text', async () => {
    const file = path.join(tmp, 'as-text.jsonl')
    writeFileSync(file, 'not json, 书记,主持\n')
    const out = path.join(tmp, 'as-text-out')
    expect((await runHere(['--no-jsonl', '-o', out + path.sep, file, ...FAST])).code).toBe(0)
    expect(readFileSync(path.join(out, 'as-text.jsonl'), 'utf8')).toBe('not json, 书记，主持\n')
  })
})

describe('the process', () => {
  beforeAll(() => {
    if (!existsSync(bin)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first)')
  })

  it('ends quietly with exit 0 when the reader closes the pipe (zhtidy big.txt | head -1)', async () => {
    const file = path.join(tmp, 'epipe.txt')
    writeFileSync(file, '第一行,内容。\n'.repeat(400_000))
    const child = spawn(process.execPath, [bin, file, ...FAST, '--jobs', '1'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })

  it('--jobs 2 gives byte for byte what --jobs 1 gives on a multi-megabyte JSON Lines file, with no progress line on a pipe', () => {
    const file = path.join(tmp, 'many.jsonl')
    const fd = openSync(file, 'w')
    let size = 0
    for (let i = 0; size < 4 * 1024 * 1024; i++) {
      const line = JSON.stringify({ id: i, text: samples[i % samples.length]!.replaceAll('。', '.').slice(0, 2000 + (i % 7) * 300) }) + (i % 5 === 0 ? '\r\n' : '\n')
      writeSync(fd, line)
      size += Buffer.byteLength(line)
    }
    closeSync(fd)
    const one = spawnSync(process.execPath, [bin, file, ...FAST, '--jobs', '1'], { maxBuffer: 64 << 20 })
    const two = spawnSync(process.execPath, [bin, file, ...FAST, '--jobs', '2'], { maxBuffer: 64 << 20 })
    expect(one.status).toBe(0)
    expect(two.status).toBe(0)
    expect(two.stderr.toString()).toBe('')
    expect(Buffer.compare(one.stdout, two.stdout)).toBe(0)
    expect(one.stdout.toString().split('\n').length).toBe(readFileSync(file, 'utf8').split('\n').length)
  })

  it('exit codes: 1 for changes under --check, 2 for a bad --jobs', () => {
    const file = path.join(tmp, 'dirty.txt')
    writeFileSync(file, '书记,主持\n')
    expect(spawnSync(process.execPath, [bin, '--check', file, ...FAST]).status).toBe(1)
    const bad = spawnSync(process.execPath, [bin, '--jobs', '0', file])
    expect(bad.status).toBe(2)
    expect(bad.stderr.toString()).toContain('--jobs')
  })
})

const time = '/usr/bin/time'
describe.skipIf(!existsSync(time))('memory', () => {
  /** Peak resident memory of one run, in MB, from GNU time. */
  function peakMb(args: string[]): number {
    const r = spawnSync(time, ['-v', process.execPath, bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    expect(r.status).toBe(0)
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr.toString())![1])
    return kb / 1024
  }

  function generate(file: string, megabytes: number, line: (i: number) => string): void {
    const fd = openSync(file, 'w')
    let size = 0
    let block = ''
    for (let i = 0; size < megabytes * 1024 * 1024; i++) {
      block += line(i)
      if (block.length > 1 << 20) {
        size += writeSync(fd, block)
        block = ''
      }
    }
    writeSync(fd, block)
    closeSync(fd)
  }

  it('stays under 300 MB on 60 MB of text and 60 MB of JSON Lines', () => {
    const text = path.join(tmp, 'big.txt')
    const page = samples.join('\n') + '\n'
    generate(text, 60, () => page)
    const jsonl = path.join(tmp, 'big.jsonl')
    const records = samples.map((s, i) => JSON.stringify({ id: i, text: s }) + '\n')
    generate(jsonl, 60, (i) => records[i % records.length]!)
    const out = path.join(tmp, 'big-out')
    const textPeak = peakMb([text, '-o', out + path.sep, ...FAST, '--jobs', '1'])
    const jsonlPeak = peakMb([jsonl, '-o', out + path.sep, ...FAST, '--jobs', '1'])
    expect(readFileSync(path.join(out, 'big.jsonl')).length).toBeGreaterThan(59 * 1024 * 1024)
    expect(textPeak).toBeLessThan(300)
    expect(jsonlPeak).toBeLessThan(300)
  }, 120_000)
})

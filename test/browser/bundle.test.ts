// The library in browsers and edge runtimes (issue 18): the core bundles for the browser with no Node built-in,
// and the bundle, run where only web globals exist (no Buffer, process or require), cleans the seed pages exactly
// as Node does, plain and through createTidyStream.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { build } from 'esbuild'
import iconv from 'iconv-lite'
import { beforeAll, describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
import { readText } from '../helpers/streams.js'

const root = path.resolve(import.meta.dirname, '../..')
const samples = path.join(root, 'corpus-samples')
const seeds = readdirSync(samples)
  .filter((name) => name.endsWith('.txt') && !name.endsWith('.expected.txt'))
  .sort()

interface Bundle {
  tidy: typeof tidy
  createTidyStream: typeof import('../../src/index.js').createTidyStream
}

let code: string
let bundle: Bundle

/** A context with the globals of a browser's JavaScript (and none of Node's). */
function webContext(): vm.Context {
  return vm.createContext({
    console,
    TextDecoder,
    atob,
    btoa,
    TextEncoder,
    TransformStream,
    ReadableStream,
    WritableStream,
    queueMicrotask,
    setTimeout,
    clearTimeout,
    structuredClone,
    performance,
    URL,
  })
}

beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(root, 'src/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'zhtidy',
    charset: 'utf8',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: { ZHTIDY_VERSION: '"test"' },
  })
  code = result.outputFiles[0]!.text
  const context = webContext()
  vm.runInContext(code + '\n;globalThis.zhtidy = zhtidy', context)
  bundle = context.zhtidy as Bundle
}, 120_000)

describe('the browser bundle', () => {
  it('holds no Node built-in and no reference to Buffer, process or require', () => {
    expect(code).not.toMatch(/\brequire\(["'](?:node:)?(?:fs|path|os|buffer|stream|crypto|zlib|worker_threads|child_process)["']\)/)
    expect(code).not.toMatch(/from\s*["']node:/)
    expect(code).not.toMatch(/\bBuffer\.(?:from|alloc|concat|isBuffer)\(/)
    expect(code).not.toMatch(/\bprocess\.(?:env|cwd|stdout|stderr|platform)\b/)
  })

  it('cleans every seed page to its expected output, as Node does, where only web globals exist', () => {
    for (const name of seeds) {
      const bytes = readFileSync(path.join(samples, name))
      const expected = readFileSync(path.join(samples, name.replace(/\.txt$/, '.expected.txt')), 'utf8')
      // Bytes as a browser has them: a Uint8Array from the bundle's own realm, not a Node Buffer.
      const result = bundle.tidy(new Uint8Array(bytes), {})
      expect(result.text, name).toBe(expected)
      expect(result.messages.map((m) => m.ruleId), name).toEqual(tidy(bytes).messages.map((m) => m.ruleId))
    }
  })

  it('decodes GB18030 bytes without Node: the seed 000 as GBK comes out as from UTF-8', () => {
    const name = seeds.find((n) => n.startsWith('000'))!
    const text = readFileSync(path.join(samples, name), 'utf8')
    const encoded = encodeGbk(text)
    const result = bundle.tidy(encoded, {})
    expect(result.encoding).toBe('gb18030')
    expect(result.text).toBe(readFileSync(path.join(samples, name.replace(/\.txt$/, '.expected.txt')), 'utf8'))
  })

  it('streams JSON Lines through createTidyStream in order, a record out for each record in', async () => {
    const lines = readFileSync(path.join(samples, seeds[0]!), 'utf8').split('\n').filter((line) => line.trim() !== '')
    const input = lines.map((text, id) => JSON.stringify({ id, text })).join('\n') + '\n'
    const stream = bundle.createTidyStream({ jsonl: true })
    const writer = stream.writable.getWriter()
    const reading = readText(stream.readable)
    for (let i = 0; i < input.length; i += 1000) await writer.write(input.slice(i, i + 1000))
    await writer.close()
    const out = (await reading).split('\n')
    expect(out.pop()).toBe('')
    expect(out).toHaveLength(lines.length)
    out.forEach((line, i) => {
      const record = JSON.parse(line) as { id: number; text: string }
      expect(record.id).toBe(i)
      expect(record.text).toBe(tidy(lines[i]!).text)
    })
  })
})

/** GB18030 bytes of a text through iconv-lite, which the test has in Node (the bundle under test never sees it). */
function encodeGbk(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'gb18030'))
}

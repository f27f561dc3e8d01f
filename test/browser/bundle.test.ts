// The library in browsers and edge runtimes (issue 18): the core bundles for the browser with no Node built-in,
// and the bundle, run where only web globals exist (no Buffer, process or require), cleans the seed pages exactly
// as Node does, plain and through createTidyStream. The package's export conditions: a bundler for the browser or
// a worker that takes `zhtidy` by name (import or require) gets the ESM build and no Node built-in; `zhtidy/node`
// resolves only under the `node` condition.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import vm from 'node:vm'
import { build, type BuildOptions, type Plugin } from 'esbuild'
import { browserBundle } from '../helpers/bundle.js'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
  code = await browserBundle()
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

describe('the package\'s export conditions, as a bundler resolves `zhtidy` by name', () => {
  let dir: string

  beforeAll(() => {
    // The built package (npm test builds it first), reached by name from a project of its own: a node_modules link.
    if (!existsSync(path.join(root, 'dist/index.js')) || !existsSync(path.join(root, 'dist/node.js'))) {
      throw new Error('dist/ is missing: run `npm run build` (npm test does) before this test')
    }
    dir = mkdtempSync(path.join(tmpdir(), 'zhtidy-exports-'))
    mkdirSync(path.join(dir, 'node_modules'))
    symlinkSync(root, path.join(dir, 'node_modules/zhtidy'), 'dir')
  })
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  /** Bundles `contents` (a module in that project) and lists every Node built-in any file of the bundle imports. */
  async function bundle(contents: string, options: BuildOptions) {
    const builtins: string[] = []
    const watch: Plugin = {
      name: 'node-builtins',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (args) => {
          if (!isBuiltin(args.path)) return undefined
          builtins.push(`${args.path} (imported by ${path.relative(root, args.importer) || args.importer})`)
          return { path: args.path, external: true }
        })
      },
    }
    const result = await build({
      stdin: { contents, resolveDir: dir, sourcefile: 'entry.js', loader: 'js' },
      bundle: true,
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: root,
      plugins: [watch],
      ...options,
    })
    const inputs = Object.keys(result.metafile!.inputs)
    return { builtins, inputs, code: result.outputFiles![0]!.text }
  }

  const entry = `import { tidy, createTidyStream } from 'zhtidy'\nglobalThis.zhtidy = { tidy, createTidyStream }\n`

  it('the browser build: `import` and `require` of zhtidy both get dist/browser/index.js, with no Node built-in', async () => {
    const imported = await bundle(entry, { platform: 'browser' })
    expect(imported.builtins).toEqual([])
    expect(imported.inputs).toContain('dist/browser/index.js')
    // CommonJS code that requires zhtidy gets the ESM build too, under `browser`: the CommonJS build bundles vfile's
    // Node variant (path, process, url).
    const required = await bundle(`globalThis.zhtidy = require('zhtidy')\n`, { platform: 'browser', format: 'iife' })
    expect(required.builtins).toEqual([])
    expect(required.inputs).toContain('dist/browser/index.js')
    expect(required.inputs).not.toContain('dist/index.cjs')
    // vfile's browser variants, by its own conditions.
    expect(required.inputs.some((f) => f.endsWith('vfile/lib/minpath.browser.js'))).toBe(true)

    // And the bundle cleans a seed page where only web globals exist.
    const context = webContext()
    vm.runInContext(required.code, context)
    const lib = context.zhtidy as Bundle
    const name = seeds[0]!
    expect(lib.tidy(new Uint8Array(readFileSync(path.join(samples, name))), {}).text).toBe(
      readFileSync(path.join(samples, name.replace(/\.txt$/, '.expected.txt')), 'utf8'),
    )
  })

  it('the worker build (edge runtimes: `worker` without `browser`): dist/browser/index.js, no Node built-in', async () => {
    const worker = await bundle(entry, { platform: 'neutral', conditions: ['worker'], mainFields: ['module', 'main'] })
    expect(worker.builtins).toEqual([])
    expect(worker.inputs).toContain('dist/browser/index.js')
  })

  it('without those conditions the CommonJS build does import Node built-ins (what the conditions are for)', async () => {
    const node = await bundle(`globalThis.zhtidy = require('zhtidy')\n`, { platform: 'node', format: 'cjs' })
    expect(node.inputs).toContain('dist/index.cjs')
    expect(node.builtins.length).toBeGreaterThan(0)
  })

  it('zhtidy/node resolves only for node', async () => {
    const node = await bundle(`export { createTidyTransform } from 'zhtidy/node'\n`, { platform: 'node' })
    expect(node.inputs).toContain('dist/node.js')
    expect(node.builtins.map((b) => b.split(' ')[0]!.replace(/^node:/, ''))).toContain('stream')
    for (const options of [{ platform: 'browser' }, { platform: 'neutral', conditions: ['worker'] }] as BuildOptions[]) {
      await expect(bundle(`export { createTidyTransform } from 'zhtidy/node'\n`, options), JSON.stringify(options)).rejects.toThrow(/zhtidy\/node|\.\/node/)
    }
  })
})

/** GB18030 bytes of a text through iconv-lite, which the test has in Node (the bundle under test never sees it). */
function encodeGbk(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'gb18030'))
}

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { defineConfig, type Options } from 'tsup'

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
const define = { ZHTIDY_VERSION: JSON.stringify(version) }
// The generated tables are mostly Han text: written as UTF-8 they are half the size of \u escapes, and load faster.
const esbuildOptions = (options: { charset?: string }) => {
  options.charset = 'utf8'
}

/**
 * The Node builds read the large strings of the generated tables from files on first use (src/tables.ts): each
 * `inline("…")` of more than 16 KB in src/data becomes a read of dist/data/<table>.<n>.txt, so that loading the
 * library parses none of them. Every such string must be ASCII (Latin-1 reading gives it back unchanged).
 */
const INLINE = /inline\(("(?:[^"\\]|\\.){16384,}")\)/g
const tablesInFiles = (format: 'esm' | 'cjs'): NonNullable<Options['esbuildPlugins']>[number] => ({
  name: 'zhtidy-tables-in-files',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]data[\\/][^\\/]+\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
      if (!source.includes('inline(')) return undefined
      const table = path.basename(args.path, '.ts')
      const dir = path.resolve('dist/data')
      mkdirSync(dir, { recursive: true })
      let n = 0
      const contents = source.replace(INLINE, (_, literal: string) => {
        const text = JSON.parse(literal) as string
        if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`${args.path}: an inline table is not ASCII`)
        const name = `${table}.${n++}.txt`
        writeFileSync(path.join(dir, name), text)
        return `fromFile(${JSON.stringify(name)})`
      })
      const where = format === 'esm' ? `new URL('./data/' + name, import.meta.url)` : `require('node:path').join(__dirname, 'data', name)`
      const read = `${format === 'esm' ? "import { readFileSync as readTable } from 'node:fs'" : "const { readFileSync: readTable } = require('node:fs')"}
const fromFile = (name: string) => { let text: string | undefined; return () => (text ??= readTable(${where}, 'latin1')) }
`
      return { contents: read + contents, loader: 'ts' }
    })
  },
})

// unified, vfile and their helpers are ESM-only: the CommonJS build bundles them
// so that `require('zhtidy')` works; the ESM build keeps every dependency external.
const esmOnly = [/^unified/, /^vfile/, /^unist-/, /^bail$/, /^trough$/, /^devlop$/, /^is-plain-obj$/, /^extend$/]

export default defineConfig([
  {
    // The worker is its own entry: worker_threads loads it by file name, beside cli.js.
    entry: { index: 'src/index.ts', node: 'src/node.ts', cli: 'src/cli/main.ts', worker: 'src/stream/worker.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
    target: 'node20',
    sourcemap: true,
    splitting: true,
    define,
    esbuildOptions,
    esbuildPlugins: [tablesInFiles('esm')],
  },
  {
    // Browsers and edge runtimes (the `browser` and `worker` conditions): the tables inline, no Node built-in.
    entry: { index: 'src/index.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    target: 'es2022',
    platform: 'browser',
    sourcemap: true,
    define,
    esbuildOptions,
  },
  {
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['cjs'],
    dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
    target: 'node20',
    sourcemap: true,
    noExternal: esmOnly,
    define,
    esbuildOptions,
    esbuildPlugins: [tablesInFiles('cjs')],
  },
])

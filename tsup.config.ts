import { readFileSync } from 'node:fs'
import { defineConfig } from 'tsup'

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
const define = { ZHTIDY_VERSION: JSON.stringify(version) }
// The generated tables are mostly Han text: written as UTF-8 they are half the size of \u escapes, and load faster.
const esbuildOptions = (options: { charset?: string }) => {
  options.charset = 'utf8'
}

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
  },
])

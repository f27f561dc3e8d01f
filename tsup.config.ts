import { defineConfig } from 'tsup'

// unified, vfile and their helpers are ESM-only: the CommonJS build bundles them
// so that `require('zhtidy')` works; the ESM build keeps every dependency external.
const esmOnly = [/^unified/, /^vfile/, /^unist-/, /^bail$/, /^trough$/, /^devlop$/, /^is-plain-obj$/, /^extend$/]

export default defineConfig([
  {
    entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts' } },
    target: 'node20',
    clean: true,
    sourcemap: true,
    splitting: true,
  },
  {
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: { entry: { index: 'src/index.ts' } },
    target: 'node20',
    sourcemap: true,
    noExternal: esmOnly,
  },
])

// Browser bundle sizes (issue 18): the core bundled for the browser with esbuild (minified, ESM), with its
// generated tables and with them left out (every module of src/data replaced by an empty one), gzip level 9,
// beside opencc-js's own full browser build. Rows: { group, name, size, gzip } (a table of their own).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

async function bundle(withoutTables) {
  const plugins = withoutTables
    ? [
        {
          name: 'no-tables',
          setup(b) {
            b.onLoad({ filter: /[\\/]src[\\/]data[\\/][^\\/]+\.ts$/ }, (args) => {
              // Keep every export name (as an empty value) so that the rest bundles as it is.
              const names = [...readFileSync(args.path, 'utf8').matchAll(/export const ([A-Z_a-z0-9]+)/g)].map((m) => m[1])
              return { contents: names.map((n) => `export const ${n}: any = undefined`).join('\n'), loader: 'ts' }
            })
          },
        },
      ]
    : []
  const result = await build({
    entryPoints: [path.join(root, 'src/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
    define: { ZHTIDY_VERSION: '"bench"' },
    plugins,
  })
  return result.outputFiles[0].contents
}

export default async function bundleBench() {
  const rows = []
  const opencc = readFileSync(path.join(root, 'node_modules/opencc-js/dist/umd/full.js'))
  rows.push({ group: 'browser bundle (minified, gzip -9)', name: 'opencc-js dist/umd/full.js', size: opencc.length, gzip: gzipSync(opencc, { level: 9 }).length, baseline: true })
  const full = await bundle(false)
  rows.push({ group: 'browser bundle (minified, gzip -9)', name: 'zhtidy core, with its tables', size: full.length, gzip: gzipSync(full, { level: 9 }).length })
  const bare = await bundle(true)
  rows.push({ group: 'browser bundle (minified, gzip -9)', name: 'zhtidy core, tables left out', size: bare.length, gzip: gzipSync(bare, { level: 9 }).length, note: 'src/data/* emptied' })
  return rows
}

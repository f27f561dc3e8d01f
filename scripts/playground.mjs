// The playground (issue 18): `node scripts/playground.mjs build [outdir]` bundles playground/ with esbuild into a
// static folder (default playground-dist/, relative URLs only, so GitHub Pages can serve it from any path);
// `node scripts/playground.mjs serve` builds it and serves it on localhost ($PORT or 8080) with node:http.
// Nothing in the page talks to a server: the server only hands out the files.
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const source = path.join(root, 'playground')

/** Bundles the page into `outdir` (emptied first). Returns the files written, with their sizes in bytes. */
export async function buildPlayground(outdir = path.join(root, 'playground-dist')) {
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  rmSync(outdir, { recursive: true, force: true })
  mkdirSync(outdir, { recursive: true })
  const common = {
    bundle: true,
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    charset: 'utf8',
    sourcemap: false,
    logLevel: 'warning',
    define: { ZHTIDY_VERSION: JSON.stringify(version) },
  }
  // The page's script and the worker that runs zhtidy (classic worker script: it loads in every browser by a
  // relative URL, no module-worker support needed).
  await build({ ...common, entryPoints: [path.join(source, 'app.ts')], outfile: path.join(outdir, 'app.js'), format: 'iife' })
  await build({ ...common, entryPoints: [path.join(source, 'worker.ts')], outfile: path.join(outdir, 'worker.js'), format: 'iife' })
  for (const file of ['index.html', 'style.css']) copyFileSync(path.join(source, file), path.join(outdir, file))
  return Object.fromEntries(
    ['index.html', 'style.css', 'app.js', 'worker.js'].map((file) => [file, statSync(path.join(outdir, file)).size]),
  )
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
}

/** Serves `dir` on 127.0.0.1:`port` (0: any free port). Resolves to the server once it listens. */
export function servePlayground(dir = path.join(root, 'playground-dist'), port = 8080) {
  const base = path.resolve(dir)
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    let file = path.resolve(base, '.' + decodeURIComponent(url.pathname))
    if (file !== base && !file.startsWith(base + path.sep)) {
      response.writeHead(403).end()
      return
    }
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html')
      const body = readFileSync(file)
      response.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      })
      response.end(request.method === 'HEAD' ? undefined : body)
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n')
    }
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command = 'build', outdir] = process.argv.slice(2)
  const dir = outdir ? path.resolve(outdir) : path.join(root, 'playground-dist')
  const sizes = await buildPlayground(dir)
  console.log(`playground: built ${path.relative(process.cwd(), dir) || '.'} (${Object.entries(sizes).map(([f, n]) => `${f} ${(n / 1024).toFixed(0)} KiB`).join(', ')})`)
  if (command === 'serve') {
    const port = Number(process.env.PORT ?? 8080)
    const server = await servePlayground(dir, port)
    const address = server.address()
    console.log(`playground: serving on http://localhost:${address.port}/ (Ctrl-C to stop; everything runs in your browser)`)
  } else if (command !== 'build') {
    console.error(`playground: unknown command ${command} (build or serve)`)
    process.exit(2)
  }
}

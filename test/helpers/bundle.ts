// The core bundled for the browser as one IIFE that defines `globalThis.zhtidy`, from src/ with esbuild: what the
// browser tests run, in a vm context with only web globals (test/browser/bundle.test.ts) and in chromium
// (test/browser/playground.test.ts).
import path from 'node:path'
import { build } from 'esbuild'

const root = path.resolve(import.meta.dirname, '../..')

export async function browserBundle(): Promise<string> {
  const result = await build({
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
  return result.outputFiles[0]!.text
}

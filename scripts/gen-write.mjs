// The one way a generator writes its table: into the folder given as its first argument (a test compares a fresh
// copy with the committed one) or src/data, and only when the content changed, so that a build leaves the
// committed files untouched.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/data')

export function writeGenerated(name, content, dir = process.argv[2] ?? DATA) {
  mkdirSync(dir, { recursive: true })
  const target = path.join(dir, name)
  let old = ''
  try {
    old = readFileSync(target, 'utf8')
  } catch {}
  if (old !== content) writeFileSync(target, content)
  return target
}

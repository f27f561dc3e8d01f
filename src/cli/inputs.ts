import type { Dirent } from 'node:fs'
import { readFile, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import ignore, { type Ignore } from 'ignore'
import { ZhtidyError } from '../errors.js'

/** Which files a directory walk takes. Paths named on the command line are always taken. */
export interface WalkFilter {
  /** Only names ending in one of these extensions (without the dot; `jsonl.gz` works); all files when absent. */
  ext?: readonly string[]
  /** Also honour `.gitignore` files, as `.zhtidyignore` files always are. */
  gitignore?: boolean
}

/** The ignore files met on the way down: each one's patterns apply below the directory it is in. */
interface Rules {
  base: string
  ig: Ignore
}

/** One input: a file (with its path relative to the directory it was found under) or stdin. */
export type Input =
  | { kind: 'stdin'; display: '<stdin>' }
  /** `walked`: found in a directory given on the command line (so `-o` names a directory, not a file). */
  | { kind: 'file'; path: string; relative: string; display: string; walked?: true }

/**
 * Expands the paths given on the command line: files as they are, directories recursively
 * (hidden files and folders and node_modules left out, links not followed), '-' or nothing as stdin.
 * In a walk, what is not a regular file or a directory (a FIFO, a device, a socket) is skipped with a warning,
 * and so is a directory that cannot be read: nothing is passed over without a word.
 */
export async function expandInputs(
  paths: readonly string[],
  warn: (message: string) => void = (m) => process.stderr.write(`zhtidy: ${m}\n`),
  filter: WalkFilter = {},
): Promise<Input[]> {
  if (paths.length === 0) return [{ kind: 'stdin', display: '<stdin>' }]
  const inputs: Input[] = []
  for (const given of paths) {
    if (given === '-') {
      inputs.push({ kind: 'stdin', display: '<stdin>' })
      continue
    }
    let info
    try {
      info = await stat(given)
    } catch (error) {
      throw new ZhtidyError('unreadable-input', `${given}: cannot read (${describeFsError(error)})`)
    }
    if (info.isDirectory()) {
      const found: string[] = []
      await walk(given, '', found, warn, filter, [])
      found.sort()
      for (const relative of found) inputs.push({ kind: 'file', path: path.join(given, relative), relative, display: path.join(given, relative), walked: true })
    } else {
      inputs.push({ kind: 'file', path: given, relative: path.basename(given), display: given })
    }
  }
  return inputs
}

async function walk(root: string, relative: string, found: string[], warn: (message: string) => void, filter: WalkFilter, rules: readonly Rules[]): Promise<void> {
  const directory = path.join(root, relative)
  let entries: Dirent[]
  try {
    entries = await readdir(directory, { withFileTypes: true })
  } catch (error) {
    warn(`${directory}: cannot read this directory (${describeFsError(error)}); its files are skipped`)
    return
  }
  const here = await ignoreRules(directory, relative, entries, filter, warn)
  const active = here ? [...rules, here] : rules
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const inner = relative === '' ? entry.name : path.join(relative, entry.name)
    const isDirectory = entry.isDirectory()
    if (isIgnored(active, inner, isDirectory)) continue
    if (isDirectory) {
      if (entry.name !== 'node_modules') await walk(root, inner, found, warn, filter, active)
    } else if (entry.isFile()) {
      if (!filter.ext || hasExtension(entry.name, filter.ext)) found.push(inner)
    } else if (!entry.isSymbolicLink()) warn(`${path.join(root, inner)}: ${specialKind(entry)}, not a regular file; skipped`)
  }
}

/** The patterns of this directory's `.zhtidyignore` (and `.gitignore` when asked), in gitignore syntax. */
async function ignoreRules(directory: string, relative: string, entries: readonly Dirent[], filter: WalkFilter, warn: (message: string) => void): Promise<Rules | undefined> {
  const names = filter.gitignore ? ['.gitignore', '.zhtidyignore'] : ['.zhtidyignore']
  let ig: Ignore | undefined
  for (const name of names) {
    if (!entries.some((entry) => entry.name === name && entry.isFile())) continue
    const file = path.join(directory, name)
    try {
      ig = (ig ?? ignore()).add(await readFile(file, 'utf8'))
    } catch (error) {
      warn(`${file}: cannot read this ignore file (${describeFsError(error)}); its patterns are not applied`)
    }
  }
  return ig && { base: relative, ig }
}

function isIgnored(rules: readonly Rules[], inner: string, isDirectory: boolean): boolean {
  for (const { base, ig } of rules) {
    const below = (base === '' ? inner : path.relative(base, inner)).split(path.sep).join('/')
    if (ig.ignores(isDirectory ? `${below}/` : below)) return true
  }
  return false
}

function hasExtension(name: string, extensions: readonly string[]): boolean {
  const lower = name.toLowerCase()
  return extensions.some((ext) => lower.endsWith(`.${ext.toLowerCase()}`))
}

function specialKind(entry: Dirent): string {
  if (entry.isFIFO()) return 'a FIFO'
  if (entry.isCharacterDevice()) return 'a character device'
  if (entry.isBlockDevice()) return 'a block device'
  if (entry.isSocket()) return 'a socket'
  return 'a special file'
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file or directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'is a directory'
  if (code === 'ENOTDIR') return 'a path component is not a directory'
  if (code === 'EEXIST') return 'a file is in the way'
  if (code === 'EROFS') return 'read-only file system'
  if (code === 'ENOSPC') return 'no space left on the device'
  return code ?? (error as Error).message
}

import type { Dirent } from 'node:fs'
import { readFile, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Ignore } from 'ignore'
import { ZhtidyError } from '../errors.js'
import { basenamePath, comparePaths, displayPath, fromBytes, joinPath, pathKey, type FsPath } from './fspath.js'

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
  | { kind: 'file'; path: FsPath; relative: FsPath; display: string; walked?: true }

/** Arguments whose bytes are not UTF-8, by the string Node made of them (see rawArguments). */
let rawByString = new Map<string, FsPath>()

/** Tells expandInputs the bytes of command-line arguments that are not UTF-8 (main.ts calls it). */
export function setRawArguments(strings: readonly string[], raw: readonly FsPath[]): void {
  rawByString = new Map()
  const clash = new Set<string>()
  strings.forEach((s, k) => {
    const r = raw[k]!
    if (typeof r === 'string') return
    if (rawByString.has(s) && pathKey(rawByString.get(s)!) !== pathKey(r)) clash.add(s)
    rawByString.set(s, r)
  })
  // Two different names Node showed alike: neither can be told apart, so neither is guessed.
  for (const s of clash) rawByString.delete(s)
}

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
  for (const argument of paths) {
    if (argument === '-') {
      inputs.push({ kind: 'stdin', display: '<stdin>' })
      continue
    }
    const given = rawByString.get(argument) ?? argument
    const shown = displayPath(given)
    let info
    try {
      info = await stat(given)
    } catch (error) {
      throw new ZhtidyError('unreadable-input', `${shown}: cannot read (${describeFsError(error)})`)
    }
    if (info.isDirectory()) {
      const found: FsPath[] = []
      await walk(given, '', found, warn, filter, [])
      found.sort(comparePaths)
      for (const relative of found) {
        const full = joinPath(given, relative)
        inputs.push({ kind: 'file', path: full, relative, display: displayPath(full), walked: true })
      }
    } else {
      inputs.push({ kind: 'file', path: given, relative: basenamePath(given), display: shown })
    }
  }
  return inputs
}

async function walk(root: FsPath, relative: FsPath, found: FsPath[], warn: (message: string) => void, filter: WalkFilter, rules: readonly Rules[]): Promise<void> {
  const directory = relative === '' ? root : joinPath(root, relative)
  let entries: Dirent<Buffer>[]
  try {
    // Names as bytes: a name that is not UTF-8 (GBK, from an old archive) stays readable.
    entries = await readdir(directory, { withFileTypes: true, encoding: 'buffer' })
  } catch (error) {
    warn(`${displayPath(directory)}: cannot read this directory (${describeFsError(error)}); its files are skipped`)
    return
  }
  const named = entries.map((entry) => ({ entry, name: fromBytes(entry.name) }))
  const here = await ignoreRules(directory, displayPath(relative), named, filter, warn)
  const active = here ? [...rules, here] : rules
  for (const { entry, name } of named) {
    if (entry.name[0] === 0x2e) continue
    const inner = relative === '' ? name : joinPath(relative, name)
    const isDirectory = entry.isDirectory()
    if (isIgnored(active, displayPath(inner), isDirectory)) continue
    if (isDirectory) {
      if (name !== 'node_modules') await walk(root, inner, found, warn, filter, active)
    } else if (entry.isFile()) {
      if (!filter.ext || hasExtension(entry.name.toString('latin1'), filter.ext)) found.push(inner)
    } else if (!entry.isSymbolicLink()) warn(`${displayPath(joinPath(root, inner))}: ${specialKind(entry)}, not a regular file; skipped`)
  }
}

/** The patterns of this directory's `.zhtidyignore` (and `.gitignore` when asked), in gitignore syntax. */
async function ignoreRules(directory: FsPath, relative: string, entries: readonly { entry: Dirent<Buffer>; name: FsPath }[], filter: WalkFilter, warn: (message: string) => void): Promise<Rules | undefined> {
  const names = filter.gitignore ? ['.gitignore', '.zhtidyignore'] : ['.zhtidyignore']
  let ig: Ignore | undefined
  for (const name of names) {
    if (!entries.some(({ entry, name: n }) => n === name && entry.isFile())) continue
    const file = joinPath(directory, name)
    try {
      // Loaded only where an ignore file is met.
      const ignore = (await import('ignore')).default
      ig = (ig ?? ignore()).add(await readFile(file, 'utf8'))
    } catch (error) {
      warn(`${displayPath(file)}: cannot read this ignore file (${describeFsError(error)}); its patterns are not applied`)
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

function specialKind(entry: Dirent<Buffer>): string {
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

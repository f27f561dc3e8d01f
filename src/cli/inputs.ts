import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { ZhtidyError } from '../errors.js'

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
export async function expandInputs(paths: readonly string[], warn: (message: string) => void = (m) => process.stderr.write(`zhtidy: ${m}\n`)): Promise<Input[]> {
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
      await walk(given, '', found, warn)
      found.sort()
      for (const relative of found) inputs.push({ kind: 'file', path: path.join(given, relative), relative, display: path.join(given, relative), walked: true })
    } else {
      inputs.push({ kind: 'file', path: given, relative: path.basename(given), display: given })
    }
  }
  return inputs
}

async function walk(root: string, relative: string, found: string[], warn: (message: string) => void): Promise<void> {
  const directory = path.join(root, relative)
  let entries: Dirent[]
  try {
    entries = await readdir(directory, { withFileTypes: true })
  } catch (error) {
    warn(`${directory}: cannot read this directory (${describeFsError(error)}); its files are skipped`)
    return
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const inner = relative === '' ? entry.name : path.join(relative, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') await walk(root, inner, found, warn)
    } else if (entry.isFile()) found.push(inner)
    else if (!entry.isSymbolicLink()) warn(`${path.join(root, inner)}: ${specialKind(entry)}, not a regular file; skipped`)
  }
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

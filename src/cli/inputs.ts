import { stat } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import { ZhtidyError } from '../errors.js'

/** One input: a file (with its path relative to the directory it was found under) or stdin. */
export type Input = { kind: 'stdin'; display: '<stdin>' } | { kind: 'file'; path: string; relative: string; display: string }

/**
 * Expands the paths given on the command line: files as they are, directories recursively
 * (hidden folders and node_modules left out, links not followed), '-' or nothing as stdin.
 */
export async function expandInputs(paths: readonly string[]): Promise<Input[]> {
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
      const found = await glob('**/*', { cwd: given, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: ['**/node_modules/**'] })
      found.sort()
      for (const relative of found) inputs.push({ kind: 'file', path: path.join(given, relative), relative, display: path.join(given, relative) })
    } else {
      inputs.push({ kind: 'file', path: given, relative: path.basename(given), display: given })
    }
  }
  return inputs
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'no such file or directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'is a directory'
  return code ?? (error as Error).message
}

import { randomBytes } from 'node:crypto'
import type { Stats } from 'node:fs'
import { rmSync } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { basenamePath, dirnamePath, displayPath, fromBytes, joinPath, mapPath, pathKey, type FsPath } from './fspath.js'

/**
 * Temporary files are named `.<target>.zhtidy-<host>-<pid>-<random>.tmp`: a run that was killed with `kill -9`
 * (which no handler sees) leaves one behind, and a later run writing into the same directory on the same host
 * removes it once its process is gone. The host keeps a run on another node of a shared file system (a Slurm
 * array) from taking a live temporary file for a stale one.
 */
const HOST = os.hostname().replace(/[^A-Za-z0-9_]/g, '_') || 'host'
const TEMP_NAME = /^\..*\.zhtidy-([A-Za-z0-9_]+)-(\d+)-[0-9a-f]{12}\.tmp$/
const swept = new Set<string>()

function alive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

/** Removes the temporary files of dead zhtidy runs on this host from a directory, once per directory per run. */
async function sweepStaleTemporaries(directory: FsPath, warn: (message: string) => void): Promise<void> {
  const key = pathKey(directory)
  if (swept.has(key)) return
  swept.add(key)
  let names: Buffer[]
  try {
    names = await readdir(directory, { encoding: 'buffer' })
  } catch {
    return
  }
  for (const bytes of names) {
    const m = TEMP_NAME.exec(bytes.toString('latin1'))
    if (!m || m[1] !== HOST || alive(Number(m[2]))) continue
    const file = joinPath(directory, fromBytes(bytes))
    await rm(file, { force: true }).then(
      () => warn(`${displayPath(file)}: removed a temporary file left by an interrupted run (process ${m[2]})`),
      () => {},
    )
  }
}

/**
 * `mkdir -p`, one level at a time from the deepest existing ancestor: Node's recursive mkdir retries forever
 * where the kernel refuses with ENOENT for a path that exists (`-o /proc/x/` hung the run).
 */
async function makeDirectories(directory: FsPath): Promise<void> {
  const missing: FsPath[] = []
  let at = mapPath(directory, (d) => path.resolve(d))
  for (;;) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)))
    if (info) break
    missing.push(at)
    const parent = dirnamePath(at)
    if (pathKey(parent) === pathKey(at)) break
    at = parent
  }
  for (const dir of missing.reverse()) await mkdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : Promise.reject(error)))
}

/** Temporary files being written: an interrupt removes them before the process ends. */
const pending = new Set<FsPath>()

/**
 * On SIGINT, SIGTERM or SIGHUP, removes every temporary file still being written, then ends the process by the
 * same signal (its exit status says so). Inputs and completed outputs are untouched: a target is replaced only
 * by the rename of a complete file. (`kill -9` cannot be caught: its temporary file stays until a later run sweeps it, see TEMP_NAME.)
 */
export function removeTemporariesOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const temp of pending) rmSync(temp, { force: true })
      pending.clear()
      process.kill(process.pid, signal)
    })
  }
}

/**
 * A file written safely: everything goes to a temporary file beside the target, which replaces the target
 * by rename only when `commit` is called. A crash or an error before that leaves the target as it was.
 */
export class SafeWriter {
  private constructor(
    readonly target: FsPath,
    private readonly temp: FsPath,
    private readonly handle: Awaited<ReturnType<typeof open>>,
    private readonly existing: Stats | undefined,
  ) {}

  static async create(target: FsPath, warn: (message: string) => void = () => {}): Promise<SafeWriter> {
    const directory = dirnamePath(target)
    await makeDirectories(directory)
    await sweepStaleTemporaries(directory, warn)
    const temp = joinPath(directory, mapPath(basenamePath(target), (base) => `.${base}.zhtidy-${HOST}-${process.pid}-${randomBytes(6).toString('hex')}.tmp`))
    let existing: Stats | undefined
    try {
      existing = await stat(target)
    } catch {}
    pending.add(temp)
    let handle
    try {
      handle = await open(temp, 'wx', 0o600)
    } catch (error) {
      pending.delete(temp)
      throw error
    }
    return new SafeWriter(target, temp, handle, existing)
  }

  /**
   * The replacement keeps the file's owner, group and every mode bit (setuid, setgid, sticky, and bits the umask
   * would drop). Set after the last write, since a write may clear setuid and setgid, and chown before chmod,
   * since chown clears them too.
   */
  private async keepAttributes(): Promise<void> {
    const existing = this.existing
    if (!existing) return void (await this.handle.chmod(0o666 & ~process.umask()))
    if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) await this.handle.chown(existing.uid, existing.gid).catch(() => {})
    await this.handle.chmod(existing.mode & 0o7777)
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (typeof chunk === 'string') await this.handle.write(chunk)
    else await this.handle.write(chunk)
  }

  async commit(): Promise<void> {
    await this.keepAttributes()
    await this.handle.sync()
    await this.handle.close()
    await rename(this.temp, this.target)
    pending.delete(this.temp)
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => {})
    await rm(this.temp, { force: true })
    pending.delete(this.temp)
  }
}

/** Writes to stdout, waiting when the pipe is full. */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(text)) resolve()
    else {
      process.stdout.once('drain', resolve)
      process.stdout.once('error', reject)
    }
  })
}

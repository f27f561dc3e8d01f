/**
 * `--shard i/N`: one of N independent tasks (a Slurm array task, a GNU parallel job, a Spark executor) takes a
 * deterministic share of the inputs, with no coordinator and nothing shared but the file system.
 *
 * - Several inputs are shared by file: in sorted path order, file k goes to shard k mod N.
 * - One JSON Lines file is shared by byte range: shard i takes the lines that *start* in
 *   [⌊i·S/N⌋, ⌊(i+1)·S/N⌋) of its S bytes, so each task reads only its block (plus at most one line to find
 *   its end), the blocks tile the file exactly, and the parts in shard order concatenate to one process's output.
 *   With -o each block is written to `<stem>.shard-<i>-of-<N><ext>` (i zero-padded to the width of N-1).
 * - With -o, an output that exists and is not older than its input was completed by an earlier run (outputs are
 *   renamed into place only when whole), so it is skipped: a re-run after a failure redoes only what failed.
 */
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { ZhtidyError } from '../errors.js'
import { describeFsError, type Input } from './inputs.js'
import { comparePaths, joinPath, mapPath, type FsPath } from './fspath.js'

export interface Shard {
  /** 0-based, below `count`. */
  index: number
  count: number
}

/** A half-open byte range [start, end) of a file. */
export interface ByteRange {
  start: number
  end: number
}

type FileInput = Extract<Input, { kind: 'file' }>
/** A file input of which only a byte range is read. */
export type PartInput = FileInput & { range: ByteRange }

const SPEC = /^(\d+)\/(\d+)$/

/** Parses `i/N` (0 ≤ i < N) or `slurm` (the array task this process runs in, read from `env`). */
export function parseShardSpec(spec: string, env: Readonly<Record<string, string | undefined>> = {}): Shard {
  const trimmed = spec.trim()
  if (trimmed === 'slurm') return slurmShard(env)
  const match = SPEC.exec(trimmed)
  if (!match) throw new ZhtidyError('invalid-option', `--shard: expected i/N (0-based i below N, e.g. 0/4) or slurm, got ${JSON.stringify(spec)}`)
  return checkShard(Number(match[1]), Number(match[2]), `--shard ${trimmed}`)
}

/**
 * The shard of a Slurm array task: `sbatch --array=0-3` gives tasks 0..3 of 4; `--array=1-4` or `--array=10-40:10`
 * work too (the index counts from SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP). An array given as a
 * list with gaps (`--array=1,5,6`) cannot be mapped to 0..N-1 and is refused.
 */
export function slurmShard(env: Readonly<Record<string, string | undefined>>): Shard {
  const id = env.SLURM_ARRAY_TASK_ID
  const count = env.SLURM_ARRAY_TASK_COUNT
  if (id === undefined || count === undefined) {
    throw new ZhtidyError(
      'invalid-option',
      '--shard slurm: SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT are not set; run it in a Slurm array job (sbatch --array=0-3) or give --shard i/N',
    )
  }
  const number = (name: string, value: string | undefined, fallback: number): number => {
    if (value === undefined || value === '') return fallback
    if (!/^\d+$/.test(value)) throw new ZhtidyError('invalid-option', `--shard slurm: ${name}=${JSON.stringify(value)} is not a whole number`)
    return Number(value)
  }
  const taskId = number('SLURM_ARRAY_TASK_ID', id, 0)
  const min = number('SLURM_ARRAY_TASK_MIN', env.SLURM_ARRAY_TASK_MIN, 0)
  const step = number('SLURM_ARRAY_TASK_STEP', env.SLURM_ARRAY_TASK_STEP, 1) || 1
  const offset = taskId - min
  if (offset < 0 || offset % step !== 0) {
    throw new ZhtidyError('invalid-option', `--shard slurm: task ${taskId} is not in the array ${min}, ${min + step}, … (a list with gaps cannot be sharded; use a range like --array=0-${number('SLURM_ARRAY_TASK_COUNT', count, 1) - 1})`)
  }
  return checkShard(offset / step, number('SLURM_ARRAY_TASK_COUNT', count, 0), `--shard slurm (task ${taskId})`)
}

function checkShard(index: number, count: number, where: string): Shard {
  if (!Number.isSafeInteger(count) || count < 1) throw new ZhtidyError('invalid-option', `${where}: the number of shards must be at least 1`)
  if (!Number.isSafeInteger(index) || index >= count) throw new ZhtidyError('invalid-option', `${where}: the shard index must be below ${count} (0-based)`)
  return { index, count }
}

/** The label used in messages and file names, `2/4`. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`
}

/** File k of the inputs in sorted path order goes to shard k mod N; the kept inputs stay in their given order. */
export function selectFiles<T extends { path: FsPath }>(inputs: readonly T[], shard: Shard): T[] {
  const order = inputs.map((input, position) => ({ input, position })).sort((a, b) => comparePaths(a.input.path, b.input.path) || a.position - b.position)
  const mine = new Set<number>()
  order.forEach(({ position }, rank) => {
    if (rank % shard.count === shard.index) mine.add(position)
  })
  return inputs.filter((_, position) => mine.has(position))
}

/** Where block k's nominal range starts in a file of `size` bytes (k = N gives `size`). */
export function nominalStart(size: number, k: number, count: number): number {
  return Math.floor((size * k) / count)
}

/** Reads up to `length` bytes at `position`; fewer only at the end of the file. */
export type ReadAt = (position: number, length: number) => Promise<Uint8Array>

const LF = 0x0a

/** The first line start at or after `position`: 0, `size`, or one past a line feed. */
export async function lineStartAtOrAfter(readAt: ReadAt, size: number, position: number, chunk = 64 * 1024): Promise<number> {
  if (position <= 0) return 0
  if (position >= size) return size
  // A line starts at p when p is 0 or byte p-1 is a line feed: look for the first line feed at or after position-1.
  for (let at = position - 1; at < size; at += chunk) {
    const bytes = await readAt(at, Math.min(chunk, size - at))
    const lf = bytes.indexOf(LF)
    if (lf >= 0) return at + lf + 1
    if (bytes.length === 0) break
  }
  return size
}

/** Shard i's block: the lines that start inside its nominal range. The blocks of 0..N-1 tile [0, size). */
export async function blockRange(readAt: ReadAt, size: number, shard: Shard): Promise<ByteRange> {
  const start = await lineStartAtOrAfter(readAt, size, nominalStart(size, shard.index, shard.count))
  const end = await lineStartAtOrAfter(readAt, size, nominalStart(size, shard.index + 1, shard.count))
  return { start, end: Math.max(start, end) }
}

/** `dump.jsonl` → `dump.shard-02-of-16.jsonl`; padding makes the shell's glob order the shard order. */
export function partName(relative: string, shard: Shard): string {
  const width = String(shard.count - 1).length
  const index = String(shard.index).padStart(width, '0')
  const dir = path.dirname(relative)
  const ext = path.extname(relative)
  const stem = path.basename(relative, ext)
  const name = `${stem}.shard-${index}-of-${shard.count}${ext}`
  return dir === '.' ? name : path.join(dir, name)
}

/**
 * An output proves its input done when it exists and is not older than the input: it was renamed into place
 * whole, after the input was last written. A missing output, or one older than a replaced input, is redone.
 */
export function isComplete(output: { mtimeMs: number } | undefined, input: { mtimeMs: number }): boolean {
  return output !== undefined && output.mtimeMs >= input.mtimeMs
}

interface ShardSettings {
  /** true or false when given (`--jsonl`, `--no-jsonl`); undefined: decided by the file name. */
  jsonl: boolean | undefined
  out?: string
  inPlace: boolean
  check: boolean
}

/**
 * The command line's hook: the inputs this shard cleans (parts of one JSON Lines file, or its share of the files),
 * less those whose output is already complete. Without a spec the inputs are returned as they are.
 */
export async function takeShard(inputs: Input[], spec: unknown, settings: ShardSettings, env: NodeJS.ProcessEnv = process.env): Promise<Input[]> {
  if (spec === undefined) return inputs
  const shard = parseShardSpec(String(spec), env)
  const files = inputs.filter((input): input is FileInput => input.kind === 'file')
  if (files.length !== inputs.length) {
    throw new ZhtidyError('invalid-option', '--shard needs file paths: stdin cannot be shared out (to split a stream, use GNU parallel --pipe)')
  }
  let mine: FileInput[]
  // A compressed file cannot be cut by byte range: it goes whole, like a text file.
  const recordFile = files.length === 1 && !/\.gz$/i.test(files[0]!.display) && (settings.jsonl ?? /\.(jsonl|ndjson)$/i.test(files[0]!.display))
  if (recordFile) {
    if (settings.inPlace) throw new ZhtidyError('invalid-option', '--shard with one JSON Lines file writes parts: use -o <dir>, not -i')
    mine = [await partOf(files[0]!, shard)]
  } else {
    mine = selectFiles(files, shard)
    if (files.length === 1 && shard.index > 0) {
      process.stderr.write(`zhtidy --shard ${formatShard(shard)}: one text input goes whole to shard 0; give --jsonl to share a JSON Lines file by records\n`)
    }
  }
  if (settings.out === undefined || settings.check) return mine
  const todo: FileInput[] = []
  for (const input of mine) {
    const [output, source] = await Promise.all([statOrUndefined(joinPath(settings.out, input.relative)), stat(input.path)])
    if (!isComplete(output, source)) todo.push(input)
  }
  const done = mine.length - todo.length
  if (done > 0) process.stderr.write(`zhtidy --shard ${formatShard(shard)}: ${done} of ${mine.length} outputs already complete, skipped\n`)
  return todo
}

async function partOf(input: FileInput, shard: Shard): Promise<PartInput> {
  let handle
  try {
    handle = await open(input.path, 'r')
  } catch (error) {
    throw new ZhtidyError('unreadable-input', `${input.display}: cannot read (${describeFsError(error)})`)
  }
  try {
    const { size } = await handle.stat()
    const readAt: ReadAt = async (position, length) => {
      const buffer = Buffer.alloc(length)
      const { bytesRead } = await handle.read(buffer, 0, length, position)
      return buffer.subarray(0, bytesRead)
    }
    const range = await blockRange(readAt, size, shard)
    // Line numbers in messages count from the start of the block, which the display names.
    return { ...input, relative: mapPath(input.relative, (r) => partName(r, shard)), display: `${input.display}#bytes=${range.start}-${range.end}`, range }
  } finally {
    await handle.close()
  }
}

async function statOrUndefined(file: FsPath): Promise<{ mtimeMs: number } | undefined> {
  try {
    return await stat(file)
  } catch {
    return undefined
  }
}

/** The bytes of a file input to read: all of it, or the block of a part. */
export function openInput(input: FileInput): Readable {
  const range = (input as Partial<PartInput>).range
  if (range === undefined) return createReadStream(input.path, { highWaterMark: 256 * 1024 })
  // createReadStream's end is inclusive and cannot express an empty range.
  if (range.end <= range.start) return Readable.from([])
  return createReadStream(input.path, { start: range.start, end: range.end - 1, highWaterMark: 256 * 1024 })
}

/**
 * Corpus mode on the command line: `zhtidy corpus count` streams a dump into a table of line fingerprints and their
 * document counts, `corpus merge` adds tables of shards together, `corpus top` shows the most repeated lines, and
 * `zhtidy --repeated TABLE` (resolved here) removes them while cleaning.
 */
import type { Command } from 'commander'
import { readFile } from 'node:fs/promises'
import { ZhtidyError } from '../errors.js'
import { selectedSteps } from '../options.js'
import type { RepeatedOptions } from '../corpus/repeated.js'
import { checkCompatible, DEFAULT_CAP, LineTable, MIN_CAP } from '../corpus/table.js'
import type { TidyOptions } from '../tidy.js'
import { describeFsError, expandInputs, type Input } from './inputs.js'
import { SafeWriter, writeStdout } from './outputs.js'
import { Progress } from './progress.js'
import { takeShard } from './shard.js'
import type { Item } from '../stream/index.js'
import { loadEngine, openInput, resolveSettings, totalSize, walkFilter, warn, EXIT_OK, type RunState } from './run.js'

/** Input bytes per counting batch: counting is cheap, so this only bounds what is held between reading and counting. */
const BATCH_BYTES = 256 * 1024

/** Adds `corpus count|merge|top` to the program; `done` receives each command's exit code. */
export function addCorpusCommands(program: Command, done: (code: number) => void): void {
  const corpus = program.command('corpus').description('corpus mode: count the lines of a dump, merge the tables of its shards, show the most repeated lines')
  corpus
    .command('count')
    .description('count in how many documents each line of a dump appears; write the table to -o')
    .argument('[path...]', 'files or directories (recursively); stdin when none or -')
    .option('-o, --out <table>', 'the table file to write (required)')
    .option('--cap <n>', `distinct lines counted exactly before the table becomes a count-min sketch (default ${DEFAULT_CAP})`)
    .option('--jsonl', 'input is JSON Lines: count the lines of one string field per record (default for .jsonl, .ndjson)')
    .option('--no-jsonl', 'read .jsonl and .ndjson files as plain text')
    .option('--field <name>', 'the field --jsonl counts (default: text)')
    .option('-e, --encoding <name>', 'read every input in this encoding instead of detecting it')
    .option('--on-error <mode>', 'JSON Lines records that are bad: fail (exit 2), skip or keep (both leave the record uncounted)')
    .option('--shard <i/N|slurm>', 'count only share i of N of the inputs, as the cleaning run shares them; merge the tables after')
    .option('--ext <list>', 'in a directory walk, only files with these extensions')
    .option('--gitignore', 'in a directory walk, also leave out what .gitignore files list')
    .option('--config <file>', 'read defaults (jsonl, field, onError) from this JSON file')
    .option('-q, --quiet', 'no progress line and no summary')
    .option('--verbose', 'say how each input is read')
    .action(async (paths: string[], opts: Record<string, unknown>) => done(await countCommand(paths, opts)))
  corpus
    .command('merge')
    .description('add line tables of shards of one dump together (the same table one pass over the whole dump gives)')
    .argument('<table...>', 'tables written by zhtidy corpus count or merge')
    .option('-o, --out <table>', 'the table file to write (required)')
    .action(async (tables: string[], opts: Record<string, unknown>) => done(await mergeCommand(tables, opts)))
  corpus
    .command('top')
    .description('print the most repeated lines of a table: count, share of documents, fingerprint, text')
    .argument('<table>', 'a table written by zhtidy corpus count or merge')
    .option('-n, --lines <n>', 'how many lines (default 50)')
    .option('--json', 'one JSON object per line instead of tab-separated columns')
    .action(async (table: string, opts: Record<string, unknown>) => done(await topCommand(table, opts)))
  for (const command of corpus.commands) command.exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) })
  corpus.exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) })
}

function requireOut(opts: Record<string, unknown>, command: string): string {
  if (typeof opts.out !== 'string' || opts.out === '') throw new ZhtidyError('invalid-option', `corpus ${command}: -o <table> is required: the file the table is written to`)
  return opts.out
}

function wholeNumber(option: string, value: unknown, least: number, most = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value)
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim()) || n < least || n > most) {
    throw new ZhtidyError('invalid-option', `${option}: expected a whole number from ${least}${most < Number.MAX_SAFE_INTEGER ? ` to ${most}` : ' up'}, got ${JSON.stringify(value)}`)
  }
  return n
}

export async function readTable(file: string): Promise<LineTable> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (error) {
    throw new ZhtidyError('unreadable-input', `${file}: cannot read (${describeFsError(error)})`)
  }
  return LineTable.decode(bytes, file)
}

async function writeTable(file: string, table: LineTable): Promise<void> {
  const writer = await SafeWriter.create(file)
  try {
    await writer.write(table.encode())
    await writer.commit()
  } catch (error) {
    await writer.abort()
    throw new ZhtidyError('unreadable-input', `${file}: cannot write (${describeFsError(error)})`, { cause: error })
  }
}

async function countCommand(paths: string[], opts: Record<string, unknown>): Promise<number> {
  const out = requireOut(opts, 'count')
  const cap = opts.cap === undefined ? DEFAULT_CAP : wholeNumber('--cap', opts.cap, MIN_CAP, 1 << 26)
  // The settings of a cleaning run, for reading the inputs the same way; -o names the table, not an output tree.
  const settings = await resolveSettings({ ...opts, out: undefined })
  const inputs = await takeShard(await expandInputs(paths, undefined, walkFilter(opts)), opts.shard, settings)
  const engine = await loadEngine()
  const { countingCleaner } = await import('../corpus/count.js')
  const table = new LineTable({ cap })
  const progress = Progress.forStderr(settings.quiet, { total: await totalSize(inputs) })
  const run: RunState = {
    settings,
    totals: { documents: 0, changed: 0, skippedRecords: 0, skippedInputs: 0, warned: 0, onlyRecords: true },
    progress,
    reporter: undefined,
    open: new Set(),
  }
  async function* items(): AsyncGenerator<Item> {
    for (const input of inputs) {
      const opened = await openInput(input, run)
      if (!opened) continue
      yield* engine.documentItems(opened.chunks, countContext(input, run), engine.nullSink, {
        ...(opened.format === undefined ? {} : { format: opened.format }),
        ...(settings.encoding ? { forcedEncoding: settings.encoding } : {}),
      })
    }
  }
  try {
    await engine.pump(items(), countingCleaner(table), { batchBytes: BATCH_BYTES, inFlight: 2 })
  } finally {
    progress?.stop()
  }
  await writeTable(out, table)
  if (!settings.quiet) {
    const how = table.isExact ? `${table.entries.toLocaleString('en')} distinct lines, exact` : `a count-min sketch past the cap of ${cap.toLocaleString('en')} distinct lines, counts at most ${table.errorBound()} high`
    process.stderr.write(`zhtidy corpus count: ${table.documents.toLocaleString('en')} documents, ${table.lines.toLocaleString('en')} lines (${how}) → ${out}\n`)
  }
  return EXIT_OK
}

/** What the format readers need of a run, for counting: no output, no report, records counted as they pass. */
function countContext(input: Input, run: RunState) {
  return {
    display: input.display,
    field: run.settings.field,
    onError: run.settings.onError,
    keepMessages: false,
    report: () => {
      if (run.progress) run.progress.records++
    },
    warn: (text: string) => warn(run, text),
    skipped: () => {
      run.totals.skippedRecords++
    },
  }
}

async function mergeCommand(files: string[], opts: Record<string, unknown>): Promise<number> {
  const out = requireOut(opts, 'merge')
  let table: LineTable | undefined
  let first = ''
  for (const file of files) {
    const next = await readTable(file)
    if (!table) {
      table = next
      first = file
      continue
    }
    checkCompatible(table.header(), next.header(), [first, file])
    table.merge(next)
  }
  await writeTable(out, table!)
  return EXIT_OK
}

async function topCommand(file: string, opts: Record<string, unknown>): Promise<number> {
  const n = opts.lines === undefined ? 50 : wholeNumber('-n/--lines', opts.lines, 1)
  const table = await readTable(file)
  const documents = table.documents
  const share = (count: number) => (documents > 0 ? count / documents : 0)
  const entries = table.top(n)
  let text = ''
  if (opts.json) {
    for (const entry of entries) text += JSON.stringify({ ...entry, share: Number(share(entry.count).toFixed(6)) }) + '\n'
  } else {
    const mode = table.isExact
      ? `exact, ${table.entries.toLocaleString('en')} distinct lines`
      : `count-min sketch, counts up to ${table.errorBound().toLocaleString('en')} high; the ${table.entries.toLocaleString('en')} heaviest lines kept`
    text += `# ${file}: ${documents.toLocaleString('en')} documents, ${table.lines.toLocaleString('en')} lines (${mode})\n`
    text += 'count\tshare\tfingerprint\ttext\n'
    for (const entry of entries) text += `${entry.count}\t${(share(entry.count) * 100).toFixed(1)}%\t${entry.fingerprint}\t${entry.text ?? ''}\n`
  }
  await writeStdout(text)
  return EXIT_OK
}

/**
 * The cleaning run's `--repeated TABLE` and its thresholds as the boilerplate step's `repeated` option; undefined
 * without `--repeated`. The table is read here, before the pipeline loads, so a missing or foreign file is reported
 * first.
 */
export async function repeatedOption(opts: Record<string, unknown>, tidy: TidyOptions): Promise<RepeatedOptions | undefined> {
  const given = ['repeatedMin', 'repeatedShare', 'repeatedMinLength'].filter((key) => opts[key] !== undefined)
  if (opts.repeated === undefined) {
    if (given.length > 0) throw new ZhtidyError('invalid-option', `--${kebab(given[0]!)} needs --repeated <table>`)
    return undefined
  }
  if (!selectedSteps(tidy).includes('boilerplate')) throw new ZhtidyError('invalid-option', '--repeated removes lines in the boilerplate step, which this run leaves out (--only/--skip)')
  const options: RepeatedOptions = { table: await readTable(String(opts.repeated)) }
  if (opts.repeatedMin !== undefined) options.min = wholeNumber('--repeated-min', opts.repeatedMin, 2)
  if (opts.repeatedMinLength !== undefined) options.minLength = wholeNumber('--repeated-min-length', opts.repeatedMinLength, 1)
  if (opts.repeatedShare !== undefined) {
    const share = Number(opts.repeatedShare)
    if (!(share > 0 && share <= 1)) throw new ZhtidyError('invalid-option', `--repeated-share: expected a fraction above 0 and at most 1 (0.01 for 1% of the documents), got ${JSON.stringify(opts.repeatedShare)}`)
    options.share = share
  }
  return options
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}

export type { Input }

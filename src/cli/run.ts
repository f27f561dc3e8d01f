import type * as Commander from 'commander'
import { requireCommonJs } from './require.js'
import { lstat, readFile, realpath, stat } from 'node:fs/promises'
import os from 'node:os'
import v8 from 'node:v8'
import path from 'node:path'
import { ZhtidyError, checkBoolean, checkChoice } from '../errors.js'
import { checkPresetOptions, checkStepNames } from '../options.js'
import type { StepOptions } from '../preset.js'
import { CONVENTIONS, type Convention } from '../steps/punctuation/options.js'
import type { TidyOptions } from '../tidy.js'
import { SCRIPTS, STEP_NAMES, type Script } from '../types.js'
import { configStopDir, loadConfig, type CliConfig } from './config.js'
import { basenamePath, dirnamePath, displayPath, joinPath, mapPath, pathKey, type FsPath } from './fspath.js'
import { describeFsError, expandInputs, type Input, type WalkFilter } from './inputs.js'
import { SafeWriter, writeStdout } from './outputs.js'
import { Progress } from './progress.js'
import { openInput as openFileRange, takeShard } from './shard.js'
import { REPORT_FORMATS, Reporter, fileTarget, formatCheckLine, stderrTarget, type DocumentReport, type ReportFormat, type ReportLevel } from './report.js'
import type { Format, Item, Sink } from '../stream/index.js'
import { addCorpusCommands, repeatedOption } from './corpus.js'

const { Command, CommanderError, Option } = requireCommonJs('commander') as typeof Commander
type Command = Commander.Command

type Engine = typeof import('./engine.js')
let loaded: Engine | undefined
/** The pipeline, loaded on first use (see engine.ts); `engine()` after that returns it at once. */
export async function loadEngine(): Promise<Engine> {
  return (loaded ??= await import('./engine.js'))
}
function engine(): Engine {
  if (!loaded) throw new Error('zhtidy: the engine is used before it was loaded')
  return loaded
}

export const EXIT_OK = 0
export const EXIT_CHANGES = 1
export const EXIT_USAGE = 2

const ON_ERROR = ['fail', 'skip', 'keep'] as const
type OnError = (typeof ON_ERROR)[number]

export interface Settings {
  tidy: TidyOptions
  out?: string
  /** Where each input is written (-o, -i), decided once all inputs are known; stdout when absent. */
  targets?: Map<Input, FsPath>
  inPlace: boolean
  /** true: every input is JSON Lines; false: none is; undefined: by file name. */
  jsonl: boolean | undefined
  field: string
  jobs: number
  quiet: boolean
  verbose: boolean
  check: boolean
  report?: ReportFormat
  /** Where the report goes instead of stderr. */
  reportFile?: string
  /** Which messages the report shows, and whether warnings on stderr are written. */
  level: ReportLevel
  /** Warnings (messages of a place left alone) make the exit code 1, as changes do under --check. */
  frail: boolean
  /** What -i does with an input that is a symbolic link: write through it to its target, or refuse it. */
  symlinks: 'follow' | 'refuse'
  /** Every input is read in this encoding instead of the detected one (`--encoding`). */
  encoding?: string
  onError: OnError
}

export interface Totals {
  documents: number
  changed: number
  skippedRecords: number
  /** Inputs left out under --on-error skip (unreadable, or not text and named on the command line). */
  skippedInputs: number
  /** Documents with a warning or an error message (for --frail). */
  warned: number
  /** Whether every document counted was a JSON Lines record: the --check summary then says records. */
  onlyRecords: boolean
}

/** Input bytes per batch sent to a worker: large enough to amortise a message, small enough to spread. */
const BATCH_BYTES = 256 * 1024
/**
 * Input cleaned in this thread before workers start. A worker builds its own processor (seconds with every step
 * on); tidy() cleans about 0.2 MB/s per core with every step, so this much input pays for the start.
 */
const WORKERS_AFTER = 2 * 1024 * 1024
/**
 * The young generation of each worker, in MB (V8's default is 48: three semi-spaces of 16). A batch's garbage dies
 * young either way; the smaller space costs no measurable time and about 20 MB of resident memory per worker.
 */
const WORKER_YOUNG_MB = 12
/**
 * How far V8 lets the old generation grow past what survived its last full collection (default: up to 4 times it).
 * Cleaning promotes a window's or a batch's transient trees, which die at the end of the task; left to the default,
 * each isolate (the main thread and every worker) carried 50-80 MB of them between full collections. 30% keeps a
 * 16 MB JSON Lines run with two workers at about 245 MB peak RSS instead of 320 MB, for no measurable CPU time.
 */
const HEAP_GROWING_PERCENT = 30
/** How much of an input without a telling name is read to see whether its lines are JSON objects. */
const JSONL_SNIFF_BYTES = 64 * 1024

declare const ZHTIDY_VERSION: string
const version = typeof ZHTIDY_VERSION === 'string' ? ZHTIDY_VERSION : '0.0.0-dev'

/** Runs the command line; resolves to the exit code. Never calls process.exit itself. */
export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram()
  let exitCode = EXIT_OK
  program.action(async (paths: string[], opts: Record<string, unknown>) => {
    exitCode = await clean(paths, opts)
  })
  program
    .command('detect')
    .description('print one JSON line per input: {"path","encoding","confidence","script":{…},"mojibake":{…},"basis","candidates":[…]}')
    .argument('[path...]', 'files or directories; stdin when none or -')
    .option('--text', 'print a readable explanation per input instead of JSON: the encoding, why, and every candidate with its score or the first byte that ruled it out')
    .action(async (paths: string[], opts: { text?: boolean }) => {
      exitCode = await detectAll(paths, opts.text === true)
    })
  addCorpusCommands(program, (code) => (exitCode = code))
  try {
    await program.parseAsync(argv as string[], { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE
    }
    if (error instanceof ZhtidyError) {
      process.stderr.write(`zhtidy: ${error.message}\n`)
      return EXIT_USAGE
    }
    // A failed system call (a read-only directory, a file where a directory is needed, a full disk) is the
    // environment's doing, not a bug: a message naming the path and exit 2, no stack trace.
    const fsError = error as NodeJS.ErrnoException
    if (typeof fsError?.code === 'string' && typeof fsError.syscall === 'string') {
      process.stderr.write(`zhtidy: ${fsError.path ? `${fsError.path}: ` : ''}cannot ${fsError.syscall} (${describeFsError(error)})\n`)
      return EXIT_USAGE
    }
    throw error
  }
  return exitCode
}

function buildProgram(): Command {
  return new Command('zhtidy')
    .description('Repair and clean scraped Chinese text: mojibake, converter artifacts, boilerplate, punctuation noise.')
    .version(version, '-V, --version')
    .argument('[path...]', 'files or directories (recursively); stdin when none or -')
    .option('-o, --out <dir>', 'write cleaned files under <dir>, mirroring relative paths')
    .option('-i, --in-place', 'rewrite the inputs (temp file + rename: an input is never truncated)')
    .option('--symlinks <follow|refuse>', '-i on an input that is a symbolic link: write through it to its target (default), or refuse it')
    .option('--jsonl', 'input is JSON Lines: clean one string field per record, keep every other field and the order (default for .jsonl, .ndjson)')
    .option('--no-jsonl', 'read .jsonl and .ndjson files as plain text')
    .option('-e, --encoding <name>', 'read every input in this encoding (gb18030, big5, utf-16le, shift_jis…) instead of detecting it')
    .option('--field <name>', 'the field --jsonl cleans (default: text)')
    .option('--on-error <mode>', 'bad input (a JSON Lines record, an unreadable file, a named file that is not text): fail (exit 2), skip (drop, counted), keep (pass through)')
    .option('--only <steps>', `comma-separated steps to run (${STEP_NAMES.join(', ')})`)
    .option('--skip <steps>', 'comma-separated steps not to run')
    .addOption(new Option('--script <script>', `target script: ${SCRIPTS.join(', ')} (default zh-Hans)`))
    .option('--punctuation <convention>', `punctuation convention: ${CONVENTIONS.join(', ')} (default: follows --script; tw for zh-TW, hk for zh-HK, else cn)`)
    .option('--boilerplate <mode>', 'remove (default): delete boilerplate lines; mark: keep them and report each as a warning')
    .option('--check', 'write nothing; exit 1 when any input would change, listing what would change')
    .option('--report <format>', `the change report on stderr: ${REPORT_FORMATS.join(', ')}`)
    .option('--report-file <file>', 'write the report to this file instead of stderr')
    .option('--frail', 'exit 1 when any document has a warning (a place left alone), as --check does for changes')
    .option('--silent', 'report only errors: no progress, no warnings, no info messages')
    .option('-j, --jobs <n>', 'worker threads cleaning documents and records in parallel (default: one per core; 1: no workers)')
    .option('-q, --quiet', 'no progress line on the terminal; reports show warnings and errors only')
    .option('--shard <i/N|slurm>', 'clean only share i of N (0-based) of the inputs: by file, or by line-aligned byte block of one JSON Lines file; slurm reads the array task')
    .option('--ext <list>', 'in a directory walk, only files with these extensions (comma-separated: txt,jsonl,jsonl.gz); named files are always read')
    .option('--gitignore', 'in a directory walk, also leave out what .gitignore files list (.zhtidyignore files always apply)')
    .option('--config <file>', 'read defaults from this JSON file instead of searching for .zhtidyrc.json / package.json')
    .option('--repeated <table>', 'corpus mode: also remove lines that the table (zhtidy corpus count) finds in many documents (boilerplate/repeated)')
    .option('--repeated-min <n>', 'with --repeated: a line in at least n documents is repeated (default 10)')
    .option('--repeated-share <fraction>', 'with --repeated: a line in at least this share of the documents is repeated (the larger threshold wins)')
    .option('--repeated-min-length <n>', 'with --repeated: shorter lines (characters, spaces left out) are never removed for recurring (default 4)')
    .option('--verbose', 'say on stderr which config file was used and how each input was read')
    .showHelpAfterError('(run zhtidy --help for usage)')
    // `zhtidy corpus count -o TABLE`: options after a subcommand are the subcommand's own.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
}

export async function resolveSettings(opts: Record<string, unknown>): Promise<Settings> {
  const cwd = process.cwd()
  const { config, path: configPath } = await loadConfig(cwd, opts.config as string | undefined)
  if (opts.verbose) {
    process.stderr.write(
      configPath ? `zhtidy: config: ${configPath}\n` : `zhtidy: config: none found (searched ${cwd} up to ${configStopDir(cwd)})\n`,
    )
  }
  const pick = <K extends keyof CliConfig>(cli: unknown, key: K): unknown => (cli !== undefined ? cli : config[key])
  const list = (value: unknown, option: string) => (value === undefined ? undefined : checkStepNames(splitList(value), option))
  const scriptValue = pick(opts.script, 'script')
  const script = scriptValue === undefined ? undefined : checkChoice<Script>('--script', 'script', scriptValue, SCRIPTS)
  const reportValue = pick(opts.report, 'report')
  const report = reportValue === undefined ? undefined : checkChoice<ReportFormat>('--report', 'report', reportValue, REPORT_FORMATS)
  const onError = checkChoice<OnError>('--on-error', 'on-error', pick(opts.onError, 'onError') ?? 'fail', ON_ERROR)
  const field = pick(opts.field, 'field') ?? 'text'
  if (typeof field !== 'string' || field === '') throw new ZhtidyError('invalid-option', '--field: expected a field name')
  const tidyOptions: TidyOptions = {}
  if (script) tidyOptions.script = script
  const only = list(pick(opts.only, 'only'), '--only')
  const skip = list(pick(opts.skip, 'skip'), '--skip')
  if (only) tidyOptions.only = only
  if (skip) tidyOptions.skip = skip
  if (config.steps) tidyOptions.steps = config.steps as StepOptions
  const repeated = await repeatedOption(opts, tidyOptions)
  if (repeated) tidyOptions.steps = { ...tidyOptions.steps, boilerplate: { ...tidyOptions.steps?.boilerplate, repeated } }
  if (opts.punctuation !== undefined) {
    const convention = checkChoice<Convention>('--punctuation', 'punctuation', opts.punctuation, CONVENTIONS)
    const steps = { ...(tidyOptions.steps ?? {}) }
    steps.punctuation = { ...(steps.punctuation ?? {}), convention }
    tidyOptions.steps = steps
  }
  if (opts.boilerplate !== undefined) {
    const mode = checkChoice<'remove' | 'mark'>('--boilerplate', 'boilerplate', opts.boilerplate, ['remove', 'mark'])
    const steps = tidyOptions.steps ?? {}
    tidyOptions.steps = { ...steps, boilerplate: { ...steps.boilerplate, mode } }
  }
  if (opts.out !== undefined && opts.inPlace) throw new ZhtidyError('invalid-option', '-o/--out and -i/--in-place cannot be used together')
  const jsonl = pick(opts.jsonl, 'jsonl')
  const settings: Settings = {
    tidy: tidyOptions,
    inPlace: Boolean(opts.inPlace),
    jsonl: jsonl === undefined ? undefined : checkBoolean('config', 'jsonl', jsonl),
    field,
    jobs: parseJobs(opts.jobs),
    quiet: Boolean(opts.quiet) || Boolean(opts.silent),
    level: opts.silent ? 'silent' : opts.quiet ? 'quiet' : 'all',
    frail: Boolean(opts.frail),
    symlinks: checkChoice<'follow' | 'refuse'>('--symlinks', 'symlinks', opts.symlinks ?? 'follow', ['follow', 'refuse']),
    verbose: Boolean(opts.verbose),
    check: Boolean(opts.check),
    onError,
  }
  if (opts.out !== undefined) settings.out = String(opts.out)
  if (opts.encoding !== undefined) settings.encoding = await checkEncoding(String(opts.encoding))
  if (report) settings.report = report
  if (opts.reportFile !== undefined) {
    if (!report) throw new ZhtidyError('invalid-option', '--report-file needs --report <format>')
    settings.reportFile = String(opts.reportFile)
  }
  // The preset's own options are checked here, before anything is loaded; each step's, when the engine is.
  checkPresetOptions(tidyOptions, 'config')
  return settings
}

/** The encoding `--encoding` names, checked against iconv-lite's (loaded only when the option is given). */
async function checkEncoding(name: string): Promise<string> {
  const iconv = (await import('iconv-lite')).default
  if (!iconv.encodingExists(name)) {
    throw new ZhtidyError('invalid-option', `--encoding: unknown encoding ${JSON.stringify(name)} (for example utf-8, gb18030, gbk, big5, big5-hkscs, utf-16le, utf-16be, shift_jis, euc-kr, windows-1252)`)
  }
  return name.toLowerCase()
}

export function walkFilter(opts: Record<string, unknown>): WalkFilter {
  const filter: WalkFilter = {}
  if (opts.ext !== undefined) {
    const ext = splitList(opts.ext).map((e) => e.replace(/^\./, ''))
    if (ext.length === 0 || ext.some((e) => !/^[\w.-]+$/.test(e))) {
      throw new ZhtidyError('invalid-option', `--ext: expected comma-separated extensions such as txt,jsonl, got ${JSON.stringify(opts.ext)}`)
    }
    filter.ext = ext
  }
  if (opts.gitignore) filter.gitignore = true
  return filter
}

export function parseJobs(value: unknown): number {
  if (value === undefined) return Math.max(1, os.availableParallelism())
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new ZhtidyError('invalid-option', `--jobs: expected a whole number from 1 to 256, got ${JSON.stringify(value)}`)
  return n
}

function splitList(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',')
  return items.map((s) => s.trim()).filter(Boolean)
}

async function clean(paths: string[], opts: Record<string, unknown>): Promise<number> {
  const settings = await resolveSettings(opts)
  const inputs = await takeShard(await expandInputs(paths, undefined, walkFilter(opts)), opts.shard, settings)
  // Building the processor runs every attacher, which validates each step's options.
  ;(await loadEngine()).processorFor(settings.tidy)
  if (settings.inPlace && inputs.some((input) => input.kind === 'stdin')) {
    throw new ZhtidyError('invalid-option', '-i/--in-place needs file paths, not stdin')
  }
  if (settings.out !== undefined) refuseOutputInsideInputs(settings.out, paths)
  settings.targets = await planTargets(inputs, settings, opts.shard !== undefined)
  const totals: Totals = { documents: 0, changed: 0, skippedRecords: 0, skippedInputs: 0, warned: 0, onlyRecords: true }
  const tidyOptions: TidyOptions = { ...settings.tidy, messages: settings.report !== undefined }
  // Process-wide and read at each collection, so it holds for the workers started below too.
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
  // Results carry messages only where something reads them.
  const keepMessages = keepsMessages(settings)
  const local = engine().inProcessCleaner((tasks) => engine().runTasks(tasks, tidyOptions, keepMessages))
  const total = await totalSize(inputs)
  // When the inputs are known to be large, workers start at once: this thread then never loads the steps' tables
  // nor grows a heap for cleaning (about 60 MB of resident memory on top of the workers').
  const startAfter = total !== undefined && total > WORKERS_AFTER ? 0 : WORKERS_AFTER
  const spawn = () => engine().spawnWorker(undefined, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } })
  const cleaner = settings.jobs > 1 ? engine().lazyPool(local, { jobs: settings.jobs, startAfter, spawn, options: tidyOptions, keepMessages }) : local
  const progress = Progress.forStderr(settings.quiet, { total })
  const reporter = settings.report
    ? await Reporter.create(settings.report, settings.level, settings.reportFile ? fileTarget(settings.reportFile) : stderrTarget(), process.stderr.isTTY === true && !settings.reportFile)
    : undefined
  const run: RunState = { settings, totals, progress, reporter, open: new Set() }
  try {
    await engine().pump(allItems(inputs, run), cleaner, { batchBytes: BATCH_BYTES, inFlight: settings.jobs * 2 + 1 })
  } catch (error) {
    for (const output of run.open) await output.abort()
    throw error
  } finally {
    progress?.stop()
    await cleaner.close()
  }
  await reporter?.end(version)
  const frailed = settings.frail && totals.warned > 0
  if (frailed && settings.level !== 'silent') process.stderr.write(`zhtidy --frail: ${totals.warned} of ${totals.documents} ${unit(totals)} have warnings\n`)
  if (settings.check) {
    if (settings.level !== 'silent') process.stderr.write(`zhtidy --check: ${totals.changed} of ${totals.documents} ${unit(totals)} would change\n`)
    return totals.changed > 0 || frailed ? EXIT_CHANGES : EXIT_OK
  }
  if (totals.skippedRecords > 0 && settings.level !== 'silent') process.stderr.write(`zhtidy: skipped ${totals.skippedRecords} bad records (--on-error skip)\n`)
  if (totals.skippedInputs > 0 && settings.level !== 'silent') process.stderr.write(`zhtidy: skipped ${totals.skippedInputs} input${totals.skippedInputs === 1 ? "" : "s"} (--on-error skip)\n`)
  return frailed ? EXIT_CHANGES : EXIT_OK
}

/** Whether a run reads messages: only --report prints them and --frail counts warnings (--check prints a line per changed document from its stats). */
function keepsMessages(settings: Settings): boolean {
  return settings.report !== undefined || settings.frail
}

function unit(totals: Totals): string {
  return totals.onlyRecords && totals.documents > 0 ? 'records' : 'documents'
}

export interface RunState {
  settings: Settings
  totals: Totals
  progress: Progress | undefined
  reporter: Reporter | undefined
  /** Outputs being written: aborted (temp file removed) when the run fails. */
  open: Set<{ abort(): Promise<void> }>
}

/** The sum of the input files' sizes, for the time left; undefined when stdin is among them. */
export async function totalSize(inputs: readonly Input[]): Promise<number | undefined> {
  let total = 0
  for (const input of inputs) {
    if (input.kind === 'stdin') return undefined
    total += await stat(input.path).then((s) => s.size, () => 0)
  }
  return total
}

export function warn(run: RunState, text: string): void {
  if (run.settings.level === 'silent') return
  run.progress?.clear()
  process.stderr.write(`zhtidy: ${text}\n`)
}

/**
 * The items of every input, one after the other, so that the pool cleans small files side by side and writes them
 * in order. Each input ends with an item that commits its output.
 */
async function* allItems(inputs: readonly Input[], run: RunState): AsyncGenerator<Item> {
  for (const input of inputs) {
    const opened = await openInput(input, run)
    if (!opened) continue
    yield* inputItems(input, opened, run)
  }
}

export interface Opened {
  chunks: AsyncIterable<Uint8Array>
  format: Format | undefined
  /** Not text, kept under --on-error keep: its bytes go out as they came. */
  passThrough?: true
}

/** Opens an input, sees through gzip, and leaves binary files out with a warning. */
export async function openInput(input: Input, run: RunState): Promise<Opened | undefined> {
  const onBytes = (n: number) => {
    if (run.progress) run.progress.bytes += n
  }
  const name = input.kind === 'file' ? input.display : ''
  const namedGz = /\.gz$/i.test(name)
  let chunks = readErrors(input.kind === 'stdin' ? engine().stdinChunks(onBytes) : engine().fileChunks(openFileRange(input), onBytes), `${input.display}: cannot read`)
  const onError = run.settings.onError
  let head: Uint8Array
  let all: AsyncIterable<Uint8Array>
  try {
    ;({ head, chunks: all } = await engine().peek(chunks, engine().SNIFF_BYTES))
  } catch (error) {
    // --on-error covers an input that cannot be read as it covers a bad record; there is nothing to keep of it.
    if (onError === 'fail' || !(error instanceof ZhtidyError)) throw error
    warn(run, `${error.message}; skipped (--on-error ${onError})`)
    run.totals.skippedInputs++
    return undefined
  }
  // A non-text input: a walk always leaves it out; a file named on the command line (or stdin) follows --on-error.
  const notText = (detail: string): Opened | undefined => {
    if ((input.kind === 'file' && input.walked) || onError === 'skip') {
      warn(run, `${input.display}: skipped: ${detail}`)
      if (!(input.kind === 'file' && input.walked)) run.totals.skippedInputs++
      return undefined
    }
    if (onError === 'fail') throw new ZhtidyError('unreadable-input', `${input.display}: ${detail} (--on-error skip leaves it out, keep passes it through)`)
    warn(run, `${input.display}: ${detail}; passed through as it is (--on-error keep)`)
    return { chunks: all, format: undefined, passThrough: true }
  }
  // A gzip stream on stdin or in a .gz file is a wrapper to open; anywhere else it is a binary file.
  const wrapped = engine().isGzip(head) && (namedGz || input.kind === 'stdin')
  // The compressed bytes are binary by nature; what counts is what they unpack to.
  const kind = wrapped ? undefined : engine().binaryKind(head)
  if (kind) return notText(`${kind}, not text`)
  if (wrapped) {
    chunks = readErrors(engine().gunzip(all), `${input.display}: not valid gzip`)
    ;({ head, chunks: all } = await engine().peek(chunks, engine().SNIFF_BYTES))
    const inner = engine().binaryKind(head)
    // Kept, it goes out unpacked, as text from a .gz does (a target named .gz is compressed again).
    if (inner) return notText(`gzipped ${inner}, not text`)
  }
  // A forced encoding: the bytes are read in it here, and everything after sees UTF-8.
  if (run.settings.encoding) {
    const encoding = run.settings.encoding
    all = readErrors(engine().transcode(all, encoding), `${input.display}: cannot read as ${encoding}`)
    ;({ head, chunks: all } = await engine().peek(all, engine().SNIFF_BYTES))
  }
  const byName = engine().formatFromName(name)
  let jsonl = run.settings.jsonl ?? byName === 'jsonl'
  // Records are often longer than the binary sniff: look at up to 64 KB for whole lines.
  const sniffJsonLines = async () => {
    if (!/^\s*\{/.test(Buffer.from(head.subarray(0, 64)).toString('latin1'))) return false
    ;({ head, chunks: all } = await engine().peek(all, JSONL_SNIFF_BYTES))
    return looksLikeJsonLines(head)
  }
  if (run.settings.jsonl === undefined && byName === undefined && (await sniffJsonLines())) {
    // Cleaned as text, every record would come out as invalid JSON (`"title": “标题”`).
    jsonl = true
    warn(run, `${input.display}: read as JSON Lines: its lines are JSON objects (--no-jsonl reads it as text)`)
  }
  const format: Format | undefined = jsonl ? 'jsonl' : byName === 'warc' ? 'warc' : undefined
  if (run.settings.verbose) {
    const how = format === 'jsonl' ? `JSON Lines, cleaning field ${JSON.stringify(run.settings.field)}` : format === 'warc' ? 'WARC/WET records' : 'plain text'
    warn(run, `${input.display}: read as ${how}${wrapped ? ', through gzip' : ''}`)
  }
  return { chunks: all, format }
}

/**
 * Whether the first bytes of an input are JSON Lines: every complete line among them, and at least one, is a JSON
 * object (blank lines aside). A pretty-printed JSON file starts with a lone `{` and is not.
 */
export function looksLikeJsonLines(head: Uint8Array): boolean {
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf8')
  const end = text.lastIndexOf('\n')
  if (end < 0) return false
  let objects = 0
  for (const line of text.slice(0, end).split('\n')) {
    const trimmed = line.trim()
    if (trimmed === '') continue
    if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return false
    try {
      const value: unknown = JSON.parse(trimmed)
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
    } catch {
      return false
    }
    objects++
  }
  return objects > 0
}

async function* readErrors(source: AsyncIterable<Uint8Array>, what: string): AsyncGenerator<Uint8Array> {
  try {
    yield* source
  } catch (error) {
    if (error instanceof ZhtidyError) throw error
    throw new ZhtidyError('unreadable-input', `${what} (${describeFsError(error)})`, { cause: error })
  }
}

async function* inputItems(input: Input, opened: Opened, run: RunState): AsyncGenerator<Item> {
  const { settings, totals } = run
  const target = targetPath(input, settings)
  let fileChanged = false
  let sink: Sink = settings.check ? engine().nullSink : engine().stdoutSink
  let finish = async () => {}
  if (target !== undefined) {
    const writer = await SafeWriter.create(target, (text) => warn(run, text))
    const output = { abort: () => writer.abort() }
    run.open.add(output)
    const toFile: Sink = {
      write: (chunk) =>
        writer.write(chunk).catch((error: unknown) => {
          throw new ZhtidyError('unreadable-input', `${displayPath(target)}: cannot write (${describeFsError(error)})`, { cause: error })
        }),
    }
    const zipped = pathKey(target).toLowerCase().endsWith('.gz') ? engine().gzipSink(toFile) : undefined
    sink = zipped ?? toFile
    finish = async () => {
      run.open.delete(output)
      // -i leaves an unchanged file alone: not even its modification time moves.
      if (settings.inPlace && !fileChanged) return writer.abort()
      await zipped?.end()
      await writer.commit()
    }
  }
  const ctx = {
    display: input.display,
    field: settings.field,
    onError: settings.onError,
    keepMessages: keepsMessages(settings),
    report: (report: DocumentReport) => {
      totals.documents++
      if (report.record === undefined || opened.format !== 'jsonl') totals.onlyRecords = false
      if (run.progress) run.progress.records++
      if (report.changed) {
        totals.changed++
        fileChanged = true
      }
      if (settings.frail && report.messages.some((m) => m.severity !== 'info')) totals.warned++
      run.progress?.clear()
      if (settings.check && report.changed && settings.level !== 'silent') process.stderr.write(formatCheckLine(report))
      run.reporter?.document(report)
    },
    warn: (text: string) => warn(run, text),
    skipped: () => {
      totals.skippedRecords++
      fileChanged = true
    },
  }
  if (opened.passThrough) {
    yield {
      size: 0,
      emit: async () => {
        for await (const chunk of opened.chunks) await sink.write(chunk)
      },
    }
    yield { size: 0, emit: finish }
    return
  }
  const options: { format?: Format; forcedEncoding?: string } = opened.format === undefined ? {} : { format: opened.format }
  if (settings.encoding) options.forcedEncoding = settings.encoding
  yield* engine().documentItems(opened.chunks, ctx, sink, options)
  yield { size: 0, emit: finish }
}

function refuseOutputInsideInputs(out: string, paths: readonly string[]): void {
  const resolvedOut = path.resolve(out)
  for (const given of paths) {
    if (given === '-') continue
    const resolved = path.resolve(given)
    if (resolvedOut === resolved || resolvedOut.startsWith(resolved + path.sep)) {
      throw new ZhtidyError('invalid-option', `-o ${out}: the output directory is inside the input ${given}; choose a directory outside it`)
    }
  }
}

/** realpath, keeping a path in bytes as bytes. */
function realFsPath(p: FsPath): Promise<FsPath> {
  return typeof p === 'string' ? realpath(p) : realpath(p, { encoding: 'buffer' })
}

function targetPath(input: Input, settings: Settings): FsPath | undefined {
  return settings.check ? undefined : settings.targets?.get(input)
}

/**
 * The output of every input, checked before anything is written. `-o` names a file when there is one input given
 * as a file or stdin (as ftfy, opencc and zhlint take it) and is not an existing directory or written with a
 * trailing slash; otherwise, and always with --shard, it is a directory mirroring relative paths. No output may
 * be an input (through `.`, `..` or links) and no two inputs may share an output.
 */
async function planTargets(inputs: readonly Input[], settings: Settings, sharded: boolean): Promise<Map<Input, FsPath>> {
  const targets = new Map<Input, FsPath>()
  if (settings.check) return targets
  if (settings.inPlace) {
    // A link given as an input is written through to the file it points at, which keeps the link a link (or it
    // is refused, with --symlinks refuse); two inputs that are one file are refused, as two outputs would be.
    const seen = new Map<string, string>()
    for (const input of inputs) {
      if (input.kind !== 'file') continue
      const isLink = (await lstat(input.path)).isSymbolicLink()
      if (isLink && settings.symlinks === 'refuse') throw new ZhtidyError('invalid-option', `-i: ${input.display} is a symbolic link (--symlinks refuse); give the file it points at`)
      const resolved = await realFsPath(input.path)
      const target = isLink ? resolved : input.path
      const real = pathKey(resolved)
      const other = seen.get(real)
      if (other !== undefined) throw new ZhtidyError('invalid-option', `-i: ${other} and ${input.display} are the same file; give it once`)
      seen.set(real, input.display)
      targets.set(input, target)
    }
    return targets
  }
  const out = settings.out
  if (out === undefined) return targets
  const outIsDirectory = (await stat(out).catch(() => undefined))?.isDirectory() === true
  const fileMode = inputs.length === 1 && !sharded && !(inputs[0]!.kind === 'file' && inputs[0]!.walked) && !outIsDirectory && !/[\\/]$/.test(out)
  for (const input of inputs) {
    if (fileMode) targets.set(input, out)
    else if (input.kind === 'file') targets.set(input, joinPath(out, input.relative))
  }
  // Where a path leads, through links; for a file not made yet, where its directory leads.
  const real = async (p: FsPath): Promise<string> =>
    pathKey(await realFsPath(p).catch(async () => joinPath(await realFsPath(dirnamePath(p)).catch(() => mapPath(dirnamePath(p), (d) => path.resolve(d))), basenamePath(p))))
  const inputPaths = new Map<string, string>()
  for (const input of inputs) if (input.kind === 'file') inputPaths.set(await real(input.path), input.display)
  const seen = new Map<string, string>()
  for (const [input, target] of targets) {
    const resolved = await real(target)
    const clash = inputPaths.get(resolved)
    if (clash !== undefined) throw new ZhtidyError('invalid-option', `-o ${out}: ${input.display} would be written over the input ${clash}; choose an output outside the inputs`)
    const other = seen.get(resolved)
    if (other !== undefined) throw new ZhtidyError('invalid-option', `-o ${out}: ${other} and ${input.display} would both be written to ${displayPath(target)}`)
    seen.set(resolved, input.display)
  }
  return targets
}

async function readInput(input: Input): Promise<Uint8Array> {
  if (input.kind === 'stdin') {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }
  try {
    return await readFile(input.path)
  } catch (error) {
    throw new ZhtidyError('unreadable-input', `${input.display}: cannot read (${describeFsError(error)})`)
  }
}

async function detectAll(paths: string[], text = false): Promise<number> {
  const inputs = await expandInputs(paths)
  await loadEngine()
  for (const input of inputs) {
    const bytes = await readInput(input)
    const result = engine().detect(bytes)
    await writeStdout(text ? explainText(input.display, result) : JSON.stringify({ path: input.display, ...result }) + '\n')
  }
  return EXIT_OK
}

/** `zhtidy detect --text`: the choice, its basis, then one line per candidate. */
function explainText(path: string, result: ReturnType<ReturnType<typeof engine>['detect']>): string {
  const lines = [`${path}: ${result.encoding} (confidence ${result.confidence}; ${result.basis}), script ${result.script.label}`]
  for (const c of result.candidates) {
    const chosen = c.encoding === result.encoding ? ' (chosen)' : ''
    lines.push(c.ruledOutAt === undefined ? `  ${c.encoding}: score ${c.score}${chosen}` : `  ${c.encoding}: ruled out at byte ${c.ruledOutAt}, score ${c.score}${chosen}`)
  }
  const mojibake = Object.entries(result.mojibake)
  if (mojibake.length > 0) lines.push(`  mojibake: ${mojibake.map(([rule, n]) => `${rule} ${n}`).join(', ')}`)
  return lines.join('\n') + '\n'
}

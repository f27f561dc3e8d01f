import { Command, CommanderError, Option } from 'commander'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { ZhtidyError, checkChoice } from '../errors.js'
import { checkStepNames, type StepOptions } from '../preset.js'
import { detect, processorFor, tidy, type TidyOptions } from '../tidy.js'
import { SCRIPTS, STEP_NAMES, type Script } from '../types.js'
import { loadConfig, type CliConfig } from './config.js'
import { describeFsError, expandInputs, type Input } from './inputs.js'
import { replaceField, scanRecord } from './jsonl.js'
import { SafeWriter, writeStdout } from './outputs.js'
import { openInput, takeShard } from './shard.js'
import { formatCheckLine, formatReport, type DocumentReport, type ReportFormat } from './report.js'

export const EXIT_OK = 0
export const EXIT_CHANGES = 1
export const EXIT_USAGE = 2

const ON_ERROR = ['fail', 'skip', 'keep'] as const
type OnError = (typeof ON_ERROR)[number]

interface Settings {
  tidy: TidyOptions
  out?: string
  inPlace: boolean
  jsonl: boolean
  field: string
  check: boolean
  report?: ReportFormat
  onError: OnError
}

interface Totals {
  documents: number
  changed: number
  skippedRecords: number
}

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
    .description('print one JSON line per input: {"path","encoding","confidence","script":{…}}')
    .argument('[path...]', 'files or directories; stdin when none or -')
    .action(async (paths: string[]) => {
      exitCode = await detectAll(paths)
    })
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
    .option('--jsonl', 'input is JSON Lines: clean one string field per record, keep every other field and the order')
    .option('--field <name>', 'the field --jsonl cleans (default: text)')
    .option('--on-error <mode>', 'JSON Lines records that are bad: fail (exit 2), skip (drop, counted), keep (pass through)')
    .option('--only <steps>', `comma-separated steps to run (${STEP_NAMES.join(', ')})`)
    .option('--skip <steps>', 'comma-separated steps not to run')
    .addOption(new Option('--script <script>', `target script: ${SCRIPTS.join(', ')} (default zh-Hans)`))
    .option('--check', 'write nothing; exit 1 when any input would change, listing what would change')
    .option('--report <format>', 'the change report on stderr: text or json (one object per document)')
    .option('--shard <i/N|slurm>', 'clean only share i of N (0-based) of the inputs: by file, or by line-aligned byte block of one JSON Lines file; slurm reads the array task')
    .option('--config <file>', 'read defaults from this JSON file instead of searching for .zhtidyrc.json / package.json')
    .showHelpAfterError('(run zhtidy --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
}

async function resolveSettings(opts: Record<string, unknown>): Promise<Settings> {
  const { config } = await loadConfig(process.cwd(), opts.config as string | undefined)
  const pick = <K extends keyof CliConfig>(cli: unknown, key: K): unknown => (cli !== undefined ? cli : config[key])
  const list = (value: unknown, option: string) => (value === undefined ? undefined : checkStepNames(splitList(value), option))
  const scriptValue = pick(opts.script, 'script')
  const script = scriptValue === undefined ? undefined : checkChoice<Script>('--script', 'script', scriptValue, SCRIPTS)
  const reportValue = pick(opts.report, 'report')
  const report = reportValue === undefined ? undefined : checkChoice<ReportFormat>('--report', 'report', reportValue, ['text', 'json'])
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
  if (opts.out !== undefined && opts.inPlace) throw new ZhtidyError('invalid-option', '-o/--out and -i/--in-place cannot be used together')
  const settings: Settings = {
    tidy: tidyOptions,
    inPlace: Boolean(opts.inPlace),
    jsonl: Boolean(pick(opts.jsonl, 'jsonl')),
    field,
    check: Boolean(opts.check),
    onError,
  }
  if (opts.out !== undefined) settings.out = String(opts.out)
  if (report) settings.report = report
  // Building the processor runs every attacher, which validates each step's options.
  processorFor(tidyOptions)
  return settings
}

function splitList(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',')
  return items.map((s) => s.trim()).filter(Boolean)
}

async function clean(paths: string[], opts: Record<string, unknown>): Promise<number> {
  const settings = await resolveSettings(opts)
  const inputs = await takeShard(await expandInputs(paths), opts.shard, settings)
  if (settings.inPlace && inputs.some((input) => input.kind === 'stdin')) {
    throw new ZhtidyError('invalid-option', '-i/--in-place needs file paths, not stdin')
  }
  if (settings.out !== undefined) refuseOutputInsideInputs(settings.out, paths)
  const totals: Totals = { documents: 0, changed: 0, skippedRecords: 0 }
  for (const input of inputs) {
    if (settings.jsonl) await cleanJsonl(input, settings, totals)
    else await cleanText(input, settings, totals)
  }
  if (settings.check) {
    process.stderr.write(`zhtidy --check: ${totals.changed} of ${totals.documents} ${settings.jsonl ? 'records' : 'documents'} would change\n`)
    return totals.changed > 0 ? EXIT_CHANGES : EXIT_OK
  }
  if (totals.skippedRecords > 0) process.stderr.write(`zhtidy: skipped ${totals.skippedRecords} bad records (--on-error skip)\n`)
  return EXIT_OK
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

function targetPath(input: Input, settings: Settings): string | undefined {
  if (settings.check || input.kind === 'stdin') return undefined
  if (settings.inPlace) return input.path
  if (settings.out !== undefined) return path.join(settings.out, input.relative)
  return undefined
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

async function cleanText(input: Input, settings: Settings, totals: Totals): Promise<void> {
  const bytes = await readInput(input)
  const result = tidy(bytes, { ...settings.tidy, messages: settings.report !== undefined })
  const out = Buffer.from(result.text, 'utf8')
  const changed = Buffer.compare(out, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) !== 0
  const report: DocumentReport = { path: input.display, encoding: result.encoding, changed, stats: result.stats, messages: result.messages }
  totals.documents++
  if (changed) totals.changed++
  emitReport(report, settings)
  if (settings.check) return
  const target = targetPath(input, settings)
  if (target === undefined) return writeStdout(result.text)
  if (settings.inPlace && !changed) return
  const writer = await SafeWriter.create(target)
  try {
    await writer.write(result.text)
    await writer.commit()
  } catch (error) {
    await writer.abort()
    throw new ZhtidyError('unreadable-input', `${target}: cannot write (${describeFsError(error)})`, { cause: error })
  }
}

function emitReport(report: DocumentReport, settings: Settings): void {
  if (settings.check && report.changed) process.stderr.write(formatCheckLine(report))
  if (settings.report) process.stderr.write(formatReport(report, settings.report))
}

async function cleanJsonl(input: Input, settings: Settings, totals: Totals): Promise<void> {
  const stream: Readable = input.kind === 'stdin' ? process.stdin : openInput(input)
  const readError = new Promise<never>((_, reject) =>
    stream.once('error', (error) => reject(new ZhtidyError('unreadable-input', `${input.display}: cannot read (${describeFsError(error)})`))),
  )
  readError.catch(() => {})
  const target = targetPath(input, settings)
  const writer = target === undefined ? undefined : await SafeWriter.create(target)
  const write = async (text: string) => {
    if (settings.check) return
    if (writer) await writer.write(text)
    else await writeStdout(text)
  }
  let lineNumber = 0
  try {
    const lines = createInterface({ input: stream, crlfDelay: Infinity })
    const iterate = async () => {
      for await (const raw of lines) {
        lineNumber++
        const line = lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
        if (line.trim() === '') {
          await write(raw + '\n')
          continue
        }
        const scan = scanRecord(line, settings.field)
        if (!scan.ok) {
          const where = `${input.display}:${lineNumber}`
          if (settings.onError === 'fail') throw new ZhtidyError('invalid-record', `${where}: ${scan.detail}`)
          if (settings.onError === 'skip') totals.skippedRecords++
          else await write(raw + '\n')
          process.stderr.write(`zhtidy: ${where}: ${scan.detail} (${settings.onError === 'skip' ? 'skipped' : 'kept as it was'})\n`)
          continue
        }
        const result = tidy(scan.value, { ...settings.tidy, messages: settings.report !== undefined })
        const changed = result.text !== scan.value
        totals.documents++
        if (changed) totals.changed++
        emitReport({ path: input.display, record: lineNumber, encoding: 'utf-8', changed, stats: result.stats, messages: result.messages }, settings)
        await write((changed ? replaceField(line, scan, result.text) : line) + '\n')
      }
    }
    await Promise.race([iterate(), readError])
    if (writer) await writer.commit()
  } catch (error) {
    if (writer) await writer.abort()
    throw error
  }
}

async function detectAll(paths: string[]): Promise<number> {
  const inputs = await expandInputs(paths)
  for (const input of inputs) {
    const bytes = await readInput(input)
    const result = detect(bytes)
    await writeStdout(JSON.stringify({ path: input.kind === 'stdin' ? '-' : input.display, ...result }) + '\n')
  }
  return EXIT_OK
}

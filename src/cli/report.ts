import { createWriteStream, type WriteStream } from 'node:fs'
import type { DocumentReport } from '../stream/types.js'
import type { TidyMessage } from '../types.js'

export type { DocumentReport }

export const REPORT_FORMATS = ['text', 'json', 'vfile-json', 'github', 'sarif'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** Which messages a report shows: all of them, warnings and errors (`--quiet`), or errors only (`--silent`). */
export type ReportLevel = 'all' | 'quiet' | 'silent'

const RANK = { info: 0, warning: 1, error: 2 } as const
const LEAST = { all: 0, quiet: 1, silent: 2 } as const

/** Where a report goes: stderr, or a file (`--report-file`). */
export interface ReportTarget {
  write(text: string): void
  close(): Promise<void>
}

export function stderrTarget(): ReportTarget {
  return { write: (text) => void process.stderr.write(text), close: async () => {} }
}

export function fileTarget(file: string): ReportTarget {
  const stream: WriteStream = createWriteStream(file)
  let failed: Error | undefined
  stream.on('error', (error) => (failed ??= error))
  return {
    write: (text) => void stream.write(text),
    close: () =>
      new Promise((resolve, reject) => {
        stream.end(() => (failed ? reject(failed) : resolve()))
        stream.once('error', reject)
      }),
  }
}

/**
 * Formats each document's report as it comes (in input order) and ends with what the format ends with: a summary
 * for text, the whole log for SARIF. Messages below the level are left out, and so is a document left with none
 * (json keeps every document: a record of what was cleaned is its purpose).
 */
export class Reporter {
  private messages = 0
  private warnings = 0
  private errors = 0
  private sarifResults: unknown[] = []
  private constructor(
    private readonly format: ReportFormat,
    private readonly level: ReportLevel,
    private readonly target: ReportTarget,
    private readonly textReporter: ((file: unknown) => string) | undefined,
    private readonly makeFile: ((report: DocumentReport, messages: TidyMessage[]) => unknown) | undefined,
  ) {}

  static async create(format: ReportFormat, level: ReportLevel, target: ReportTarget, color: boolean): Promise<Reporter> {
    let textReporter: ((file: unknown) => string) | undefined
    let makeFile: ((report: DocumentReport, messages: TidyMessage[]) => unknown) | undefined
    if (format === 'text' || format === 'vfile-json') {
      const [{ VFile }, { VFileMessage }] = await Promise.all([import('vfile'), import('vfile-message')])
      makeFile = (report, messages) => {
        const where = documentName(report)
        const file = new VFile({ path: report.encoding === 'utf-8' || format !== 'text' ? where : `${where} (decoded from ${report.encoding})` })
        // A message is an Error: without this each would capture a stack nobody reads.
        const limit = Error.stackTraceLimit
        Error.stackTraceLimit = 0
        try {
          for (const m of messages) {
            const message = new VFileMessage(m.reason, {
              place: m.line === undefined ? undefined : { line: m.line, column: m.column ?? 1 },
              ruleId: m.ruleId,
              source: m.source,
            })
            message.file = file.path
            message.fatal = m.severity === 'error' ? true : m.severity === 'warning' ? false : undefined
            if (m.actual !== undefined) message.actual = m.actual
            if (m.expected !== undefined) message.expected = m.expected
            if (m.note !== undefined) message.note = m.note
            file.messages.push(message)
          }
        } finally {
          Error.stackTraceLimit = limit
        }
        return file
      }
    }
    if (format === 'text') {
      const { reporter } = await import('vfile-reporter')
      textReporter = (file) => reporter([file as never], { color })
    } else if (format === 'vfile-json') {
      const { reporterJson } = await import('vfile-reporter-json')
      textReporter = (file) => reporterJson([file as never])
    }
    return new Reporter(format, level, target, textReporter, makeFile)
  }

  document(report: DocumentReport): void {
    const least = LEAST[this.level]
    const messages = least === 0 ? report.messages : report.messages.filter((m) => RANK[m.severity] >= least)
    for (const m of messages) {
      this.messages++
      if (m.severity === 'warning') this.warnings++
      else if (m.severity === 'error') this.errors++
    }
    switch (this.format) {
      case 'json':
        this.target.write(JSON.stringify(least === 0 ? report : { ...report, messages }) + '\n')
        return
      case 'github':
        for (const m of messages) this.target.write(githubLine(report, m))
        return
      case 'sarif':
        for (const m of messages) this.sarifResults.push(sarifResult(report, m))
        return
      default: {
        if (messages.length === 0) return
        const file = this.makeFile!(report, messages)
        const out = this.textReporter!(file)
        if (this.format === 'vfile-json') {
          // One file per line (JSON Lines), not one array at the end: the report streams with the run.
          this.target.write(out.slice(1, -1) + '\n')
          return
        }
        // vfile-reporter ends each call with a summary; the run's one summary comes at the end instead.
        const cut = out.lastIndexOf('\n\n')
        this.target.write((cut >= 0 ? out.slice(0, cut) : out) + '\n')
      }
    }
  }

  /** Writes what comes after the last document and closes the target. */
  async end(version: string): Promise<void> {
    if (this.format === 'text' && this.messages > 0) {
      const parts: string[] = []
      if (this.errors) parts.push(`✖ ${this.errors} error${this.errors === 1 ? '' : 's'}`)
      if (this.warnings) parts.push(`⚠ ${this.warnings} warning${this.warnings === 1 ? '' : 's'}`)
      this.target.write(`\n${this.messages} message${this.messages === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''}\n`)
    }
    if (this.format === 'sarif') this.target.write(JSON.stringify(sarifLog(this.sarifResults, version), null, 2) + '\n')
    await this.target.close()
  }
}

/** A GitHub Actions workflow command: an annotation on the file and line (notice, warning or error). */
function githubLine(report: DocumentReport, m: TidyMessage): string {
  const command = m.severity === 'info' ? 'notice' : m.severity
  const props = [`file=${escapeProperty(report.path)}`]
  const line = lineOf(report, m)
  if (line !== undefined) props.push(`line=${line}`)
  if (report.record === undefined && m.column !== undefined) props.push(`col=${m.column}`)
  props.push(`title=${escapeProperty(`zhtidy ${m.ruleId}`)}`)
  return `::${command} ${props.join(',')}::${escapeData(m.reason)}\n`
}

/** The line in the file: a JSON Lines record's line, else the message's own. */
function lineOf(report: DocumentReport, m: TidyMessage): number | undefined {
  return report.record ?? m.line
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

const SARIF_LEVEL = { info: 'note', warning: 'warning', error: 'error' } as const

function sarifResult(report: DocumentReport, m: TidyMessage): unknown {
  const region: Record<string, number> = {}
  const line = lineOf(report, m)
  if (line !== undefined) region.startLine = line
  if (report.record === undefined && m.column !== undefined) region.startColumn = m.column
  const result: Record<string, unknown> = {
    ruleId: m.ruleId,
    level: SARIF_LEVEL[m.severity],
    message: { text: m.reason },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(report.path) }, ...(line !== undefined ? { region } : {}) } }],
  }
  if (m.expected !== undefined && m.actual !== undefined && report.record === undefined && line !== undefined) {
    result.fixes = [
      {
        description: { text: `replace with ${JSON.stringify(m.expected[0] ?? '')}` },
        artifactChanges: [
          {
            artifactLocation: { uri: encodeURI(report.path) },
            replacements: [{ deletedRegion: { ...region, charLength: m.actual.length }, insertedContent: { text: m.expected[0] ?? '' } }],
          },
        ],
      },
    ]
  }
  return result
}

/** One SARIF 2.1.0 log: one run of zhtidy, its rules named by id (the README describes each). */
function sarifLog(results: unknown[], version: string): unknown {
  const ruleIds = [...new Set(results.map((r) => (r as { ruleId: string }).ruleId))].sort()
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'zhtidy',
            version,
            informationUri: 'https://www.npmjs.com/package/zhtidy',
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: id } })),
          },
        },
        results,
      },
    ],
  }
}

/** A document as messages name it: the file, and for a JSON Lines or WARC record its line (`dump.jsonl:12`). */
function documentName(report: DocumentReport): string {
  return report.record === undefined ? report.path : `${report.path}:${report.record}`
}

/** The one-line summary --check prints for a document that would change. */
export function formatCheckLine(report: DocumentReport): string {
  const counts = Object.entries(report.stats)
    .sort((a, b) => b[1] - a[1])
    .map(([rule, n]) => `${rule} ×${n}`)
    .join(', ')
  return `${documentName(report)}: would change${counts ? ` (${counts})` : ' (re-encoded as UTF-8)'}\n`
}

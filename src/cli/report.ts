import type { DocumentReport } from '../stream/types.js'

export type { DocumentReport }

export type ReportFormat = 'text' | 'json'

export function formatReport(report: DocumentReport, format: ReportFormat): string {
  if (format === 'json') return JSON.stringify(report) + '\n'
  if (report.messages.length === 0) return ''
  const where = report.record === undefined ? report.path : `${report.path}:${report.record}`
  let out = `${where}${report.encoding === 'utf-8' ? '' : ` (decoded from ${report.encoding})`}\n`
  for (const m of report.messages) {
    const place = m.line === undefined ? '' : `${m.line}:${m.column ?? 1}`
    out += `  ${place.padEnd(9)} ${m.severity.padEnd(7)} ${m.reason}  ${m.ruleId}\n`
  }
  return out
}

/** The one-line summary --check prints for a document that would change. */
export function formatCheckLine(report: DocumentReport): string {
  const counts = Object.entries(report.stats)
    .sort((a, b) => b[1] - a[1])
    .map(([rule, n]) => `${rule} ×${n}`)
    .join(', ')
  const where = report.record === undefined ? report.path : `${report.path}:${report.record}`
  return `${where}: would change${counts ? ` (${counts})` : ' (re-encoded as UTF-8)'}\n`
}

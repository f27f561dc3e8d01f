import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { deferredReport, runScannedRules, type ChangeRecord } from '../../tree/edit.js'
import type { LineNode, Root } from '../../types.js'
import { resolveUnicodeOptions, type UnicodeOptions } from './options.js'
import { scanUnicode, unicodeScannedRules } from './rules.js'

/** The `unicode` step: compatibility characters, invisible characters, spaces and line breaks. */
export const zhtidyUnicode: Plugin<[UnicodeOptions?], Root> = function (options) {
  const settings = resolveUnicodeOptions(options)
  const rules = unicodeScannedRules(settings)
  return (tree: Root, file: VFile) => {
    // Twice over a line a later rule changed: an odd space made plain can leave letter-spacing (`國 國\u3000國`),
    // which a second run would take.
    runScannedRules(tree, file, scanUnicode, rules, undefined, 2)
    if (settings.spaces) normalizeLineBreaks(tree, file)
  }
}

// Every CRLF file reports one per line: kept as the line until read, each of the two kinds with its reason made once.
const lineBreak = (eol: string) => {
  const reason = `Unexpected line break \`${eol === '\r' ? '\\r' : '\\r\\n'}\`, expected \`\\n\``
  return deferredReport('unicode/line-break', true, (node: LineNode): ChangeRecord => {
    const end = node.position.end
    return {
      ruleId: 'unicode/line-break',
      reason,
      confident: true,
      line: end.line,
      column: end.column,
      offset: end.offset,
      endLine: end.line,
      endColumn: end.column,
      endOffset: (end.offset ?? 0) + eol.length,
      actual: eol,
      expected: '\n',
      note: undefined,
    }
  })
}
const CRLF = lineBreak('\r\n')
const CR = lineBreak('\r')

function normalizeLineBreaks(tree: Root, file: VFile): void {
  for (const node of tree.children) {
    if (node.eol !== '\r\n' && node.eol !== '\r') continue
    ;(node.eol === '\r' ? CR : CRLF)(file, node)
    node.eol = '\n'
  }
}

export type { UnicodeOptions } from './options.js'

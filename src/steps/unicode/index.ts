import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { reportChange, runScannedRules } from '../../tree/edit.js'
import type { Root } from '../../types.js'
import { resolveUnicodeOptions, type UnicodeOptions } from './options.js'
import { scanUnicode, unicodeScannedRules } from './rules.js'

/** The `unicode` step: compatibility characters, invisible characters, spaces and line breaks. */
export const zhtidyUnicode: Plugin<[UnicodeOptions?], Root> = function (options) {
  const settings = resolveUnicodeOptions(options)
  const rules = unicodeScannedRules(settings)
  return (tree: Root, file: VFile) => {
    runScannedRules(tree, file, scanUnicode, rules)
    if (settings.spaces) normalizeLineBreaks(tree, file)
  }
}

// Every CRLF file reports one per line: the two possible reasons are made once.
const CRLF_REASON = 'Unexpected line break `\\r\\n`, expected `\\n`'
const CR_REASON = 'Unexpected line break `\\r`, expected `\\n`'

function normalizeLineBreaks(tree: Root, file: VFile): void {
  for (const node of tree.children) {
    if (node.eol !== '\r\n' && node.eol !== '\r') continue
    reportChange(file, {
      ruleId: 'unicode/line-break',
      reason: node.eol === '\r' ? CR_REASON : CRLF_REASON,
      confident: true,
      place: { start: node.position.end, end: { ...node.position.end, offset: (node.position.end.offset ?? 0) + node.eol.length } },
      actual: node.eol,
      expected: '\n',
    })
    node.eol = '\n'
  }
}

export type { UnicodeOptions } from './options.js'

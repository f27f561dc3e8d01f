import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { reportChange, runLineRules } from '../../tree/edit.js'
import type { Root } from '../../types.js'
import { resolveUnicodeOptions, type UnicodeOptions } from './options.js'
import { unicodeRules } from './rules.js'

/** The `unicode` step: compatibility characters, invisible characters, spaces and line breaks. */
export const zhtidyUnicode: Plugin<[UnicodeOptions?], Root> = function (options) {
  const settings = resolveUnicodeOptions(options)
  const rules = unicodeRules(settings)
  return (tree: Root, file: VFile) => {
    runLineRules(tree, file, rules)
    if (settings.spaces) normalizeLineBreaks(tree, file)
  }
}

function normalizeLineBreaks(tree: Root, file: VFile): void {
  for (const node of tree.children) {
    if (node.eol !== '\r\n' && node.eol !== '\r') continue
    reportChange(file, {
      ruleId: 'unicode/line-break',
      reason: `Unexpected line break \`${JSON.stringify(node.eol).slice(1, -1)}\`, expected \`\\n\``,
      confident: true,
      place: { start: node.position.end, end: { ...node.position.end, offset: (node.position.end.offset ?? 0) + node.eol.length } },
      actual: node.eol,
      expected: '\n',
    })
    node.eol = '\n'
  }
}

export type { UnicodeOptions } from './options.js'

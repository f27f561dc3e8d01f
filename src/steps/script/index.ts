import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { applyEdits } from '../../tree/edit.js'
import type { Root } from '../../types.js'
import { converters, countScripts, type ConvertTarget, type ScriptCounts } from './convert.js'
import { resolveScriptOptions, type ScriptOptions } from './options.js'
import { lineEdits } from './rules.js'

/**
 * The `script` step: one consistent script, converted phrase by phrase with OpenCC's dictionaries (src/convert/).
 * Mixed text is normalised to simplified before it is converted to a traditional target, so that characters
 * already traditional are neither converted twice nor broken out of their phrases. `keep` converts each
 * document to its dominant script and leaves its traditional-only characters as they are.
 */
export const zhtidyScript: Plugin<[ScriptOptions?], Root> = function (options) {
  const settings = resolveScriptOptions(options)
  const conv = converters()
  return (tree: Root, file: VFile) => {
    const lines = tree.children
    const counts: (ScriptCounts | undefined)[] = []
    let target: ConvertTarget
    let keepTraditional = false
    let simplified = 0
    let traditional = 0
    lines.forEach((node, index) => {
      if (node.data?.removed) return
      const c = countScripts(node.value)
      counts[index] = c
      if (c.kana > 0) return
      simplified += c.simplified
      traditional += c.traditional
    })
    const traditionalDocument = traditional > simplified
    if (settings.script === 'keep') {
      keepTraditional = traditionalDocument
      // The minority converts to the traditional forms the document already writes (為, not OpenCC's 爲).
      target = keepTraditional ? conv.traditionalForms(lines.map((node) => node.value).join('\n')) : 'zh-Hans'
    } else target = settings.script
    lines.forEach((node, index) => {
      if (node.data?.removed || node.value.length === 0) return
      const edits = lineEdits(node.value, target, counts[index], { keepTraditional, traditionalDocument })
      if (edits.length > 0) applyEdits(file, node, edits)
    })
  }
}

export type { ScriptOptions } from './options.js'

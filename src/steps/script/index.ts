import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { applyEdits } from '../../tree/edit.js'
import type { Root } from '../../types.js'
import { converters, Scan, scanLineUnits, unitsFor, type ConvertTarget, type LineScan } from './convert.js'
import { resolveScriptOptions, type ScriptOptions } from './options.js'
import { convertibleBits, convertLine, isTraditionalText, toEdits } from './rules.js'

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
    // One pass over each line: its counts and which converters could change it. Most lines of a document
    // already in the target script hold nothing any converter changes, and nothing more is done with them.
    // Per line, in scratch arrays kept between documents (a record of a dump is short: four arrays made for each
    // cost more than its scan); each entry is written before it is read, and a removed line's is never read.
    const { simplifiedOf, traditionalOf, bitsOf, startOf } = lineTables(lines.length)
    // The code units of every line, back to back: read once here, then by the converters and the comparison.
    let size = 0
    for (const node of lines) size += node.value.length
    const units = unitsFor(size)
    const scan: LineScan = { simplified: 0, traditional: 0, bits: 0 }
    let simplified = 0
    let traditional = 0
    let start = 0
    for (let index = 0; index < lines.length; index++) {
      const node = lines[index]!
      if (node.data?.removed) continue
      startOf[index] = start
      scanLineUnits(node.value, units, start, scan)
      start += node.value.length
      simplifiedOf[index] = scan.simplified
      traditionalOf[index] = scan.traditional
      bitsOf[index] = scan.bits
      if (scan.bits & Scan.Kana) continue
      simplified += scan.simplified
      traditional += scan.traditional
    }
    const traditionalDocument = traditional > simplified
    let target: ConvertTarget
    let keepTraditional = false
    if (settings.script === 'keep') {
      keepTraditional = traditionalDocument
      // The minority converts to the traditional forms the document already writes (為, not OpenCC's 爲).
      target = keepTraditional ? conv.traditionalForms(lines.map((node) => node.value).join('\n')) : 'zh-Hans'
    } else target = settings.script
    const options = { keepTraditional, traditionalDocument }
    const counts = { simplified: 0, traditional: 0 }
    for (let index = 0; index < lines.length; index++) {
      const node = lines[index]!
      const bits = bitsOf[index]!
      if (node.data?.removed || node.value.length === 0 || bits & (Scan.Kana | Scan.KanaUncounted)) continue
      counts.simplified = simplifiedOf[index]!
      counts.traditional = traditionalOf[index]!
      const traditionalText = isTraditionalText(counts.simplified, counts.traditional, traditionalDocument)
      if ((bits & convertibleBits(target, traditionalText)) === 0) continue
      const edits = convertLine(node.value, units, startOf[index]!, bits, target, counts, traditionalText, options)
      if (edits.length > 0) applyEdits(file, node, toEdits(edits))
    }
  }
}

interface LineTables {
  simplifiedOf: Int32Array
  traditionalOf: Int32Array
  bitsOf: Uint16Array
  startOf: Int32Array
}

let tables: LineTables | undefined

/** Scratch per-line arrays for at least `count` lines, grown as needed. */
function lineTables(count: number): LineTables {
  if (tables === undefined || tables.bitsOf.length < count) {
    const size = Math.max(count, 2 * (tables?.bitsOf.length ?? 128))
    tables = { simplifiedOf: new Int32Array(size), traditionalOf: new Int32Array(size), bitsOf: new Uint16Array(size), startOf: new Int32Array(size) }
  }
  return tables
}

export type { ScriptOptions } from './options.js'

import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { runLineRules, type LineRule } from '../../tree/edit.js'
import type { Edit, Root } from '../../types.js'
import { codecs } from './codecs.js'
import { resolveEncodingOptions, type EncodingOptions } from './options.js'
import { repairText, type Reading, type RepairedStretch } from './repair.js'

/**
 * The `encoding` step: text that was decoded with the wrong encoding, repaired stretch by stretch. Each repair
 * is one message whose rule id names the misreading (`encoding/utf8-as-gbk`; `encoding/layered` when more than
 * one was undone) and whose note is the plan: the chain of encode/decode moves that turns the input back.
 */
export const zhtidyEncoding: Plugin<[EncodingOptions?], Root> = function (options) {
  const settings = resolveEncodingOptions(options)
  const rule = encodingRule(settings.readings)
  return (tree: Root, file: VFile) => {
    runLineRules(tree, file, [rule])
  }
}

function title(name: string): string {
  return codecs()[name]!.title
}

/** `encode windows-1252 → decode UTF-8`: one move of a plan. */
function move(reading: Reading): string {
  const wrong = reading.wrong === 'latin' ? 'windows-1252' : reading.wrong
  return `encode as ${title(reading.wrong) === title('latin') ? wrong : title(reading.wrong)}, decode as ${title(reading.right)}`
}

function describe(reading: Reading): string {
  const right = title(reading.right)
  const wrong = reading.wrong === 'latin' ? 'windows-1252/Latin-1' : title(reading.wrong)
  return `${right} read as ${wrong}`
}

export function encodingRule(readings: readonly Reading[]): LineRule {
  return (line) => {
    const { stretches } = repairText(line, readings)
    return stretches.map((stretch) => toEdit(stretch))
  }
}

function toEdit(stretch: RepairedStretch): Edit {
  const layered = stretch.chain.length > 1
  const ruleId = layered ? 'encoding/layered' : `encoding/${stretch.chain[0]!.rule}`
  // The chain is outermost first: undo the last misreading first.
  const steps = [...stretch.chain].reverse()
  const what = layered ? steps.map(describe).join(', then ') : describe(stretch.chain[0]!)
  const lost = stretch.lost > 0 ? `; ${stretch.lost} character${stretch.lost > 1 ? 's' : ''} lost before the misreading left as U+FFFD` : ''
  return {
    start: stretch.start,
    end: stretch.end,
    replacement: stretch.after,
    ruleId,
    reason: `Unexpected \`${stretch.before}\`, expected \`${stretch.after}\` (${what}${lost})`,
    confident: true,
    note: `plan: ${steps.map(move).join('; ')}`,
  }
}

export type { EncodingOptions } from './options.js'

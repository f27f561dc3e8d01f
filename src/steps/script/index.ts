import * as OpenCC from 'opencc-js'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { runLineRules, type LineRule } from '../../tree/edit.js'
import type { Root } from '../../types.js'
import { resolveScriptOptions, type ScriptOptions } from './options.js'

/** The `script` step: one consistent script, converted phrase by phrase with OpenCC's tables. */
export const zhtidyScript: Plugin<[ScriptOptions?], Root> = function (options) {
  const settings = resolveScriptOptions(options)
  if (settings.script === 'keep') return () => {}
  const convert = OpenCC.Converter(settings.script === 'zh-Hans' ? { from: 't', to: 'cn' } : settings.script === 'zh-TW' ? { from: 'cn', to: 'twp' } : settings.script === 'zh-HK' ? { from: 'cn', to: 'hk' } : { from: 'cn', to: 't' })
  const rule: LineRule = (line) => {
    const converted = convert(line)
    if (converted === line) return []
    return [{ start: 0, end: line.length, replacement: converted, ruleId: 'script/convert', reason: `Expected ${settings.script}`, confident: true }]
  }
  return (tree: Root, file: VFile) => runLineRules(tree, file, [rule])
}

export type { ScriptOptions } from './options.js'

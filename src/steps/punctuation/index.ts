import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { runScannedRules } from '../../tree/edit.js'
import type { Root } from '../../types.js'
import { resolvePunctuationOptions, type PunctuationOptions } from './options.js'
import { PUNCTUATION_GATE, punctuationScannedRules, scanPunctuation } from './rules.js'

/** The `punctuation` step (last): ASCII marks in Chinese context to the full-width marks of the target's convention. */
export const zhtidyPunctuation: Plugin<[PunctuationOptions?], Root> = function (options) {
  const rules = punctuationScannedRules(resolvePunctuationOptions(options))
  return (tree: Root, file: VFile) => {
    runScannedRules(tree, file, scanPunctuation, rules, PUNCTUATION_GATE)
  }
}

export type { PunctuationOptions } from './options.js'

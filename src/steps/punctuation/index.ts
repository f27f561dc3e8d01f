import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { runLineRules } from '../../tree/edit.js'
import type { Root } from '../../types.js'
import { resolvePunctuationOptions, type PunctuationOptions } from './options.js'
import { forgetScannedLine, punctuationRules } from './rules.js'

/** The `punctuation` step (last): ASCII marks in Chinese context to the full-width marks of the target's convention. */
export const zhtidyPunctuation: Plugin<[PunctuationOptions?], Root> = function (options) {
  const rules = punctuationRules(resolvePunctuationOptions(options))
  return (tree: Root, file: VFile) => {
    try {
      runLineRules(tree, file, rules)
    } finally {
      forgetScannedLine()
    }
  }
}

export type { PunctuationOptions } from './options.js'

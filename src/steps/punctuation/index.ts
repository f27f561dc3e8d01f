import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { runScannedRules } from '../../tree/edit.js'
import type { Root } from '../../types.js'
import { resolvePunctuationOptions, type PunctuationOptions } from './options.js'
import { straightQuotePairs } from './pairs.js'
import { punctuationGate, punctuationScannedRules, scanPunctuation, straightQuoteMarks } from './rules.js'

/** The `punctuation` step (last): ASCII marks in Chinese context to the full-width marks of the target's convention. */
export const zhtidyPunctuation: Plugin<[PunctuationOptions?], Root> = function (options) {
  const settings = resolvePunctuationOptions(options)
  const rules = punctuationScannedRules(settings)
  const quotes = straightQuoteMarks(settings)
  const gate = punctuationGate(settings)
  return (tree: Root, file: VFile) => {
    // First, over the lines of each paragraph: a quotation may run over a line break.
    if (quotes) straightQuotePairs(tree, file, quotes[0], quotes[1])
    runScannedRules(tree, file, scanPunctuation, rules, gate, 3)
    // A parenthesis or mark the rules made can make a quotation Chinese (`" user mapping(用户影射)"`): once more.
    if (quotes && straightQuotePairs(tree, file, quotes[0], quotes[1]) > 0) runScannedRules(tree, file, scanPunctuation, rules, gate, 3)
  }
}

export type { PunctuationOptions } from './options.js'

// Runs line rules over a text as the steps do, with change records: what the tests that hold a rule written by
// char codes to a reference written with expressions compare (test/spine/punctuation-*.test.ts).
import { VFile } from 'vfile'
import { changeRecords, logChanges, runLineRules, type LineRule } from '../../src/tree/edit.js'
import { parseText } from '../../src/tree/parse.js'
import { stringifyRoot } from '../../src/tree/stringify.js'

export function runRules(text: string, rules: LineRule[]) {
  const tree = parseText(text)
  const file = new VFile({ value: text })
  logChanges(file, 'records')
  runLineRules(tree, file, rules)
  return { text: stringifyRoot(tree), records: changeRecords(file) }
}

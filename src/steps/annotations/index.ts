import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { runLineRules, type LineRule } from '../../tree/edit.js'
import type { Root } from '../../types.js'

export interface AnnotationsOptions {}

const GLUED = /(?<=[\u4e00-\u9fff])\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*) ?\)/g

/** The `annotations` step: pinyin glued onto characters by converter sites. */
export const zhtidyAnnotations: Plugin<[AnnotationsOptions?], Root> = function () {
  const rule: LineRule = (line) =>
    [...line.matchAll(GLUED)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      replacement: '',
      ruleId: 'annotations/glued-pinyin',
      reason: `Unexpected glued pinyin \`${m[0]}\`, expected nothing`,
      confident: true,
    }))
  return (tree: Root, file: VFile) => runLineRules(tree, file, [rule])
}

import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { runLineRules, type LineRule } from '../../tree/edit.js'
import type { Root } from '../../types.js'
import { documentStats, slipRule, type DocumentStats } from './slips.js'

export interface AnnotationsOptions {}

const GLUED = /(?<=[\u4e00-\u9fff])\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*) ?\)/g

const gluedPinyin: LineRule = (line) =>
  [...line.matchAll(GLUED)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    replacement: '',
    ruleId: 'annotations/glued-pinyin',
    reason: `Unexpected glued pinyin \`${m[0]}\`, expected nothing`,
    confident: true,
  }))

/**
 * The `annotations` step: the traces of converter sites. Byte slips are repaired first (they hold stray pinyin
 * of their own), then the pinyin glued onto characters is removed.
 */
export const zhtidyAnnotations: Plugin<[AnnotationsOptions?], Root> = function () {
  return (tree: Root, file: VFile) => {
    let stats: DocumentStats | undefined
    const getStats = () => (stats ??= documentStats(tree.children.map((node) => node.value)))
    runLineRules(tree, file, [slipRule(getStats), gluedPinyin])
  }
}

import type { Plugin } from 'unified'
import { checkKnownKeys } from '../../errors.js'
import type { VFile } from 'vfile'
import { runLineRules } from '../../tree/edit.js'
import type { Root } from '../../types.js'
import { gluedPinyinRule, judgeDocument, type GluedVerdict } from './glued.js'
import { documentStats, slipRule, type DocumentStats } from './slips.js'

export interface AnnotationsOptions {}

/**
 * The `annotations` step: the traces of converter sites. Byte slips are repaired first (they hold stray pinyin
 * of their own), then the pinyin glued onto characters is removed.
 */
export const zhtidyAnnotations: Plugin<[AnnotationsOptions?], Root> = function (options) {
  checkKnownKeys('annotations', options ?? {}, [])
  return (tree: Root, file: VFile) => {
    let stats: DocumentStats | undefined
    const getStats = () => (stats ??= documentStats(tree.children.map((node) => node.value)))
    let verdict: GluedVerdict | undefined
    const getVerdict = () => (verdict ??= judgeDocument(tree))
    runLineRules(tree, file, [slipRule(getStats), gluedPinyinRule(getVerdict)])
    stats?.release()
  }
}

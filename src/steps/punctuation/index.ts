import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import type { Root } from '../../types.js'

export interface PunctuationOptions {}

export const zhtidyPunctuation: Plugin<[PunctuationOptions?], Root> = function () {
  return (_tree: Root, _file: VFile) => {}
}

import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import type { Root } from '../../types.js'

export interface EncodingOptions {}

/** The `encoding` step: text that was decoded with the wrong encoding, repaired. */
export const zhtidyEncoding: Plugin<[EncodingOptions?], Root> = function () {
  return (_tree: Root, _file: VFile) => {}
}

import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import type { Root } from '../../types.js'

export interface BoilerplateOptions {}

export const zhtidyBoilerplate: Plugin<[BoilerplateOptions?], Root> = function () {
  return (_tree: Root, _file: VFile) => {}
}

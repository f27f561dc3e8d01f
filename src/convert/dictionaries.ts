import { OPENCC_DICTS, type OpenccDictName } from '../data/opencc-dicts.js'
import { entriesOf } from './index.js'

/**
 * The entries of one of OpenCC's dictionaries, `[key, value]`, in the order OpenCC lists them: for tests and
 * generators (the converter reads the compiled groups of src/data/opencc-groups.ts, never these).
 */
export function dictionaryPairs(name: OpenccDictName): [string, string][] {
  return entriesOf(OPENCC_DICTS[name])
}

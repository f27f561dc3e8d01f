import * as OpenCC from 'opencc-js'
import { isHanCode } from '../../chars.js'
import type { ScriptReport } from '../../types.js'

let toSimplified: ((text: string) => string) | undefined
let toTraditional: ((text: string) => string) | undefined

/** Counts the characters used only in one script and labels the text. */
export function scriptReport(text: string): ScriptReport {
  toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' })
  toTraditional ??= OpenCC.Converter({ from: 'cn', to: 't' })
  let han = 0
  let simplified = 0
  let traditional = 0
  for (const char of text) {
    if (!isHanCode(char.codePointAt(0)!)) continue
    han++
    if (toSimplified(char) !== char) traditional++
    else if (toTraditional(char) !== char) simplified++
  }
  const label = han === 0 ? 'none' : simplified > 0 && traditional > 0 && Math.min(simplified, traditional) / (simplified + traditional) > 0.02 ? 'mixed' : traditional > simplified ? 'zh-Hant' : 'zh-Hans'
  return { label, simplified, traditional, han, machineConverted: traditional > 0 && simplified > 0 }
}

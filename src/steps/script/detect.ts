import type { ParagraphScript, ScriptLabel, ScriptReport } from '../../types.js'
import { countScripts, type ScriptCounts } from './convert.js'
import { lineChanges } from './rules.js'

/** Below this share of the minority script (among the characters that tell the scripts apart) a text has one script. */
export const MIXED_SHARE = 0.1

/** `書(shū)`: a Han character with its reading glued on, the other trace mirror sites leave. */
const GLUED_PINYIN = /[\u3400-\u9fff]\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7} ?\)/g

/** The label of a text from its counts of simplified-only and traditional-only characters. */
export function scriptLabel(counts: Pick<ScriptCounts, 'simplified' | 'traditional' | 'han'>): ScriptLabel {
  const { simplified, traditional, han } = counts
  if (han === 0) return 'none'
  const telling = simplified + traditional
  // No character tells the scripts apart (中文, 日本): written the same in both; call it the default script.
  if (telling === 0) return 'zh-Hans'
  const minority = Math.min(simplified, traditional)
  if (minority >= 2 && minority / telling >= MIXED_SHARE) return 'mixed'
  return traditional > simplified ? 'zh-Hant' : 'zh-Hans'
}

/**
 * Counts the characters used only in one script, labels the text and each paragraph (line), and looks for the
 * signs of an imperfect machine conversion: characters of the other script left in (`并`, `复` in traditional
 * text), characters written in both scripts left in their simplified sense (`災后`, `示范區`), traditional
 * characters a phrase-blind converter chose wrongly (`復雜` for `複雜`), glued pinyin. Lines with kana are
 * Japanese: they are labelled but not counted in the document's totals.
 */
export function scriptReport(text: string): ScriptReport {
  const total: ScriptCounts = { simplified: 0, traditional: 0, shared: 0, han: 0, kana: 0 }
  const paragraphs: ParagraphScript[] = []
  const lines = text.split(/\r\n|\r|\n/)
  const perLine: ScriptCounts[] = []
  for (const line of lines) {
    const counts = countScripts(line)
    perLine.push(counts)
    if (counts.kana > 0) continue
    total.simplified += counts.simplified
    total.traditional += counts.traditional
    total.shared += counts.shared
    total.han += counts.han
  }
  const label = scriptLabel(total)
  const dominant = total.traditional > total.simplified ? 'traditional' : 'simplified'
  let ambiguous = 0
  let misconverted = 0
  let minority = 0
  lines.forEach((line, index) => {
    const counts = perLine[index]!
    if (counts.han === 0) return
    const japanese = counts.kana > 0
    paragraphs.push({
      line: index + 1,
      label: japanese ? 'none' : scriptLabel(counts),
      simplified: counts.simplified,
      traditional: counts.traditional,
      han: counts.han,
      ...(japanese ? { japanese: true } : {}),
    })
    if (japanese) return
    minority += dominant === 'traditional' ? counts.simplified : counts.traditional
    if (dominant !== 'traditional') return
    // What the step would do to this line for zh-Hant: its finer rule ids are the signs.
    for (const change of lineChanges(line, 'zh-Hant', counts)) {
      if (change.ruleId === 'script/ambiguous-char') ambiguous += change.chars
      else if (change.ruleId === 'script/misconverted') misconverted += change.chars
    }
  })
  const pinyin = (text.match(GLUED_PINYIN) ?? []).length
  const machineConverted =
    pinyin >= 3 || (dominant === 'traditional' && total.traditional >= 10 && (minority >= 1 || ambiguous >= 2 || misconverted >= 2))
  return {
    label,
    simplified: total.simplified,
    traditional: total.traditional,
    han: total.han,
    machineConverted,
    signs: { minority, ambiguous, misconverted, pinyin },
    paragraphs,
  }
}

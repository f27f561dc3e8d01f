import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { checkChoice, checkKnownKeys, ZhtidyError } from '../../errors.js'
import { removeLine } from '../../tree/edit.js'
import type { LineNode, Root } from '../../types.js'
import { removeRepeated, resolveRepeated, type RepeatedOptions } from '../../corpus/repeated.js'
import { buildMatchers } from './lines.js'
import { findBoilerplate } from './page.js'
import { BOILERPLATE_RULE_IDS, type BoilerplateRuleId } from './rules.js'

export { buildMatchers, describeLine, type LineInfo, type LineKind, type Matchers } from './lines.js'
export { findBoilerplate } from './page.js'

export interface BoilerplateOptions {
  /** 'remove' (default) deletes boilerplate lines; 'mark' only reports them (warnings) and keeps the text. */
  mode?: 'remove' | 'mark'
  /** Rule ids to switch off, e.g. ['boilerplate/contact']. */
  disable?: BoilerplateRuleId[]
  /** 'keep' (default) leaves bylines and datelines (`（记者杨文）`, `作者：…`, `发布时间：…`); 'remove' removes them. */
  bylines?: 'keep' | 'remove'
  /** Corpus mode: lines that a table of the dump counts in many documents go too (`boilerplate/repeated`). */
  repeated?: RepeatedOptions
}

/** The `boilerplate` step: page furniture (disclaimers, menus, link lists, widgets, footers …) removed or marked. */
export const zhtidyBoilerplate: Plugin<[BoilerplateOptions?], Root> = function (options) {
  const given = options ?? {}
  checkKnownKeys('boilerplate', given, ['mode', 'disable', 'bylines', 'repeated'])
  const mode = given.mode === undefined ? 'remove' : checkChoice('boilerplate', 'mode', given.mode, ['remove', 'mark'])
  const bylines = given.bylines === undefined ? 'keep' : checkChoice('boilerplate', 'bylines', given.bylines, ['keep', 'remove'])
  if (given.disable !== undefined && !Array.isArray(given.disable)) {
    throw new ZhtidyError('invalid-option', `boilerplate: option \`disable\` must be an array of rule ids (rules: ${BOILERPLATE_RULE_IDS.join(', ')}), got ${JSON.stringify(given.disable)}`)
  }
  const disabled = new Set<string>(given.disable ?? [])
  for (const id of disabled) {
    if (!(BOILERPLATE_RULE_IDS as readonly string[]).includes(id)) {
      throw new ZhtidyError('invalid-option', `boilerplate: option \`disable\`: unknown rule \`${id}\` (rules: ${BOILERPLATE_RULE_IDS.join(', ')})`)
    }
  }
  const matchers = buildMatchers()
  const repeated = given.repeated === undefined ? undefined : resolveRepeated(given.repeated)

  return (tree: Root, file: VFile) => {
    const lines = tree.children.filter((node) => !node.data?.removed)
    const verdicts = findBoilerplate(
      lines.map((node) => node.value),
      matchers,
      { bylines },
    )
    const taken = new Set<number>()
    for (const [index, ruleId] of verdicts) {
      if (disabled.has(ruleId)) continue
      taken.add(index)
      remove(file, lines[index]!, ruleId, mode === 'remove')
    }
    if (repeated) removeRepeated(file, lines, taken, repeated, mode === 'remove')
  }
}

const REASONS: Record<BoilerplateRuleId, string> = {
  'boilerplate/disclaimer': 'disclaimer or reprint notice',
  'boilerplate/copyright': 'copyright or licence line',
  'boilerplate/contact': 'line of contact details',
  'boilerplate/navigation': 'navigation (menu, crumb, previous/next link, pagination)',
  'boilerplate/link-list': 'list of links at the edge of the article',
  'boilerplate/dated-teasers': 'related-article teasers with dates',
  'boilerplate/tail-junk': 'page furniture after the end of the article',
  'boilerplate/widget': 'widget text (ticker, counters, buttons, dashes)',
  'boilerplate/tags': 'tag line',
  'boilerplate/forum': 'forum furniture',
  'boilerplate/image': 'image caption or file name',
  'boilerplate/injected': 'injected keyword line',
  'boilerplate/byline': 'byline or dateline',
}

function remove(file: VFile, node: LineNode, ruleId: BoilerplateRuleId, confident: boolean): void {
  removeLine(file, node, ruleId, `Unexpected ${REASONS[ruleId]}, expected nothing`, confident)
}

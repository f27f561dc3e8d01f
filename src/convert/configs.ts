import type { OpenccDictName } from '../data/opencc-dicts.js'

/**
 * The OpenCC configurations zhtidy converts with. `tw-hk2s` is traditional text in any regional form to simplified:
 * the Hong Kong and Taiwan variants undone first, then OpenCC's t2s. Read by the converter and by
 * scripts/gen-opencc.mjs, which compiles each group of dictionaries named here into src/data/opencc-groups.ts.
 */
export type OpenccConfig = 's2t' | 's2tw' | 's2twp' | 's2hk' | 't2s' | 'tw2s' | 'hk2s' | 't2tw' | 't2hk' | 'tw2t' | 'hk2t' | 'tw-hk2s'

export interface ConfigSpec {
  /** CJK compatibility ideographs to their unified forms first, as OpenCC's configurations do. */
  normalize: boolean
  /** Dictionaries that cut the text into segments first; each group then converts each segment on its own. */
  segmentation?: OpenccDictName[]
  /** Groups applied one after another; within a group the longest key wins, and the first dictionary on a tie. */
  chain: OpenccDictName[][]
}

const ST: OpenccDictName[] = ['STPhrases', 'STPhrases_GeneratedFromRegionalPhrases', 'STCharacters']
const TS: OpenccDictName[] = ['TSPhrases', 'TSCharacters']

/** OpenCC's own configurations (data/config/*.json), as opencc-js names them. */
export const CONFIGS: Record<OpenccConfig, ConfigSpec> = {
  s2t: { normalize: true, chain: [ST] },
  s2tw: { normalize: true, segmentation: ST.slice(0, 2), chain: [ST, ['TWVariantsPhrases', 'TWVariants']] },
  s2twp: { normalize: true, segmentation: ST.slice(0, 2), chain: [ST, ['TWPhrases', 'TWVariantsPhrases', 'TWVariants']] },
  s2hk: { normalize: true, segmentation: ST.slice(0, 2), chain: [ST, ['HKVariantsPhrases', 'HKVariants']] },
  t2s: { normalize: true, chain: [TS] },
  tw2s: { normalize: true, segmentation: ['TSPhrases'], chain: [['TWVariantsRevPhrases', 'TWVariantsRev'], TS] },
  hk2s: { normalize: true, segmentation: ['TSPhrases'], chain: [['HKVariantsRevPhrases', 'HKVariantsRev'], TS] },
  t2tw: { normalize: true, chain: [['TWVariantsPhrases', 'TWVariants']] },
  t2hk: { normalize: true, chain: [['HKVariantsPhrases', 'HKVariants']] },
  tw2t: { normalize: true, chain: [['TWVariantsRevPhrases', 'TWVariantsRev']] },
  hk2t: { normalize: true, chain: [['HKVariantsRevPhrases', 'HKVariantsRev']] },
  'tw-hk2s': { normalize: false, chain: [['HKVariantsRevPhrases', 'TWVariantsRevPhrases', 'HKVariantsRev', 'TWVariantsRev'], TS] },
}

/** The dictionaries that CJK compatibility ideographs are normalised with. */
export const NORMALIZE: OpenccDictName[] = ['CJK_Compatibility_Ideographs']

/** Every group of dictionaries a configuration uses, each once, by its key (`groupKey`). */
export function allGroups(): OpenccDictName[][] {
  const seen = new Map<string, OpenccDictName[]>()
  for (const spec of Object.values(CONFIGS)) {
    for (const names of [...(spec.normalize ? [NORMALIZE] : []), ...(spec.segmentation ? [spec.segmentation] : []), ...spec.chain]) seen.set(groupKey(names), names)
  }
  return [...seen.values()]
}

export const groupKey = (names: readonly OpenccDictName[]): string => names.join('+')

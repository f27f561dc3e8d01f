import type { OpenccConfig } from '../../src/convert/index.js'

/** The opencc-js locales (`Converter({ from, to })`) that give each OpenCC configuration zhtidy's converter has. */
export const OPENCC_JS_LOCALES: Record<Exclude<OpenccConfig, 'tw-hk2s'>, { from: string; to: string }> = {
  s2t: { from: 'cn', to: 't' },
  s2tw: { from: 'cn', to: 'tw' },
  s2twp: { from: 'cn', to: 'twp' },
  s2hk: { from: 'cn', to: 'hk' },
  t2s: { from: 't', to: 'cn' },
  tw2s: { from: 'tw', to: 'cn' },
  hk2s: { from: 'hk', to: 'cn' },
  t2tw: { from: 't', to: 'tw' },
  t2hk: { from: 't', to: 'hk' },
  tw2t: { from: 'tw', to: 't' },
  hk2t: { from: 'hk', to: 't' },
}

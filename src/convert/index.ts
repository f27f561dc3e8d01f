import * as OpenCC from 'opencc-js'

/**
 * The OpenCC configurations zhtidy converts with. `tw-hk2s` is traditional text in any regional form to simplified:
 * the Hong Kong and Taiwan variants undone first, then OpenCC's t2s.
 */
export type OpenccConfig = 's2t' | 's2tw' | 's2twp' | 's2hk' | 't2s' | 'tw2s' | 'hk2s' | 't2tw' | 't2hk' | 'tw2t' | 'hk2t' | 'tw-hk2s'

/** A converter: a plain `(text) => text`. */
export type Convert = (text: string) => string

const built = new Map<OpenccConfig, Convert>()

/** The converter for a configuration, built once per process on first use and shared by every step. */
export function converter(config: OpenccConfig): Convert {
  let convert = built.get(config)
  if (!convert) {
    convert = build(config)
    built.set(config, convert)
  }
  return convert
}

function build(config: OpenccConfig): Convert {
  switch (config) {
    case 's2t': return OpenCC.Converter({ from: 'cn', to: 't' })
    case 's2tw': return OpenCC.Converter({ from: 'cn', to: 'tw' })
    case 's2twp': return OpenCC.Converter({ from: 'cn', to: 'twp' })
    case 's2hk': return OpenCC.Converter({ from: 'cn', to: 'hk' })
    case 't2s': return OpenCC.Converter({ from: 't', to: 'cn' })
    case 'tw2s': return OpenCC.Converter({ from: 'tw', to: 'cn' })
    case 'hk2s': return OpenCC.Converter({ from: 'hk', to: 'cn' })
    case 't2tw': return OpenCC.Converter({ from: 't', to: 'tw' })
    case 't2hk': return OpenCC.Converter({ from: 't', to: 'hk' })
    case 'tw2t': return OpenCC.Converter({ from: 'tw', to: 't' })
    case 'hk2t': return OpenCC.Converter({ from: 'hk', to: 't' })
    case 'tw-hk2s': {
      const configs = (OpenCC.Locale as unknown as { configs: Record<string, { conversionChain: string[][] }> }).configs
      const [twRevPhrases, twRev] = configs.tw2s!.conversionChain[0]!
      const [hkRevPhrases, hkRev] = configs.hk2s!.conversionChain[0]!
      return OpenCC.ConverterFactory([[hkRevPhrases!, twRevPhrases!, hkRev!, twRev!]] as never, configs.t2s!.conversionChain[0]! as never) as Convert
    }
  }
}

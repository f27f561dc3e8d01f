import { lilconfig, type Loader } from 'lilconfig'
import { readFile } from 'node:fs/promises'
import { ZhtidyError } from '../errors.js'
import type { StepOptions } from '../preset.js'

/** What a config file may set: defaults for the command-line options. Data only: no code is ever loaded. */
export interface CliConfig {
  script?: string
  only?: string[] | string
  skip?: string[] | string
  steps?: StepOptions
  report?: 'text' | 'json'
  jsonl?: boolean
  field?: string
  onError?: 'fail' | 'skip' | 'keep'
}

const KNOWN = ['script', 'only', 'skip', 'steps', 'report', 'jsonl', 'field', 'onError']

const jsonLoader: Loader = async (filepath, content) => {
  try {
    return JSON.parse(content)
  } catch (error) {
    throw new ZhtidyError('invalid-option', `${filepath}: not valid JSON (${(error as Error).message})`)
  }
}

/** Finds `.zhtidyrc.json` or a `zhtidy` key in package.json, from `cwd` upwards; `explicit` names a file directly. */
export async function loadConfig(cwd: string, explicit?: string): Promise<{ config: CliConfig; path?: string }> {
  let found: { config: unknown; filepath: string } | null
  if (explicit) {
    let content: string
    try {
      content = await readFile(explicit, 'utf8')
    } catch (error) {
      throw new ZhtidyError('unreadable-input', `${explicit}: cannot read config file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
    }
    found = { config: await jsonLoader(explicit, content), filepath: explicit }
  } else {
    const explorer = lilconfig('zhtidy', {
      searchPlaces: ['.zhtidyrc.json', 'package.json'],
      loaders: { '.json': jsonLoader, noExt: jsonLoader },
    })
    found = await explorer.search(cwd)
  }
  if (!found || found.config == null) return { config: {} }
  const config = found.config
  if (typeof config !== 'object' || Array.isArray(config)) {
    throw new ZhtidyError('invalid-option', `${found.filepath}: the zhtidy config must be a JSON object`)
  }
  for (const key of Object.keys(config)) {
    if (!KNOWN.includes(key)) throw new ZhtidyError('invalid-option', `${found.filepath}: unknown config key \`${key}\` (known: ${KNOWN.join(', ')})`)
  }
  return { config: config as CliConfig, path: found.filepath }
}

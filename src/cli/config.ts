import type * as Lilconfig from 'lilconfig'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ZhtidyError } from '../errors.js'
import type { StepOptions } from '../preset.js'
import { requireCommonJs } from './require.js'

const { lilconfig } = requireCommonJs('lilconfig') as typeof Lilconfig
type Loader = Lilconfig.Loader

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

/**
 * Where the upward search for a config file stops (inclusive): the root of the repository `cwd` is in (a directory
 * holding `.git`), or the home directory, whichever comes first. Outside both, only `cwd` itself is searched, so
 * that a stray `/tmp/.zhtidyrc.json` does not apply to every run under /tmp.
 */
export function configStopDir(cwd: string, home = os.homedir()): string {
  const start = path.resolve(cwd)
  const homeDir = path.resolve(home)
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (dir === homeDir || existsSync(path.join(dir, '.git'))) return dir
    if (path.dirname(dir) === dir) return start
  }
}

/**
 * Finds `.zhtidyrc.json` or a `zhtidy` key in package.json, from `cwd` upwards to the repository root or the home
 * directory (see configStopDir); `explicit` names a file directly.
 */
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
      stopDir: configStopDir(cwd),
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

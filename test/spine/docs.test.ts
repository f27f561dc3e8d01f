import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : []
  })
}

/** Every literal rule id in the source: `'step/what'`. */
function ruleIdsInSource(): Set<string> {
  const ids = new Set<string>()
  for (const file of sourceFiles(path.join(root, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/['`]((?:decode|encoding|unicode|annotations|script|boilerplate|punctuation)\/[a-z0-9-]+)['`]/g)) ids.add(m[1]!)
  }
  return ids
}

describe('documentation', () => {
  it('the README names every rule id the code can emit', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const ids = ruleIdsInSource()
    expect(ids.size).toBeGreaterThan(20)
    const missing = [...ids].filter((id) => !readme.includes(id))
    expect(missing).toEqual([])
  })

  it('rule ids are unique per meaning: step/what in lower case', () => {
    for (const id of ruleIdsInSource()) expect(id).toMatch(/^[a-z]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/)
  })

  it('the README command-line section names every option the command line takes', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const section = readme.split('## Command line')[1]!.split('\n## ')[0]!
    const source = readFileSync(path.join(root, 'src/cli/run.ts'), 'utf8')
    const options = [...source.matchAll(/(?:\.option|new Option)\('(?:-\w, )?(--[a-z-]+)/g)].map((m) => m[1]!)
    expect(options.length).toBeGreaterThan(15)
    const missing = options.filter((o) => !section.includes(o.replace(/^--no-/, '--')))
    expect(missing).toEqual([])
  })

  it('the quick start has exactly two commands, one running zhtidy on a corpus sample, one the tests', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const block = readme.split('## Quick start')[1]!.split('```sh')[1]!.split('```')[0]!
    const commands = block.trim().split('\n')
    expect(commands).toHaveLength(2)
    const sample = commands[0]!.match(/zhtidy (corpus-samples\/\S+\.txt)/)?.[1]
    expect(sample).toBeDefined()
    expect(statSync(path.join(root, sample!)).isFile()).toBe(true)
    expect(commands[1]).toBe('npm test')
    expect(readFileSync(path.join(root, '.ci/run'), 'utf8')).toMatch(/npm ci\s*\nnpm test/)
  })
})

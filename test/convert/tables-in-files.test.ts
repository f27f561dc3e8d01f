// The Node builds keep the large strings of the generated tables out of their JavaScript (tsup.config.ts,
// src/tables.ts): each is a file under dist/data, read on first use. Checked on the built tree (npm test builds it).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as charLm from '../../src/data/char-lm.js'
import { OPENCC_TABLES } from '../../src/data/opencc-groups.js'

const dist = path.resolve(import.meta.dirname, '../../dist')
const LARGE = 16384

describe.skipIf(!existsSync(path.join(dist, 'index.js')))('the Node build', () => {
  const inline = [...OPENCC_TABLES.flatMap((t) => [t.units(), t.buckets()]), charLm.LM_UNIGRAMS(), charLm.LM_ROWS(), charLm.LM_PAIRS(), charLm.LM_LEVELS()].filter((s) => s.length > LARGE)

  it('holds no large table string in its JavaScript', () => {
    const scripts = readdirSync(dist).filter((n) => /\.(?:js|cjs)$/.test(n))
    expect(scripts.length).toBeGreaterThan(3)
    for (const name of scripts) {
      const code = readFileSync(path.join(dist, name), 'latin1')
      expect(/"[A-Za-z0-9+/=]{16384,}"/.test(code), name).toBe(false)
      for (const table of inline) expect(code.includes(table.slice(0, 2000)), `${name} holds a table`).toBe(false)
    }
  })

  it('has each of them in a file of its own under dist/data, ASCII, as the source has it', () => {
    const files = readdirSync(path.join(dist, 'data')).filter((n) => n.endsWith('.txt'))
    const contents = files.map((n) => readFileSync(path.join(dist, 'data', n), 'latin1'))
    for (const text of contents) expect(/^[\x20-\x7e]*$/.test(text)).toBe(true)
    expect(new Set(contents)).toEqual(new Set(inline))
  })
})

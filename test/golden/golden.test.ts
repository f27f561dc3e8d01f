import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'

const dir = path.resolve(__dirname, '../../corpus-samples')
const samples = readdirSync(dir).filter((name) => /^\d{3}-.+\.txt$/.test(name) && !name.endsWith('.expected.txt'))

describe('golden corpus: the default preset over every sample', () => {
  it('has samples, each with an expected output', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5)
    for (const name of samples) expect(readdirSync(dir)).toContain(name.replace(/\.txt$/, '.expected.txt'))
  })

  for (const name of samples) {
    it(name, () => {
      const input = readFileSync(path.join(dir, name))
      const expected = readFileSync(path.join(dir, name.replace(/\.txt$/, '.expected.txt')), 'utf8')
      const { text, messages } = tidy(input)
      // A failure names the first line that differs and shows the place, not two whole pages.
      expect(firstDifference(text, expected), name).toBeUndefined()
      expect(text).toBe(expected)
      // Every change is reported with a rule id and its before and after.
      expect(messages.length).toBeGreaterThan(0)
      for (const message of messages) {
        expect(message.ruleId).toMatch(/^[a-z]+\/[a-z0-9-]+$/)
        expect(message.actual).toBeTypeOf('string')
        expect(message.expected).toBeInstanceOf(Array)
      }
    })
  }
})

function firstDifference(got: string, want: string): string | undefined {
  const a = got.split('\n')
  const b = want.split('\n')
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '<no line>'
    const y = b[i] ?? '<no line>'
    if (x === y) continue
    let k = 0
    while (k < x.length && x[k] === y[k]) k++
    return `line ${i + 1}, column ${k + 1}: got …${x.slice(Math.max(0, k - 10), k + 20)}… expected …${y.slice(Math.max(0, k - 10), k + 20)}…`
  }
  return undefined
}

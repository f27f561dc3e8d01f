import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tidy, type StepName, type TidyOptions } from '../../src/index.js'

export interface Case {
  in: string
  out?: string
  source?: string
  comment?: string
  /** A known failure's diagnosis: why the step gets it wrong (for a byte slip: why its bytes cannot tell). */
  diagnosis?: string
  options?: TidyOptions
  rules?: string[]
}

const KINDS = ['in-the-wild', 'synthetic', 'negative', 'known-failures'] as const

export function loadCases(step: string, kind: (typeof KINDS)[number]): Case[] {
  const file = path.resolve(__dirname, '../cases', step, `${kind}.json`)
  if (!existsSync(file)) return []
  return JSON.parse(readFileSync(file, 'utf8')) as Case[]
}

/** Runs every case file of a step: passing kinds must pass, known failures must still fail. */
export function runCaseTables(step: StepName, run: (c: Case) => string = (c) => tidy(c.in, { only: [step], ...c.options }).text): void {
  describe(`${step} case tables`, () => {
    for (const kind of KINDS) {
      const cases = loadCases(step, kind)
      if (cases.length === 0) continue
      describe(kind, () => {
        cases.forEach((c, index) => {
          const title = `${index}: ${c.diagnosis ?? c.comment ?? c.in.slice(0, 40)}`
          if (kind === 'in-the-wild') it(`${title} names its source`, () => expect(c.source).toBeTruthy())
          const expected = c.out ?? c.in
          if (kind === 'known-failures') {
            it(`${title} (known failure)`, () => expect(run(c)).not.toBe(expected))
            return
          }
          it(title, () => {
            expect(run(c)).toBe(expected)
            if (c.rules) {
              const ids = tidy(c.in, { only: [step], ...c.options }).messages.map((m) => m.ruleId)
              for (const rule of c.rules) expect(ids).toContain(rule)
            }
          })
        })
      })
    }
  })
}

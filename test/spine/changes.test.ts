import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
import { applyEdits, originalOffset, originalOffsets } from '../../src/tree/edit.js'
import { parseText } from '../../src/tree/parse.js'
import type { AppliedEdit, Edit, LineNode } from '../../src/types.js'


const samples = path.resolve(__dirname, '../../corpus-samples')
const seeds = readdirSync(samples).filter((name) => /^00[0-4].*(?<!\.expected)\.txt$/.test(name))

describe('counts-only mode', () => {
  it('finds the seed pages', () => expect(seeds.length).toBe(5))

  it.each(seeds)('gives the same text and counts as messages mode on %s, and only the problems as messages', (name) => {
    const input = readFileSync(path.join(samples, name))
    const full = tidy(input)
    const counted = tidy(input, { messages: false })
    expect(counted.text).toBe(full.text)
    expect(counted.stats).toEqual(full.stats)
    expect(Object.keys(full.stats).length).toBeGreaterThan(0)
    // Every applied change is an info message in messages mode, and is counted.
    const infos: Record<string, number> = {}
    for (const m of full.messages) if (m.severity === 'info') infos[m.ruleId] = (infos[m.ruleId] ?? 0) + 1
    expect(infos).toEqual(full.stats)
    expect(counted.messages).toEqual(full.messages.filter((m) => m.severity !== 'info'))
  })
})

/** The mapping as it was first written: each position through every batch on its own (slow, but plainly right). */
function referenceOffset(shifts: readonly AppliedEdit[][], offset: number): number {
  let position = offset
  for (let b = shifts.length - 1; b >= 0; b--) {
    let delta = 0
    let mapped: number | undefined
    for (const edit of shifts[b]!) {
      const newStart = edit.start + delta
      if (position < newStart) break
      if (position < newStart + edit.length) {
        mapped = edit.start
        break
      }
      delta += edit.length - (edit.end - edit.start)
    }
    position = mapped ?? position - delta
  }
  return position
}

const edit = (start: number, end: number, replacement: string, ruleId = 'test/edit'): Edit => ({
  start,
  end,
  replacement,
  ruleId,
  reason: 'Unexpected test, expected test',
  confident: true,
})

describe('place mapping', () => {
  it('maps any positions through any batches as mapping each alone does', () => {
    const part = fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 3 }), fc.string({ maxLength: 3 }))
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.array(fc.array(part, { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat({ max: 60 }), { maxLength: 12 }),
        (text, batches, positions) => {
          const node = parseText(text.replace(/[\r\n]/g, 'x')).children[0]!
          const file = new VFile()
          for (const parts of batches) {
            // Non-overlapping edits inside the line as it is now.
            const length = node.value.length
            const edits: Edit[] = []
            let last = 0
            for (const [at, remove, replacement] of [...parts].sort((x, y) => x[0] - y[0])) {
              const start = Math.min(length, at)
              if (start < last) continue
              const end = Math.min(length, start + remove)
              edits.push(edit(start, end, replacement))
              last = end + 1
            }
            applyEdits(file, node, edits)
          }
          const inText = positions.map((p) => Math.min(p, node.value.length))
          const shifts = node.data?.shifts ?? []
          expect(originalOffsets(node, inText)).toEqual(inText.map((p) => referenceOffset(shifts, p)))
        },
      ),
      { numRuns: 500 },
    )
  })

  it('keeps the columns of a 1 MB line edited by two steps', () => {
    const unit = '中\u200b文,'
    const count = 250_000
    const text = unit.repeat(count)
    const { text: out, messages } = tidy(text, { only: ['unicode', 'punctuation'] })
    expect(out).toBe('中文，'.repeat(count))
    const commas = messages.filter((m) => m.ruleId === 'punctuation/ascii-comma')
    expect(commas.length).toBe(count)
    // The k-th comma sits at offset 4k + 3 of the input, whatever the first step removed before it.
    for (const k of [0, 1, 2, 1000, count - 1]) expect(commas[k]!.column).toBe(4 * k + 4)
    expect(messages.filter((m) => m.ruleId === 'unicode/invisible')[count - 1]!.column).toBe(4 * (count - 1) + 2)
    // Mapping each position through every batch on its own took minutes here: the timeout is the check.
  }, 60_000)

  it('originalOffset on one position agrees with the batch sweep', () => {
    const node: LineNode = parseText('ab(x)cd,ef').children[0]!
    const file = new VFile()
    applyEdits(file, node, [edit(2, 5, '')])
    applyEdits(file, node, [edit(4, 5, '，')])
    expect([0, 2, 4, 5, 7].map((p) => originalOffset(node, p))).toEqual(originalOffsets(node, [0, 2, 4, 5, 7]))
    expect(originalOffset(node, 4)).toBe(7)
  })
})

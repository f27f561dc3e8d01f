import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseText } from '../../src/tree/parse.js'
import { stringifyRoot } from '../../src/tree/stringify.js'

/*
 * The parser finds line breaks by `indexOf`, keeping the next carriage return and line feed until the lines pass
 * them. Held here to a parser by regular expression: the same lines, breaks and places on any mix of breaks.
 */
function referenceLines(text: string) {
  const out: { value: string; eol: string; start: number; end: number; line: number }[] = []
  const pattern = /([^\r\n]*)(\r\n|\r|\n|$)/gy
  let line = 1
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push({ value: m[1]!, eol: m[2]!, start: m.index, end: m.index + m[1]!.length, line: line++ })
    if (m[2] === '') break
  }
  // A text ending with a break has no empty line after it (but the empty text is one empty line).
  if (out.length > 1 && out[out.length - 1]!.value === '' && out[out.length - 1]!.eol === '') out.pop()
  return out
}

describe('the parser', () => {
  it('finds the lines a regular expression finds, on any mix of line breaks', () => {
    const text = fc.array(fc.constantFrom('\r', '\n', '\r\n', 'a', '中', ''), { maxLength: 40 }).map((parts) => parts.join(''))
    fc.assert(fc.property(text, (t) => {
      const tree = parseText(t)
      const got = tree.children.map((n) => ({ value: n.value, eol: n.eol, start: n.position.start.offset, end: n.position.end.offset, line: n.position.start.line }))
      expect(got).toEqual(referenceLines(t))
      expect(stringifyRoot(tree)).toBe(t)
    }), { numRuns: 5000 })
  })
})

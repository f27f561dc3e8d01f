// A line longer than LONG_LINE is read by the encoding step in pieces that end after a full stop; each piece must
// come out as it would as a line of its own, so that one long line costs what its sentences on separate lines cost
// (300 K characters of classical prose on one line took 9.4 s and 513 MB in this step, and grew faster than that).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { tidy } from '../../src/index.js'
import { LONG_LINE, PIECE, pieceEnd } from '../../src/steps/encoding/index.js'

// The seed pages' hand-checked outputs: real simplified prose (corpus-samples/, see its README).
const seeds = path.resolve(__dirname, '../../corpus-samples')
const prose = readdirSync(seeds)
  .filter((name) => name.endsWith('.expected.txt'))
  .map((name) => readFileSync(path.join(seeds, name), 'utf8'))
  .join('\n')

const sentences = prose.split(/(?<=[。！？])/u).map((s) => s.replace(/\s+/gu, '')).filter((s) => /\p{Script=Han}/u.test(s) && s.length > 4)
/** '' when equal, else both texts around their first difference (the texts are too long to print whole). */
function difference(a: string, b: string): string {
  if (a === b) return ''
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 20), i + 40))} vs ${JSON.stringify(b.slice(Math.max(0, i - 20), i + 40))}`
}

const encode = (s: string) => tidy(s, { only: ['encoding'], messages: false }).text

describe('the encoding step on a long line', () => {
  it('cuts pieces after the first full stop PIECE units on', () => {
    const line = sentences.join('').repeat(Math.ceil((3 * LONG_LINE) / sentences.join('').length))
    let pieces = 0
    for (let start = 0; start < line.length; pieces++) {
      const end = pieceEnd(line, start)
      expect(end).toBeGreaterThan(start)
      if (end < line.length) {
        expect(end - start).toBeGreaterThanOrEqual(PIECE)
        expect('。！？”’」』）》〉】').toContain(line[end - 1])
      }
      start = end
    }
    expect(pieces).toBeGreaterThan(2)
  })

  it('repairs each piece of one long line as it repairs the same pieces on lines of their own', () => {
    expect(sentences.length).toBeGreaterThan(20)
    // Pieces of at least PIECE units ending in a full stop, some of them mojibake of three kinds.
    // Pieces that end where the step cuts them (the first full stop PIECE units on), some of them mojibake of
    // three kinds.
    const pieces: string[] = []
    let k = 0
    while (pieces.length < 12) {
      let piece = ''
      while (piece.length < 2 * PIECE) piece += sentences[k++ % sentences.length]
      const damage = pieces.length % 4
      if (damage === 1) piece = iconv.decode(iconv.encode(piece.slice(0, 40), 'utf8'), 'gbk') + piece.slice(40)
      if (damage === 2) piece = piece.slice(0, 200) + iconv.encode(piece.slice(200, 230), 'gbk').toString('latin1') + piece.slice(230)
      if (damage === 3) piece = piece.slice(0, 300) + iconv.decode(iconv.encode(piece.slice(300, 320), 'utf8'), 'windows-1252') + piece.slice(320)
      pieces.push(piece.slice(0, pieceEnd(piece + '。'.repeat(LONG_LINE), 0)))
    }
    const oneLine = pieces.join('')
    expect(oneLine.length).toBeGreaterThan(LONG_LINE)
    const separate = encode(pieces.join('\n'))
    const joined = encode(oneLine)
    expect(difference(joined, separate.replace(/\n/gu, ''))).toBe('')
    // The damage was there and was repaired.
    expect(joined).not.toBe(oneLine)
  })

  it('cuts after an ASCII `!` too, as in a long line of `中?!`', () => {
    const line = '中?!文?!'.repeat(2000)
    const pieces: string[] = []
    for (let start = 0; start < line.length; ) {
      const end = pieceEnd(line, start)
      expect(line[end - 1]).toBe('!')
      pieces.push(line.slice(start, end))
      start = end
    }
    expect(pieces.length).toBeGreaterThan(5)
    expect(difference(encode(line), encode(pieces.join('\n')).replace(/\n/gu, ''))).toBe('')
  })
})

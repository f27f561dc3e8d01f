/**
 * Where a long document may be cut without changing what the boilerplate step finds: between two consecutive
 * non-blank lines that are both solid sentences (a blank line between them or not). The window cutter of long plain
 * text (src/stream/text.ts) cuts only there when it can, and the boilerplate step judges a document stretch by
 * stretch between such breaks, so that a document cleaned in windows gives what it gives whole.
 */
// Only 。: a short question or exclamation is as often a headline of a link list.
const SOLID_END = /。[”’」』）)]*\s*$/
const DATED = /^\s*\d{4}-\d{2}-\d{2}/
const HAN_MIN = 10

/** Code units `\s` matches. */
const isSpaceCode = (c: number): boolean =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
/** The closing marks of `SOLID_END`: ” ’ 」 』 ） ). */
const isCloserCode = (c: number): boolean => c === 0x201d || c === 0x2019 || c === 0x300d || c === 0x300f || c === 0xff09 || c === 0x29

/**
 * `SOLID_END.test(line.slice(-60))`, read from the line's end by char codes: spaces, then closing marks, then `。`
 * inside the last 60 units. The two classes share no unit, so the runs are each taken whole. (The expression was
 * tried at every unit of the tail, on every line of a page.)
 */
export function endsSolid(line: string): boolean {
  const floor = line.length > 60 ? line.length - 60 : 0
  let k = line.length - 1
  while (k >= floor && isSpaceCode(line.charCodeAt(k))) k--
  while (k >= floor && isCloserCode(line.charCodeAt(k))) k--
  return k >= floor && line.charCodeAt(k) === 0x3002
}

/** `SOLID_END` as it was tried, for the test that holds `endsSolid` to it. */
export const SOLID_END_PATTERN = SOLID_END

/** A line that ends with 。 (maybe closed by quotes or brackets) and holds at least 10 Han characters. */
export function isSolidSentence(line: string): boolean {
  if (line.length < HAN_MIN || !endsSolid(line) || DATED.test(line)) return false
  let han = 0
  for (let i = 0; i < line.length && han < HAN_MIN; i++) {
    const code = line.charCodeAt(i)
    if (code >= 0x4e00 && code <= 0x9fff) han++
  }
  return han >= HAN_MIN
}

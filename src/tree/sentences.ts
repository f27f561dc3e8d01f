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

/** A line that ends with 。 (maybe closed by quotes or brackets) and holds at least 10 Han characters. */
export function isSolidSentence(line: string): boolean {
  if (line.length < HAN_MIN || DATED.test(line) || !SOLID_END.test(line.length > 60 ? line.slice(-60) : line)) return false
  let han = 0
  for (let i = 0; i < line.length && han < HAN_MIN; i++) {
    const code = line.charCodeAt(i)
    if (code >= 0x4e00 && code <= 0x9fff) han++
  }
  return han >= HAN_MIN
}

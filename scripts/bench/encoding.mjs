// The encoding step (mojibake repair) against iconv-lite undoing one known misreading on the same text: the
// naive fix, which must be told the misreading and breaks clean lines, while the step finds it line by line.
// Rows of one group share an input. Run: npm run build && node scripts/bench.mjs --only encoding
import { pathToFileURL } from 'node:url'
import iconv from 'iconv-lite'

export default async function encodingBench(ctx) {
  if (!ctx.text) return []
  const zhtidy = await import(pathToFileURL(ctx.dist).href)
  const time = ctx.time
  const clean = ctx.text
  const gbk = iconv.encode(clean, 'gbk')
  const inputs = [
    ['zuozhuan, clean (1.9 MB)', clean, (t) => iconv.decode(Buffer.from(t, 'latin1'), 'gbk'), 'iconv-lite latin1→gbk (naive fix)'],
    ['zuozhuan, GBK read as Latin-1', gbk.toString('latin1'), (t) => iconv.decode(Buffer.from(t, 'latin1'), 'gbk'), 'iconv-lite latin1→gbk (naive fix)'],
    ['zuozhuan, UTF-8 read as GBK', new TextDecoder('gbk').decode(Buffer.from(clean, 'utf8')), (t) => iconv.encode(t, 'gbk').toString('utf8'), 'iconv-lite gbk→utf-8 (naive fix)'],
  ]
  const rows = []
  for (const [label, input, naive, naiveName] of inputs) {
    const bytes = Buffer.byteLength(input)
    const group = `encoding on ${label}`
    rows.push({ group, name: naiveName, bytes, seconds: time(() => naive(input)), baseline: true })
    rows.push({ group, name: 'zhtidy parse + stringify, no step', bytes, seconds: time(() => zhtidy.tidy(input, { only: [] })), note: 'the frame' })
    rows.push({ group, name: 'zhtidy step encoding alone', bytes, seconds: time(() => zhtidy.tidy(input, { only: ['encoding'] })) })
    rows.push({ group, name: 'zhtidy step encoding, messages: false', bytes, seconds: time(() => zhtidy.tidy(input, { only: ['encoding'], messages: false })) })
  }
  return rows
}

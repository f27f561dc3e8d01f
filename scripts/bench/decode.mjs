// Decoding raw bytes of unknown encoding: zhtidy's parser against chardet and jschardet (each detector's answer
// then decoded by iconv-lite), with iconv-lite told the right encoding as the baseline. Same bytes per group.
// Run: npm run build && node scripts/bench.mjs --only decode
import { pathToFileURL } from 'node:url'
import chardet from 'chardet'
import iconv from 'iconv-lite'

export default async function decodeBench(ctx) {
  if (!ctx.text) return []
  const zhtidy = await import(pathToFileURL(ctx.dist).href)
  let jschardet
  try {
    jschardet = (await import('jschardet')).default
  } catch {
    jschardet = undefined // a dev dependency: absent from a production install
  }
  const time = ctx.time
  const rows = []
  for (const encoding of ['utf-8', 'gb18030', 'big5']) {
    const bytes = iconv.encode(ctx.text, encoding)
    const group = `decode zuozhuan as ${encoding} (${(bytes.length / 1e6).toFixed(1)} MB)`
    rows.push({ group, name: `iconv-lite told ${encoding}`, bytes: bytes.length, seconds: time(() => iconv.decode(bytes, encoding)), baseline: true })
    rows.push({ group, name: 'zhtidy parse + stringify (detects)', bytes: bytes.length, seconds: time(() => zhtidy.tidy(new Uint8Array(bytes), { only: [], messages: false })) })
    rows.push({ group, name: 'chardet.detect + iconv-lite', bytes: bytes.length, seconds: time(() => iconv.decode(bytes, chardet.detect(bytes) ?? 'utf-8')) })
    if (jschardet) {
      rows.push({ group, name: 'jschardet.detect + iconv-lite', bytes: bytes.length, seconds: time(() => iconv.decode(bytes, jschardet.detect(bytes).encoding ?? 'utf-8')) })
    }
  }
  return rows
}

// Writes a JSON Lines dump for measuring corpus mode (README "Corpus mode"): the furniture of the three real sites
// of test/helpers/site-dump.ts around paragraphs of Debian's manpages-zh, 4 a page, each paragraph used once per
// pass (a pass after the first marks it with a Han character, so that the pages stay distinct).
// usage: npx tsx scripts/corpus-dump.ts OUT.jsonl [MB]   (needs ../shared/real-pages and manpages-zh)
import { writeFileSync } from 'node:fs'
import { manpageParagraphs } from '../test/helpers/manpages.js'
import { dumpSkipReason, siteDump } from '../test/helpers/site-dump.js'

const [out, mb = '20'] = process.argv.slice(2)
if (!out) throw new Error('usage: npx tsx scripts/corpus-dump.ts OUT.jsonl [MB]')
const skip = dumpSkipReason()
if (skip) throw new Error(skip)
const sites = siteDump(1)
const paragraphs = [...manpageParagraphs('zh_CN', 8), ...manpageParagraphs('zh_TW', 8)].map((p) => p.text)
const records: string[] = []
let size = 0
let pass = 0
for (let k = 0; size < Number(mb) * 1e6; k++) {
  const site = sites[k % sites.length]!
  const at = (k * 4) % paragraphs.length
  const article = paragraphs.slice(at, at + 4).map((p) => p + (pass ? `（${String.fromCharCode(0x4e00 + pass)}）` : ''))
  const record = JSON.stringify({ id: k, text: [...site.furniture.slice(0, 12), ...article, ...site.furniture.slice(12)].join('\n') })
  records.push(record)
  size += Buffer.byteLength(record) + 1
  if (((k + 1) * 4) % paragraphs.length < 4) pass++
}
writeFileSync(out, records.join('\n') + '\n')
console.log(`${out}: ${records.length} records, ${(size / 1e6).toFixed(1)} MB`)

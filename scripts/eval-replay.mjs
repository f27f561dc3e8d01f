#!/usr/bin/env node
// Prints the per-kind table of the byte-slip repair on the replay set of test/helpers/replay-set.ts (real text of
// four domains damaged by replaying the mirror program on GBK bytes): for each slip kind × decoder, the paragraphs
// with broken pairs, how many the annotations step restores exactly, and how many opencc-js plus a regex that
// strips glued pinyin "restores" (by leaving the damage where it does no harm to the comparison); then the clean
// paragraphs the step changed (must be none). Usage: node scripts/eval-replay.mjs [paragraphs per domain] [--failures N]
import { register } from 'tsx/esm/api'

register()
const { replaySet, table, SLIP_KINDS } = await import('../test/helpers/replay-set.ts')
const { DECODERS } = await import('../test/helpers/mirror.ts')
const { tidy } = await import('../src/index.ts')

const args = process.argv.slice(2)
const perDomain = Number(args.find((a) => /^\d+$/.test(a)) ?? 60)
const showFailures = args.includes('--failures') ? Number(args[args.indexOf('--failures') + 1] ?? 20) : 0
const set = replaySet(perDomain)
const { paragraphs, missing } = set
const cases = set.cases.filter((c) => (!process.env.KIND || c.kind === process.env.KIND) && (!process.env.DECODER || c.decoder === process.env.DECODER))
const repair = (input) => tidy(input, { only: ['annotations'] }).text
const started = performance.now()
const { cells, failures, cleanChanged } = table(cases, repair)
const elapsed = performance.now() - started
const changedClean = paragraphs.filter((p) => repair(p.text) !== p.text)

const NAMES = { '?': '`?` kept', swallowed: '`?` swallowed', '\ufffd': 'U+FFFD', dropped: 'dropped', all: 'all' }
const cell = (kind, decoder) => {
  const c = cells.get(`${kind}|${decoder}`)
  return c ? `${c.exact}/${c.broken} (${c.baseline})` : '–'
}
console.log(`replay set: ${paragraphs.length} paragraphs (${[...new Set(paragraphs.map((p) => p.domain))].join(', ')}), ${cases.length} damaged variants, ${cases.filter((c) => c.broken > 0).length} with broken pairs${missing.length ? `; missing: ${missing.join(', ')}` : ''}`)
console.log('cells: restored exactly / paragraphs with broken pairs (opencc-js + pinyin regex in parentheses)\n')
console.log(`| slip kind | ${[...DECODERS, 'all'].map((d) => NAMES[d]).join(' | ')} |`)
console.log(`|---|${[...DECODERS, 'all'].map(() => '---').join('|')}|`)
for (const kind of [...SLIP_KINDS, 'two in one run', 'beside glued pinyin', 'all']) {
  const decoders = kind === 'two in one run' || kind === 'beside glued pinyin' ? [] : DECODERS
  console.log(`| ${kind} | ${[...DECODERS].map((d) => (decoders.includes(d) ? cell(kind, d) : '')).join(' | ')} | ${cell(kind, 'all')} |`)
}
const all = cells.get('all|all')
console.log(`\nbroken-pair paragraphs restored exactly: ${all.exact}/${all.broken} (${((100 * all.exact) / all.broken).toFixed(1)}%); baseline ${all.baseline} (${((100 * all.baseline) / all.broken).toFixed(1)}%)`)
console.log(`damaged variants without a broken pair not restored: ${cleanChanged.length}/${cases.filter((c) => c.broken === 0).length}`)
console.log(`clean paragraphs changed: ${changedClean.length}/${paragraphs.length}`)
console.log(`time: ${elapsed.toFixed(0)} ms for ${cases.length} variants`)
const { comparable } = await import('../test/helpers/replay-set.ts')
for (const { c, output } of failures.slice(0, showFailures)) {
  const a = comparable(output, c.options)
  const b = comparable(c.original, c.options)
  let k = 0
  while (k < a.length && a[k] === b[k]) k++
  // The damaged input around the same place (it is longer than the output where pinyin was inserted).
  const at = Math.max(0, c.input.indexOf(a.slice(Math.max(0, k - 8), k)))
  console.log(`\n${c.source}\nIN  …${c.input.slice(at, at + 32)}\nOUT …${a.slice(Math.max(0, k - 8), k + 16)}\nDOC …${b.slice(Math.max(0, k - 8), k + 16)}`)
}
if (showFailures) for (const p of changedClean) console.log(`\nCLEAN CHANGED ${p.source}\nIN  ${p.text}\nOUT ${repair(p.text)}`)

#!/usr/bin/env node
// Prints a labels skeleton for a page text (a development aid for test/cases/boilerplate/pages/<id>.json): one
// entry per non-empty line with its number and hash, label and kind left as "?" to be filled in by reading the page.
// Usage: node scripts/label-skeleton.mjs FILE   (the page text, UTF-8; lines split on LF, a trailing CR dropped)
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

const file = process.argv[2]
if (!file || file.startsWith('-')) {
  console.error('usage: node scripts/label-skeleton.mjs FILE')
  process.exit(2)
}
const lineHash = (line) => createHash('sha1').update(line, 'utf8').digest('hex').slice(0, 10)
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
const entries = []
lines.forEach((line, index) => {
  if (line.trim() !== '') entries.push(`    { "n": ${index + 1}, "hash": "${lineHash(line)}", "label": "?", "kind": "?" }`)
})
console.log(`  "lines": [\n${entries.join(',\n')}\n  ]`)

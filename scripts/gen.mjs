#!/usr/bin/env node
// Regenerates every table in src/data that is built from a package's data (run by `npm run build`).
// Each generator heads its output with its name, its source and the source's licence.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
// Order matters: gen-boilerplate-forms converts with src/convert/, which reads gen-opencc's output; gen-scan-tables
// reads gen-opencc's and gen-script-chars' tables.
const GENERATORS = ['gen-opencc.mjs', 'gen-script-chars.mjs', 'gen-scan-tables.mjs', 'gen-boilerplate-forms.mjs', 'gen-word-pairs.mjs', 'gen-char-weights.mjs', 'gen-byte-maps.mjs', 'gen-readings.mjs', 'gen-double-byte.mjs', 'gen-mirror-gbk.mjs', 'gen-radicals.mjs', 'gen-char-lm.mjs']
const outDir = process.argv[2]
for (const generator of GENERATORS) {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(here, generator), ...(outDir ? [outDir] : [])], { stdio: 'inherit' })
}

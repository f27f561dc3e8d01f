#!/usr/bin/env node
import { run } from './run.js'

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    // Anything that reaches here is a bug in zhtidy, not bad input: say so, and exit outside the documented codes.
    process.stderr.write(`zhtidy: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 3
  },
)

#!/usr/bin/env node
import { rawArguments } from './fspath.js'
import { setRawArguments } from './inputs.js'
import { removeTemporariesOnSignals } from './outputs.js'
import { run } from './run.js'

removeTemporariesOnSignals()

// A reader that stops early (`zhtidy big.txt | head -1`) closes the pipe: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

const argv = process.argv.slice(2)
// File names that are not UTF-8 (GBK names from old archives) keep their bytes.
setRawArguments(argv, rawArguments(argv))

run(argv).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    // Anything that reaches here is a bug in zhtidy, not bad input: say so, and exit outside the documented codes.
    process.stderr.write(`zhtidy: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 3
  },
)

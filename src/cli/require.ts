import { createRequire } from 'node:module'

/**
 * Loads the command line's CommonJS dependencies (commander, lilconfig) with require(). An ESM `import` of a
 * CommonJS file makes Node run its export lexer over it, and optimising that lexer costs a background thread about
 * 80 ms of CPU on every start: more than the rest of a one-line run's overhead.
 */
export const requireCommonJs = createRequire(import.meta.url)

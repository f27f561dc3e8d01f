/**
 * How the generated tables of src/data hold their large strings (code units and offsets as base64, the language
 * model's digits): `inline(text)`, a function that returns the text. In the Node builds (tsup.config.ts) each such
 * string of more than 16 KB is moved into a file of its own under dist/data and the call becomes a read of that file
 * on first use, so that starting the library parses none of them and a step that does not run reads none of its
 * tables. The browser bundle keeps them inline. Every large string is ASCII (the build checks it): read as Latin-1,
 * the file gives the same string.
 */
export type Table = () => string

export function inline(text: string): Table {
  return () => text
}

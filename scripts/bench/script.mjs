// The script step against opencc-js alone on the same text, per target. Run through `node scripts/bench.mjs
// --only script` (needs `npm run build`). Rows of one group share an input and a target; the baseline is the
// matching opencc-js converter called once on the whole text.
import { pathToFileURL } from 'node:url'
import * as OpenCC from 'opencc-js'

const TARGETS = [
  ['zh-Hans', { from: 't', to: 'cn' }, 'opencc-js t→cn'],
  ['zh-Hant', { from: 'cn', to: 't' }, 'opencc-js cn→t'],
  ['zh-TW', { from: 'cn', to: 'twp' }, 'opencc-js cn→twp'],
]

export default async function scriptBench(ctx) {
  const zhtidy = await import(pathToFileURL(ctx.dist).href)
  const time = ctx.time
  const inputs = [['seeds ×N (2 MB)', ctx.seeds]]
  if (ctx.text) inputs.push(['zuozhuan (1.9 MB)', ctx.text])
  const rows = []
  for (const [label, input] of inputs) {
    const bytes = Buffer.byteLength(input)
    // What the step costs beyond converting: parsing into lines, the tree, stringifying.
    const frame = time(() => zhtidy.tidy(input, { only: [] }))
    for (const [script, options, name] of TARGETS) {
      const group = `script ${script} on ${label}`
      const convert = OpenCC.Converter(options)
      rows.push({ group, name: `${name} alone (whole text)`, bytes, seconds: time(() => convert(input)), baseline: true })
      const lines = input.split('\n')
      rows.push({ group, name: `${name} line by line`, bytes, seconds: time(() => lines.map(convert).join('\n')) })
      rows.push({ group, name: `zhtidy step script alone (${script})`, bytes, seconds: time(() => zhtidy.tidy(input, { only: ['script'], script })) })
      rows.push({ group, name: 'zhtidy parse + stringify, no step', bytes, seconds: frame, note: 'the frame the step runs in' })
    }
  }
  return rows
}

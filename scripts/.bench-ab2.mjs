import { readFileSync } from 'node:fs'
const { tsImport } = await import('tsx/esm/api')
const neu = (await tsImport('/work/wt-bp/src/index.ts', import.meta.url)).tidy
const { findBoilerplate, buildMatchers } = await tsImport('/work/wt-bp/src/steps/boilerplate/index.ts', import.meta.url)
const text = readFileSync('/work/shared/suites/opencc/benchmark/zuozhuan.txt', 'utf8')
const lines = text.split('\n'); const m = buildMatchers()
const best = { tidy: Infinity, find: Infinity }
for (let r = 0; r < 10; r++) {
  let t = process.hrtime.bigint(); neu(text, { only: ['boilerplate'], messages: false }); best.tidy = Math.min(best.tidy, Number(process.hrtime.bigint() - t) / 1e6)
  t = process.hrtime.bigint(); findBoilerplate(lines, m); best.find = Math.min(best.find, Number(process.hrtime.bigint() - t) / 1e6)
}
console.log(best)

import { readFileSync } from 'node:fs'
const { tsImport } = await import('tsx/esm/api')
const neu = (await tsImport('/work/wt-bp/src/index.ts', import.meta.url)).tidy
const old = (await import('/work/wt-bp/dist/index.js')).tidy
const text = readFileSync('/work/shared/suites/opencc/benchmark/zuozhuan.txt', 'utf8')
const best = { old: Infinity, neu: Infinity }
for (let r = 0; r < 12; r++) for (const [k, f] of [['old', old], ['neu', neu]]) {
  const t = process.hrtime.bigint(); f(text, { only: ['boilerplate'], messages: false }); best[k] = Math.min(best[k], Number(process.hrtime.bigint() - t) / 1e6)
}
console.log(best, 'ratio new/old', (best.neu / best.old).toFixed(2))

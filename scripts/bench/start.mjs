// Start cost: CPU time and peak RSS of whole processes that clean one line, beside one-shot opencc-js conversion of
// the same line in the same run (and Debian's native `opencc` where installed). Each figure is the median of
// several runs. Rows: { group, name, cpu, rss } (printed as a table of their own by scripts/bench.mjs).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const LINE = '市委書(shū)記在災后示范區說,這是“中文”。\n'

export default async function startBench(ctx) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhtidy-bench-start-'))
  const preload = path.join(path.dirname(new URL(import.meta.url).pathname), 'usage-preload.cjs')
  const cli = path.join(path.dirname(ctx.dist), 'cli.js')
  const oneShot = path.join(dir, 'opencc-one-shot.mjs')
  // Resolved from the project, since the script runs from a temporary folder.
  const openccUrl = new URL('../../node_modules/opencc-js/dist/esm/full.js', import.meta.url).href
  writeFileSync(oneShot, `import * as OpenCC from ${JSON.stringify(openccUrl)}\nlet s = ''\nfor await (const c of process.stdin) s += c\nprocess.stdout.write(OpenCC.Converter({ from: 't', to: 'cn' })(s))\n`)
  const library = path.join(dir, 'library.mjs')
  writeFileSync(library, `import { tidy } from ${JSON.stringify(new URL('file://' + ctx.dist).href)}\nlet s = ''\nfor await (const c of process.stdin) s += c\nprocess.stdout.write(tidy(s).text)\n`)
  const runs = ctx.quick ? 3 : 7
  const measure = (args, input = LINE) => {
    const samples = []
    for (let k = 0; k < runs; k++) {
      const usageFile = path.join(dir, `usage-${k}.json`)
      const result = spawnSync(process.execPath, ['--require', preload, ...args], { input, env: { ...process.env, ZHTIDY_BENCH_USAGE: usageFile }, encoding: 'utf8' })
      if (result.error) throw result.error
      samples.push(JSON.parse(readFileSync(usageFile, 'utf8')))
    }
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
    return { cpu: median(samples.map((s) => s.cpu)), rss: median(samples.map((s) => s.rss)) }
  }
  const group = 'start: one line, whole process'
  const rows = []
  try {
    rows.push({ group, name: 'opencc-js one-shot t→cn', ...measure([oneShot]), baseline: true })
    rows.push({ group, name: 'zhtidy (default pipeline, stdin)', ...measure([cli]) })
    rows.push({ group, name: 'tidy() in a library script', ...measure([library]) })
    rows.push({ group, name: 'zhtidy /nonexistent (error before loading)', ...measure([cli, path.join(dir, 'nonexistent.txt')]) })
    rows.push({ group, name: 'zhtidy --bogus-option (usage error)', ...measure([cli, '--bogus-option']) })
    rows.push({ group, name: 'zhtidy --script zh-TW', ...measure([cli, '--script', 'zh-TW']) })
    const native = spawnSync('opencc', ['-c', 't2s'], { input: LINE, encoding: 'utf8' })
    if (!native.error && native.status === 0) {
      const timed = spawnSync('/usr/bin/time', ['-f', '%U %S %M', 'opencc', '-c', 't2s'], { input: LINE, encoding: 'utf8' })
      const [user, sys, kb] = (timed.stderr ?? '').trim().split(/\s+/).map(Number)
      if (Number.isFinite(kb)) rows.push({ group, name: "Debian's native opencc -c t2s", cpu: user + sys, rss: kb * 1024 })
    } else console.log("bench: Debian's opencc is not installed (apt-get install opencc); its start row is skipped")
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

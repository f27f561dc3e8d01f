// Scale: the whole command line on a large JSON Lines dump of real pages and on a large plain text file, with
// --jobs 1, --jobs 2 and --jobs unset (one worker per core, the default): wall time, CPU and peak RSS of the process
// (workers included), and the speed-ups measured in the same run. Issue 13's bound: the default run under 300 MB
// peak RSS on 1 GB of either (ZHTIDY_BENCH_SCALE_MB=1000). Measured on a 2-core host with the default --jobs
// (/usr/bin/time -f %M, dumps of real pages): 16 MB JSON Lines 420 -> 248 MB, 16 MB text 475 -> 290 MB after workers
// started at once, 12 MB young generations and --heap-growing-percent=30; 1 GB JSON Lines 252 MB, 1 GB text 314 MB
// (still over the bound; CPU 691 s and 671 s, both runs at once, load ~13). Sizes: 100 MB (--quick: 16 MB); ZHTIDY_BENCH_SCALE_MB sets another.
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export default async function scaleBench(ctx) {
  const pages = ctx.realPages ? [...ctx.realPages, ...ctx.seedPages] : ctx.seedPages
  const megabytes = Number(process.env.ZHTIDY_BENCH_SCALE_MB ?? (ctx.quick ? 16 : 100))
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhtidy-bench-scale-'))
  const preload = path.join(path.dirname(new URL(import.meta.url).pathname), 'usage-preload.cjs')
  const cli = path.join(path.dirname(ctx.dist), 'cli.js')
  const write = (name, piece) => {
    const file = path.join(dir, name)
    const fd = openSync(file, 'w')
    let bytes = 0
    for (let k = 0; bytes < megabytes * 1e6; k++) bytes += writeSync(fd, piece(k))
    closeSync(fd)
    return { file, bytes }
  }
  const jsonl = write('dump.jsonl', (k) => JSON.stringify({ id: k, text: pages[k % pages.length] }) + '\n')
  // One long text: pages one after another, as a crawl dump concatenated into one file.
  const text = write('dump.txt', (k) => pages[k % pages.length] + '\n\n')
  const rows = []
  const run = (group, name, input, jobs, extra = {}) => {
    const usageFile = path.join(dir, 'usage.json')
    const out = path.join(dir, `out-${jobs ?? 'default'}-${path.basename(input.file)}`)
    const started = process.hrtime.bigint()
    const jobsArgs = jobs === undefined ? [] : ['--jobs', String(jobs)]
    const result = spawnSync(process.execPath, ['--require', preload, cli, '--quiet', ...jobsArgs, '-o', out, input.file], {
      env: { ...process.env, ZHTIDY_BENCH_USAGE: usageFile },
      encoding: 'utf8',
    })
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    if (result.status !== 0) throw new Error(`${name}: exit ${result.status}: ${result.stderr.slice(0, 400)}`)
    const usage = JSON.parse(readFileSync(usageFile, 'utf8'))
    rmSync(out, { recursive: true, force: true })
    rows.push({ group, name, bytes: input.bytes, seconds, note: `CPU ${usage.cpu.toFixed(1)} s, peak RSS ${(usage.rss / 1048576).toFixed(0)} MB`, rss: usage.rss, ...extra })
  }
  // The machine's own ceiling: two independent single-threaded runs at once, each on half the records. On a host
  // whose two vCPUs do not give twice the work of one, no --jobs can either; this row says what the host gives.
  const halves = [0, 1].map((h) => write(`half-${h}.jsonl`, (k) => JSON.stringify({ id: 2 * k + h, text: pages[(2 * k + h) % pages.length] }) + '\n'))
  const both = async (group) => {
    const started = process.hrtime.bigint()
    await Promise.all(
      halves.map(
        (half, h) =>
          new Promise((resolve, reject) => {
            const child = spawn(process.execPath, [cli, '--quiet', '--jobs', '1', '-o', path.join(dir, `half-out-${h}`), half.file], { stdio: 'ignore' })
            child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`half ${h}: exit ${code}`))))
          }),
      ),
    )
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    rows.push({ group, name: 'two --jobs 1 runs at once, half each', bytes: halves[0].bytes + halves[1].bytes, seconds, note: 'the host\'s parallel ceiling for --jobs 2' })
  }
  try {
    const g1 = `command line on a ${megabytes} MB JSON Lines dump of real pages (wall time)`
    run(g1, 'zhtidy --jobs 1', jsonl, 1, { baseline: true })
    run(g1, 'zhtidy --jobs 2', jsonl, 2)
    run(g1, `zhtidy (default --jobs ${os.availableParallelism()})`, jsonl, undefined)
    await both(g1)
    const g2 = `command line on a ${megabytes} MB plain text file (wall time)`
    run(g2, 'zhtidy --jobs 1', text, 1, { baseline: true })
    run(g2, 'zhtidy --jobs 2', text, 2)
    run(g2, `zhtidy (default --jobs ${os.availableParallelism()})`, text, undefined)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

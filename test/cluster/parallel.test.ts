/**
 * zhtidy under GNU parallel, the way it is used across cores or machines: split stdin into line-aligned blocks
 * (--pipe --keep-order), or run one --shard per job. Both must give exactly what one process gives.
 * .ci/run installs parallel; where it is absent the test skips and says so.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bin, dump, requireBuild, runAsync, which } from './dump.js'

const parallel = which('parallel')
if (!parallel) console.warn('test/cluster/parallel.test.ts: GNU parallel is not on PATH; skipping (apt-get install parallel)')

describe.skipIf(!parallel)('GNU parallel', () => {
  let tmp: string
  let dumpFile: string
  let reference: Buffer

  beforeAll(async () => {
    requireBuild()
    tmp = mkdtempSync(path.join(os.tmpdir(), 'zhtidy-parallel-'))
    dumpFile = path.join(tmp, 'dump.jsonl')
    writeFileSync(dumpFile, dump())
    const one = await runAsync(process.execPath, [bin, '--jsonl', dumpFile], { timeout: 170_000 })
    expect(one.stderr).toBe('')
    expect(one.status).toBe(0)
    reference = one.stdout
  }, 180_000)

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  it('--pipe --keep-order: line-aligned blocks of stdin, each through its own zhtidy --jsonl, give one process\'s bytes', async () => {
    const joblog = path.join(tmp, 'pipe.joblog')
    const input = readFileSync(dumpFile)
    // 130k blocks cut this 394 kB dump into three jobs; real runs use --block 10M or so.
    const run = await runAsync(parallel!, ['--will-cite', '--pipe', '--keep-order', '--block', '130k', '-j', '2', '--joblog', joblog, process.execPath, bin, '--jsonl'], {
      input,
      timeout: 230_000,
    })
    expect(run.timedOut).toBe(false)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const jobs = readFileSync(joblog, 'utf8').trim().split('\n').slice(1)
    expect(jobs.length).toBeGreaterThanOrEqual(3)
    for (const job of jobs) expect(job.split('\t')[6], job).toBe('0')
    expect(run.stdout.equals(reference)).toBe(true)
  }, 240_000)

  it('one --shard {}/4 per job: the parts in shard order give one process\'s bytes, and a re-run redoes only a missing part', async () => {
    const out = path.join(tmp, 'out')
    const shards = (...indexes: number[]) =>
      runAsync(parallel!, ['--will-cite', '-j', '2', process.execPath, bin, '--jsonl', '--shard', '{}/4', '-o', out, dumpFile, ':::', ...indexes.map(String)], { timeout: 230_000 })
    const first = await shards(0, 1, 2, 3)
    expect(first.stderr).toBe('')
    expect(first.status).toBe(0)
    const names = readdirSync(out).sort()
    expect(names).toEqual([0, 1, 2, 3].map((i) => `dump.shard-${i}-of-4.jsonl`))
    const part = (i: number) => path.join(out, names[i]!)
    expect(Buffer.concat(names.map((_, i) => readFileSync(part(i)))).equals(reference)).toBe(true)

    // A task that failed left no part (outputs are renamed into place whole); the re-run redoes it alone.
    const kept = statSync(part(1)).mtimeMs
    const lost = readFileSync(part(2))
    unlinkSync(part(2))
    const again = await shards(1, 2)
    expect(again.status).toBe(0)
    expect(again.stderr).toBe('zhtidy --shard 1/4: 1 of 1 outputs already complete, skipped\n')
    expect(statSync(part(1)).mtimeMs).toBe(kept)
    expect(readFileSync(part(2)).equals(lost)).toBe(true)
    expect(readdirSync(out).sort()).toEqual(names)
  }, 240_000)
})

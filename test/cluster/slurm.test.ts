/**
 * zhtidy under a real Slurm cluster: one sbatch array job of 4 tasks, each running `zhtidy --shard slurm`, on one
 * big dump (parts by byte block) and on a folder of files (by file). .ci/run starts a one-node cluster with
 * scripts/ci/slurm-up.sh; where sbatch is absent (a user's machine) the test skips and says so.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bin, dump, requireBuild, runAsync, which, type Finished } from './dump.js'

const sbatch = which('sbatch')
if (!sbatch) console.warn('test/cluster/slurm.test.ts: sbatch is not on PATH (no Slurm here); skipping. CI starts a one-node cluster with scripts/ci/slurm-up.sh')

const TASKS = 4
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

describe.skipIf(!sbatch)('Slurm array job, 4 tasks of zhtidy --shard slurm', () => {
  let tmp: string
  const jobName = `zhtidy-test-${process.pid}`
  let reference: Buffer
  let job: Finished
  let groups: { name: string; lines: number[] }[]

  beforeAll(async () => {
    requireBuild()
    // The jobs must run on this machine, which shares /tmp with the test: the node scripts/ci/slurm-up.sh makes.
    const sinfo = spawnSync('sinfo', ['-h', '-N', '-n', 'localhost', '-o', '%T'], { encoding: 'utf8', timeout: 10_000 })
    if (sinfo.status !== 0 || !/idle|mix|alloc/.test(sinfo.stdout)) {
      throw new Error(
        `sbatch is installed but no Slurm node "localhost" is up (sinfo: ${JSON.stringify(sinfo.stdout + sinfo.stderr)}); run scripts/ci/slurm-up.sh as root`,
      )
    }
    tmp = mkdtempSync(path.join(os.tmpdir(), 'zhtidy-slurm-'))
    const text = dump()
    writeFileSync(path.join(tmp, 'dump.jsonl'), text)
    // The same records as six files: their outputs must be the matching lines of the one-process output.
    const lines = text.split('\n')
    mkdirSync(path.join(tmp, 'files'))
    groups = Array.from({ length: 6 }, (_, g) => ({ name: `crawl-${g}.jsonl`, lines: [] as number[] }))
    lines.forEach((_, i) => groups[Math.floor((i * 6) / lines.length)]!.lines.push(i))
    for (const group of groups) writeFileSync(path.join(tmp, 'files', group.name), group.lines.map((i) => lines[i] + '\n').join(''))

    const zhtidyCmd = `${shellQuote(process.execPath)} ${shellQuote(bin)}`
    const script = [
      '#!/bin/sh',
      'set -e',
      'echo "task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_TASK_COUNT (job $SLURM_ARRAY_JOB_ID)"',
      `${zhtidyCmd} --jsonl --shard slurm -o ${shellQuote(path.join(tmp, 'parts'))} ${shellQuote(path.join(tmp, 'dump.jsonl'))}`,
      `${zhtidyCmd} --jsonl --shard slurm -o ${shellQuote(path.join(tmp, 'files-out'))} ${shellQuote(path.join(tmp, 'files'))}`,
      '',
    ].join('\n')
    writeFileSync(path.join(tmp, 'clean.sbatch'), script, { mode: 0o755 })
    // The reference, one plain process over the whole dump, runs while the array job does.
    const plain = runAsync(process.execPath, [bin, '--jsonl', path.join(tmp, 'dump.jsonl')], { timeout: 170_000 })
    job = await runAsync(
      sbatch!,
      [
        `--array=0-${TASKS - 1}`,
        '--wait',
        `--job-name=${jobName}`,
        '--nodelist=localhost',
        '--ntasks=1',
        '--cpus-per-task=1',
        '--time=5',
        `--chdir=${tmp}`,
        `--output=${path.join(tmp, 'task-%a.out')}`,
        `--error=${path.join(tmp, 'task-%a.err')}`,
        path.join(tmp, 'clean.sbatch'),
      ],
      { timeout: 170_000 },
    )
    const one = await plain
    expect(one.stderr).toBe('')
    expect(one.status).toBe(0)
    reference = one.stdout
  }, 240_000)

  afterAll(() => {
    // Nothing of this test outlives it: a job still queued or running (after a timeout) is cancelled.
    if (sbatch) spawnSync('scancel', [`--name=${jobName}`], { timeout: 10_000 })
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  const taskLog = (i: number, ext: 'out' | 'err') => readFileSync(path.join(tmp, `task-${i}.${ext}`), 'utf8')

  it('the job ran as 4 array tasks and every task succeeded', () => {
    expect(job.timedOut, 'sbatch --wait did not finish in time').toBe(false)
    expect(job.status, `sbatch --wait failed: ${job.stdout}${job.stderr}`).toBe(0)
    expect(job.stdout.toString('utf8')).toMatch(/Submitted batch job \d+/)
    for (let i = 0; i < TASKS; i++) {
      expect(taskLog(i, 'out')).toMatch(new RegExp(`^task ${i} of ${TASKS} \\(job \\d+\\)`))
      expect(taskLog(i, 'err')).toBe('')
    }
  })

  it('the parts in shard order are byte-identical to one plain process', () => {
    const names = readdirSync(path.join(tmp, 'parts')).sort()
    expect(names).toEqual(Array.from({ length: TASKS }, (_, i) => `dump.shard-${i}-of-${TASKS}.jsonl`))
    const parts = names.map((name) => readFileSync(path.join(tmp, 'parts', name)))
    // Every task had a real share of the work, not one task doing it all.
    for (const part of parts) expect(part.length).toBeGreaterThan(reference.length / (TASKS * 2))
    expect(Buffer.concat(parts).equals(reference)).toBe(true)
  })

  it('each of several files is cleaned once, by one task, exactly as one process cleans those records', () => {
    const out = path.join(tmp, 'files-out')
    expect(readdirSync(out).sort()).toEqual(groups.map((g) => g.name).sort())
    const referenceLines = reference.toString('utf8').split('\n')
    for (const group of groups) {
      const expected = group.lines.map((i) => referenceLines[i] + '\n').join('')
      expect(readFileSync(path.join(out, group.name), 'utf8'), group.name).toBe(expected)
    }
  })
})

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { text } from 'node:stream/consumers'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  blockRange,
  isComplete,
  lineStartAtOrAfter,
  nominalStart,
  openInput,
  parseShardSpec,
  partName,
  selectFiles,
  slurmShard,
  takeShard,
  type ReadAt,
} from '../../src/cli/shard.js'
import type { Input } from '../../src/cli/inputs.js'
import { ZhtidyError } from '../../src/errors.js'

const memory = (bytes: Uint8Array): ReadAt => async (position, length) => bytes.subarray(position, position + length)

function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0]
  bytes.forEach((b, i) => {
    if (b === 0x0a && i + 1 < bytes.length) starts.push(i + 1)
  })
  return bytes.length === 0 ? [] : starts
}

let tmp: string
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'zhtidy-shard-'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('parseShardSpec', () => {
  it('reads i/N, 0-based', () => {
    expect(parseShardSpec('0/4')).toEqual({ index: 0, count: 4 })
    expect(parseShardSpec(' 3/4 ')).toEqual({ index: 3, count: 4 })
    expect(parseShardSpec('0/1')).toEqual({ index: 0, count: 1 })
  })

  it.each(['4/4', '1/0', '0/0', 'a/b', '-1/4', '1/4/5', '1', '', '1.5/4'])('refuses %j with an invalid-option error', (spec) => {
    expect(() => parseShardSpec(spec)).toThrowError(ZhtidyError)
    expect(() => parseShardSpec(spec)).toThrow(/--shard/)
  })

  it('slurm reads the array task, counting from SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP', () => {
    expect(parseShardSpec('slurm', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '0' })).toEqual({ index: 2, count: 4 })
    expect(slurmShard({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '4' })).toEqual({ index: 1, count: 4 })
    expect(slurmShard({ SLURM_ARRAY_TASK_ID: '30', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_STEP: '10' })).toEqual({ index: 2, count: 4 })
    expect(slurmShard({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 3, count: 4 })
  })

  it('slurm outside an array job, or with an array that has gaps, is refused with a message saying what to do', () => {
    expect(() => slurmShard({})).toThrow(/sbatch --array/)
    expect(() => slurmShard({ SLURM_ARRAY_TASK_ID: '6', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '1' })).toThrow(/below 3/)
    expect(() => slurmShard({ SLURM_ARRAY_TASK_ID: '25', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_STEP: '10' })).toThrow(/not in the array/)
    expect(() => slurmShard({ SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '4' })).toThrow(/whole number/)
  })
})

describe('selectFiles', () => {
  const files = ['b/2.jsonl', 'a/1.jsonl', 'c.jsonl', 'a/0.jsonl', 'B.jsonl'].map((p) => ({ path: p }))

  it('gives file k of the sorted paths to shard k mod N, keeping the given order', () => {
    // Sorted by code unit: B.jsonl a/0 a/1 b/2 c
    expect(selectFiles(files, { index: 0, count: 2 }).map((f) => f.path)).toEqual(['a/1.jsonl', 'c.jsonl', 'B.jsonl'])
    expect(selectFiles(files, { index: 1, count: 2 }).map((f) => f.path)).toEqual(['b/2.jsonl', 'a/0.jsonl'])
    expect(selectFiles(files, { index: 4, count: 5 }).map((f) => f.path)).toEqual(['c.jsonl'])
    expect(selectFiles(files, { index: 5, count: 6 })).toEqual([])
  })

  it('the shards are disjoint and together hold every file, whatever order the paths come in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 30 }), fc.integer({ min: 1, max: 9 }), (paths, count) => {
        const inputs = paths.map((p) => ({ path: p }))
        const shares = Array.from({ length: count }, (_, index) => selectFiles(inputs, { index, count }))
        expect(shares.flat().map((f) => f.path).sort()).toEqual([...paths].sort())
        const reversed = Array.from({ length: count }, (_, index) => selectFiles([...inputs].reverse(), { index, count }).map((f) => f.path).sort())
        expect(reversed).toEqual(shares.map((share) => share.map((f) => f.path).sort()))
      }),
    )
  })
})

describe('blockRange', () => {
  it('lineStartAtOrAfter finds the next line start, reading in small chunks', async () => {
    const bytes = Buffer.from('ab\ncdef\n\ng')
    const at = (p: number) => lineStartAtOrAfter(memory(bytes), bytes.length, p, 2)
    expect(await Promise.all([0, 1, 2, 3, 4, 8, 9, 10, 11].map(at))).toEqual([0, 3, 3, 3, 8, 8, 9, 10, 10])
  })

  it('blocks tile the file, start at line starts, and each line goes to the shard its first byte falls in', async () => {
    const line = fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }).map((s) => s.replace(/\n/g, ' ')), fc.constant('长一点的中文记录，带全角标点。'))
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 20 }), fc.boolean(), fc.integer({ min: 1, max: 8 }), async (lines, finalLf, count) => {
        const bytes = Buffer.from(lines.join('\n') + (finalLf && lines.length > 0 ? '\n' : ''))
        const ranges = []
        for (let index = 0; index < count; index++) ranges.push(await blockRange(memory(bytes), bytes.length, { index, count }))
        expect(ranges[0]!.start).toBe(0)
        expect(ranges.at(-1)!.end).toBe(bytes.length)
        for (let i = 1; i < count; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end)
        const starts = new Set([...lineStarts(bytes), bytes.length])
        for (const r of ranges) expect(starts.has(r.start) || r.start === 0).toBe(true)
        for (const s of lineStarts(bytes)) {
          const owner = ranges.findIndex((r) => s >= r.start && s < r.end)
          const nominal = Array.from({ length: count }, (_, k) => k).findLast((k) => nominalStart(bytes.length, k, count) <= s)
          expect(owner).toBe(nominal)
        }
      }),
    )
  })
})

describe('partName', () => {
  it('names a part by shard, keeping the extension and the folder', () => {
    expect(partName('dump.jsonl', { index: 2, count: 4 })).toBe('dump.shard-2-of-4.jsonl')
    expect(partName('dump.jsonl', { index: 3, count: 16 })).toBe('dump.shard-03-of-16.jsonl')
    expect(partName('dump', { index: 0, count: 1 })).toBe('dump.shard-0-of-1')
    expect(partName(path.join('cc', 'main.jsonl'), { index: 9, count: 10 })).toBe(path.join('cc', 'main.shard-9-of-10.jsonl'))
  })

  it('sorted names are in shard order, so a shell glob concatenates the parts in order', () => {
    for (const count of [1, 9, 10, 11, 100, 1001]) {
      const names = Array.from({ length: count }, (_, index) => partName('x.jsonl', { index, count }))
      expect([...names].sort()).toEqual(names)
    }
  })
})

describe('isComplete', () => {
  it('an output counts as complete when it exists and is not older than its input', () => {
    expect(isComplete(undefined, { mtimeMs: 1 })).toBe(false)
    expect(isComplete({ mtimeMs: 5 }, { mtimeMs: 5 })).toBe(true)
    expect(isComplete({ mtimeMs: 6 }, { mtimeMs: 5 })).toBe(true)
    expect(isComplete({ mtimeMs: 4 }, { mtimeMs: 5 })).toBe(false)
  })
})

describe('takeShard', () => {
  const settings = { jsonl: true, inPlace: false, check: false }
  const file = (p: string): Input => ({ kind: 'file', path: p, relative: path.basename(p), display: p })

  it('without --shard the inputs are untouched', async () => {
    const inputs = [file('/nowhere/a'), file('/nowhere/b')]
    expect(await takeShard(inputs, undefined, settings)).toBe(inputs)
  })

  it('refuses stdin, and -i on one JSON Lines file', async () => {
    await expect(takeShard([{ kind: 'stdin', display: '<stdin>' }], '0/2', settings)).rejects.toThrow(/GNU parallel --pipe/)
    const one = path.join(tmp, 'one.jsonl')
    writeFileSync(one, '{"text":"a"}\n')
    await expect(takeShard([file(one)], '0/2', { ...settings, inPlace: true })).rejects.toThrow(/-o <dir>/)
  })

  it('one JSON Lines file becomes a part that reads exactly its block; the parts rebuild the file', async () => {
    const big = path.join(tmp, 'big.jsonl')
    const content = Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: i, text: '第' + i + '条'.repeat(i % 7) })).join('\n') + '\n'
    writeFileSync(big, content)
    let rebuilt = ''
    for (let index = 0; index < 3; index++) {
      const [part] = await takeShard([file(big)], `${index}/3`, settings)
      expect(part!.kind === 'file' && part!.relative).toBe(`big.shard-${index}-of-3.jsonl`)
      expect(part!.display).toMatch(/#bytes=\d+-\d+$/)
      rebuilt += await text(openInput(part as Extract<Input, { kind: 'file' }>))
    }
    expect(rebuilt).toBe(content)
  })

  it('an empty block reads as nothing', async () => {
    const small = path.join(tmp, 'small.jsonl')
    writeFileSync(small, '{"text":"only one record"}\n')
    const [part] = await takeShard([file(small)], '3/4', settings)
    expect(await text(openInput(part as Extract<Input, { kind: 'file' }>))).toBe('')
  })

  it('with -o an output that is complete is skipped, and one older than its input is redone', async () => {
    const dir = path.join(tmp, 'many')
    const out = path.join(tmp, 'many-out')
    mkdirSync(dir, { recursive: true })
    mkdirSync(out, { recursive: true })
    const names = ['a.jsonl', 'b.jsonl', 'c.jsonl', 'd.jsonl']
    for (const name of names) writeFileSync(path.join(dir, name), '{"text":"x"}\n')
    const inputs = names.map((name) => file(path.join(dir, name)))
    const shard0 = await takeShard(inputs, '0/2', { ...settings, out })
    expect(shard0.map((i) => i.kind === 'file' && i.relative)).toEqual(['a.jsonl', 'c.jsonl'])
    writeFileSync(path.join(out, 'a.jsonl'), 'done\n')
    writeFileSync(path.join(out, 'c.jsonl'), 'stale\n')
    const past = new Date(statSync(path.join(dir, 'c.jsonl')).mtimeMs - 60_000)
    utimesSync(path.join(out, 'c.jsonl'), past, past)
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      expect((await takeShard(inputs, '0/2', { ...settings, out })).map((i) => i.kind === 'file' && i.relative)).toEqual(['c.jsonl'])
      expect(stderr.mock.calls.map((call) => String(call[0]))).toEqual(['zhtidy --shard 0/2: 1 of 2 outputs already complete, skipped\n'])
    } finally {
      stderr.mockRestore()
    }
    // --check writes nothing, so it never skips.
    expect(await takeShard(inputs, '0/2', { ...settings, out, check: true })).toHaveLength(2)
    expect(readFileSync(path.join(out, 'a.jsonl'), 'utf8')).toBe('done\n')
  })
})

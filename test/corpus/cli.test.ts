// zhtidy corpus count / merge / top and --repeated through the built command line, spawned: the sharing of a dump
// by byte blocks, the gzip reader and the table file are the process's doing. Few spawns, each doing much.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { normaliseLine, visibleLength } from '../../src/corpus/fingerprint.js'
import { dumpSkipReason, siteDump } from '../helpers/site-dump.js'

const root = path.resolve(__dirname, '../..')
const bin = path.join(root, 'dist/cli.js')
const skip = dumpSkipReason()
if (skip) console.warn(`test/corpus/cli.test.ts: ${skip}; skipping`)

function zhtidy(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root })
  return { status: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') }
}

let tmp: string
beforeAll(() => {
  if (!existsSync(bin)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first)')
  tmp = mkdtempSync(path.join(os.tmpdir(), 'zhtidy-corpus-'))
})

describe.skipIf(skip !== undefined)('zhtidy corpus', () => {
  it('counts a JSON Lines dump in two shards, merges them into the one-pass table, and cleans the same with either', () => {
    const dump = siteDump()
    const file = path.join(tmp, 'dump.jsonl')
    writeFileSync(file, dump.map((page) => JSON.stringify({ url: page.url, text: page.text })).join('\n') + '\n')
    writeFileSync(`${file}.gz`, gzipSync(readFileSync(file)))
    const table = (name: string) => path.join(tmp, name)

    expect(zhtidy(['corpus', 'count', '-q', '-o', table('whole.tbl'), file]).status).toBe(0)
    const counted = zhtidy(['corpus', 'count', '-o', table('zipped.tbl'), `${file}.gz`])
    expect(counted.stderr).toMatch(/zhtidy corpus count: 60 documents, \d[\d,]* lines \(\d[\d,]* distinct lines, exact\)/)
    for (const shard of ['0/2', '1/2']) expect(zhtidy(['corpus', 'count', '-q', '--shard', shard, '-o', table(`part${shard[0]}.tbl`), file]).status).toBe(0)
    expect(zhtidy(['corpus', 'merge', table('part0.tbl'), table('part1.tbl'), '-o', table('merged.tbl')]).status).toBe(0)
    const whole = readFileSync(table('whole.tbl'))
    expect(readFileSync(table('zipped.tbl')).equals(whole)).toBe(true)
    // Each shard counted only its block of records; merged they are the whole dump's table, byte for byte.
    expect(readFileSync(table('part0.tbl')).equals(whole)).toBe(false)
    expect(readFileSync(table('merged.tbl')).equals(whole)).toBe(true)

    const top = zhtidy(['corpus', 'top', table('merged.tbl'), '-n', '3'])
    const rows = top.stdout.trim().split('\n')
    expect(rows[0]).toMatch(/^# .*merged\.tbl: 60 documents, .* \(exact, /)
    expect(rows[1]).toBe('count\tshare\tfingerprint\ttext')
    expect(rows.slice(2).map((row) => row.split('\t').length)).toEqual([4, 4, 4])
    expect(Number(rows[2]!.split('\t')[0])).toBeGreaterThanOrEqual(20)

    const cleanWith = (tbl: string) => zhtidy(['--jsonl', '-j', '1', '--repeated', tbl, '--repeated-min', '10', file])
    const one = cleanWith(table('whole.tbl'))
    const merged = cleanWith(table('merged.tbl'))
    expect(one.status).toBe(0)
    expect(merged.stdout).toBe(one.stdout)
    const records = one.stdout.trim().split('\n').map((line) => JSON.parse(line) as { url: string; text: string })
    expect(records.map((r) => r.url)).toEqual(dump.map((page) => page.url))
    const longFurniture = new Set(dump.flatMap((page) => page.furniture).filter((line) => visibleLength(normaliseLine(line)) >= 4).map(normaliseLine))
    for (const record of records) for (const line of record.text.split('\n')) expect(longFurniture.has(normaliseLine(line))).toBe(false)
  })

  it('refuses to merge tables counted with different caps, and a file that is not a table, with exit 2', () => {
    const file = path.join(tmp, 'small.txt')
    writeFileSync(file, '网站首页 关于我们\n正文。\n')
    expect(zhtidy(['corpus', 'count', '-q', '--cap', '64', '-o', path.join(tmp, 'a.tbl'), file]).status).toBe(0)
    expect(zhtidy(['corpus', 'count', '-q', '-o', path.join(tmp, 'b.tbl'), file]).status).toBe(0)
    const refused = zhtidy(['corpus', 'merge', path.join(tmp, 'a.tbl'), path.join(tmp, 'b.tbl'), '-o', path.join(tmp, 'c.tbl')])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/cannot merge .*a\.tbl and .*b\.tbl: cap differs \(64 and 2097152\)/)
    expect(existsSync(path.join(tmp, 'c.tbl'))).toBe(false)
    const notTable = zhtidy(['--repeated', file, file])
    expect(notTable.status).toBe(2)
    expect(notTable.stderr).toMatch(/small\.txt: not a zhtidy line table/)
  })
})

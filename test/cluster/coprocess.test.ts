/**
 * A long-lived `zhtidy --jsonl` co-process (one per Ray actor or Spark task) is fed one record and must answer with
 * one line before it is given the next: zhtidy writes each record out as soon as it is cleaned, on a pipe too.
 * If output were held back until a buffer filled or stdin closed, this test would hang and time out.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { bin, requireBuild } from './dump.js'

describe('zhtidy --jsonl as a co-process on pipes', () => {
  let child: ReturnType<typeof spawn> | undefined
  beforeAll(requireBuild)
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL')
  })

  it('answers each record with one line before the next is written, and keeps records out = records in', async () => {
    const proc = spawn(process.execPath, [bin, '--jsonl', '--on-error', 'keep'], { stdio: ['pipe', 'pipe', 'pipe'] })
    child = proc
    const lines = createInterface({ input: proc.stdout! })[Symbol.asyncIterator]()
    const stderr: string[] = []
    proc.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')))
    const exchange = async (record: string, within: number): Promise<string> => {
      proc.stdin!.write(record + '\n')
      const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${record} within ${within} ms: output is held back`)), within).unref())
      const next = await Promise.race([lines.next(), timer])
      expect(next.done).toBe(false)
      return next.value as string
    }
    // The first answer waits for start-up (the converters are built then); the next ones only for the record.
    expect(await exchange('{"id":1,"text":"市委書(shū)記,主持"}', 120_000)).toBe('{"id":1,"text":"市委书记，主持"}')
    expect(await exchange('{"id":2,"text":"會(huì)議"}', 30_000)).toBe('{"id":2,"text":"会议"}')
    // A bad record and a blank line are answered too, so a reader that counts lines never waits forever.
    expect(await exchange('not json', 30_000)).toBe('not json')
    expect(await exchange('', 30_000)).toBe('')
    expect(await exchange('{"id":3,"text":"clean"}', 30_000)).toBe('{"id":3,"text":"clean"}')
    proc.stdin!.end()
    const code = await new Promise<number | null>((resolve) => proc.on('close', resolve))
    expect(code).toBe(0)
    expect(stderr.join('')).toMatch(/<stdin>:3: not JSON/)
  }, 180_000)
})

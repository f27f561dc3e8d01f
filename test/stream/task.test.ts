// The tasks the command line and the worker pool run: with keepMessages false a result carries no messages, so a
// lossy window's warnings are neither made nor cloned to the main thread (a 20 MB dump of real pages held 22,000
// `encoding/lost-bytes` messages in flight there); text and counts stay the same.
import { describe, expect, it } from 'vitest'
import { runTasks } from '../../src/stream/task.js'
import { WorkerPool, type ToWorker, type WorkerPort } from '../../src/stream/pool.js'
import type { Task } from '../../src/stream/types.js'

// Lost bytes that the steps report as warnings even with messages: false (see tidy's `messages` option).
const lossy: Task[] = [
  { kind: 'text', text: '中文\ufffd字' },
  { kind: 'text', text: '鍙戝竷\ufffd' },
  { kind: 'bytes', bytes: new TextEncoder().encode('學?!包c(diǎn)') },
]

describe('runTasks', () => {
  it('drops messages only when asked, with the same text, encoding and counts', () => {
    const kept = runTasks(lossy, { messages: false })
    const dropped = runTasks(lossy, { messages: false }, false)
    expect(kept.every((r) => r.messages.length > 0)).toBe(true)
    expect(dropped.every((r) => r.messages.length === 0)).toBe(true)
    expect(dropped.map(({ text, encoding, stats }) => ({ text, encoding, stats }))).toEqual(kept.map(({ text, encoding, stats }) => ({ text, encoding, stats })))
  })
})

describe('WorkerPool', () => {
  it('tells each worker whether results carry messages', () => {
    const inits: ToWorker[] = []
    const spawn = (): WorkerPort => ({ post: (m) => void (m.type === 'init' && inits.push(m)), onMessage: () => {}, onError: () => {}, terminate: async () => {} })
    new WorkerPool(2, spawn, { script: 'zh-TW' }, false)
    new WorkerPool(1, spawn, {})
    expect(inits).toEqual([
      { type: 'init', options: { script: 'zh-TW' }, keepMessages: false },
      { type: 'init', options: { script: 'zh-TW' }, keepMessages: false },
      { type: 'init', options: {}, keepMessages: true },
    ])
  })
})

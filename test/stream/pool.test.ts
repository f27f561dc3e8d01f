import { describe, expect, it } from 'vitest'
import { lazyPool, WorkerPool, type FromWorker, type ToWorker, type WorkerPort } from '../../src/stream/pool.js'
import { pump, type Item } from '../../src/stream/pump.js'
import type { Cleaner, Task, TaskResult } from '../../src/stream/types.js'

const result = (text: string): TaskResult => ({ text, encoding: 'utf-8', stats: {}, messages: [] })
const task = (text: string): Task => ({ kind: 'text', text })

/** A worker in this thread: it upper-cases a batch's texts when the test releases it, in whatever order. */
function fakeWorkers() {
  const posted: { port: number; id: number; tasks: Task[] }[] = []
  const release: (() => void)[] = []
  let busy = 0
  let mostBusy = 0
  let spawned = 0
  const spawn = (): WorkerPort => {
    const port = spawned++
    let listener: (m: FromWorker) => void = () => {}
    return {
      post(message: ToWorker) {
        if (message.type !== 'run') return
        posted.push({ port, id: message.id, tasks: message.tasks })
        mostBusy = Math.max(mostBusy, ++busy)
        release.push(() => {
          busy--
          listener({ type: 'done', id: message.id, results: message.tasks.map((t) => result(t.kind === 'text' ? t.text.toUpperCase() : '')) })
        })
      },
      onMessage: (l) => (listener = l),
      onError: () => {},
      terminate: async () => {},
    }
  }
  return { spawn, posted, release, busy: () => busy, mostBusy: () => mostBusy, spawned: () => spawned }
}

describe('WorkerPool', () => {
  it('gives each batch its own results whatever order workers finish in, and never gives a worker two batches at once', async () => {
    const w = fakeWorkers()
    const pool = new WorkerPool(2, w.spawn, {})
    const runs = ['a', 'b', 'c', 'd', 'e'].map((s) => pool.run([task(s), task(s + s)]))
    // Two workers: two batches out, three waiting.
    expect(w.posted).toHaveLength(2)
    while (w.release.length > 0) w.release.pop()!()
    const done = await Promise.all(runs)
    expect(done.map((r) => r.map((x) => x.text))).toEqual([
      ['A', 'AA'],
      ['B', 'BB'],
      ['C', 'CC'],
      ['D', 'DD'],
      ['E', 'EE'],
    ])
    expect(w.mostBusy()).toBe(2)
    expect(new Set(w.posted.map((p) => p.port))).toEqual(new Set([0, 1]))
  })
})

describe('lazyPool', () => {
  const localCleaner = () => {
    const seen: string[] = []
    const local: Cleaner = {
      run: async (tasks) => tasks.map((t) => (seen.push(t.kind === 'text' ? t.text : ''), result('local'))),
      close: async () => {},
    }
    return { local, seen }
  }

  it('with startAfter 0 never cleans in this thread: the first batch already goes to a worker', async () => {
    const w = fakeWorkers()
    const { local, seen } = localCleaner()
    const cleaner = lazyPool(local, { jobs: 2, startAfter: 0, spawn: w.spawn, options: {} })
    const first = cleaner.run([task('x')])
    expect(w.spawned()).toBe(2)
    w.release.pop()!()
    expect((await first).map((r) => r.text)).toEqual(['X'])
    expect(seen).toEqual([])
  })

  it('cleans in this thread until startAfter input bytes have gone by, and starts no worker before', async () => {
    const w = fakeWorkers()
    const { local, seen } = localCleaner()
    // A text task counts 3 bytes a character: 'aaaa' is 12.
    const cleaner = lazyPool(local, { jobs: 2, startAfter: 24, spawn: w.spawn, options: {} })
    expect((await cleaner.run([task('aaaa')]))[0]!.text).toBe('local')
    expect((await cleaner.run([task('bbbb')]))[0]!.text).toBe('local')
    expect(w.spawned()).toBe(0)
    const third = cleaner.run([task('cccc')])
    expect(w.spawned()).toBe(2)
    w.release.pop()!()
    expect((await third)[0]!.text).toBe('CCCC')
    expect(seen).toEqual(['aaaa', 'bbbb'])
  })
})

describe('pump', () => {
  it('has at most inFlight batches sent and not yet written, and writes results in input order', async () => {
    const pending: (() => void)[] = []
    let outstanding = 0
    let most = 0
    const cleaner: Cleaner = {
      run: (tasks) => {
        most = Math.max(most, ++outstanding)
        return new Promise((resolve) =>
          pending.push(() => {
            outstanding--
            resolve(tasks.map((t) => result(t.kind === 'text' ? t.text : '')))
          }),
        )
      },
      close: async () => {},
    }
    // Finish the oldest or the newest outstanding batch, alternately, until the pump is done.
    let flip = false
    const timer = setInterval(() => {
      const next = (flip = !flip) ? pending.shift() : pending.pop()
      next?.()
    }, 1)
    const written: string[] = []
    async function* items(): AsyncGenerator<Item> {
      for (let i = 0; i < 40; i++) yield { task: task(String(i)), size: 10, emit: async (r) => void written.push(r!.text) }
    }
    try {
      await pump(items(), cleaner, { batchBytes: 20, inFlight: 3 })
    } finally {
      clearInterval(timer)
    }
    expect(written).toEqual(Array.from({ length: 40 }, (_, i) => String(i)))
    expect(most).toBeLessThanOrEqual(3)
    expect(most).toBeGreaterThan(1)
  })
})

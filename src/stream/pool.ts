import type { TidyOptions } from '../tidy.js'
import type { Cleaner, Task, TaskResult } from './types.js'

/** The messages between the pool and a worker: options once, then batches of tasks. */
export type ToWorker = { type: 'init'; options: TidyOptions; keepMessages?: boolean } | { type: 'run'; id: number; tasks: Task[] }
export type FromWorker = { type: 'done'; id: number; results: TaskResult[] } | { type: 'failed'; id: number; error: string }

/** What the pool needs of a worker: a message port it can close. worker_threads and web workers both fit. */
export interface WorkerPort {
  post(message: ToWorker): void
  onMessage(listener: (message: FromWorker) => void): void
  onError(listener: (error: Error) => void): void
  terminate(): Promise<void>
}

interface Job {
  id: number
  tasks: Task[]
  resolve(results: TaskResult[]): void
  reject(error: Error): void
}

/**
 * A fixed set of workers, each cleaning one batch at a time; batches queue in order and go to the first free worker.
 * Results find their batch by id, so the caller sees them in its own order whatever order workers finish in.
 */
export class WorkerPool implements Cleaner {
  private readonly idle: WorkerPort[] = []
  private readonly busy = new Map<WorkerPort, Job>()
  private readonly queue: Job[] = []
  private readonly workers: WorkerPort[] = []
  private nextId = 0
  private failure: Error | undefined

  constructor(size: number, spawn: () => WorkerPort, options: TidyOptions, keepMessages = true) {
    for (let i = 0; i < size; i++) {
      const worker = spawn()
      worker.post({ type: 'init', options, keepMessages })
      worker.onMessage((message) => this.settle(worker, message))
      worker.onError((error) => this.fail(error))
      this.workers.push(worker)
      this.idle.push(worker)
    }
  }

  run(tasks: Task[]): Promise<TaskResult[]> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, tasks, resolve, reject })
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()))
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!
      const job = this.queue.shift()!
      this.busy.set(worker, job)
      worker.post({ type: 'run', id: job.id, tasks: job.tasks })
    }
  }

  private settle(worker: WorkerPort, message: FromWorker): void {
    const job = this.busy.get(worker)
    if (!job || job.id !== message.id) return
    this.busy.delete(worker)
    this.idle.push(worker)
    if (message.type === 'done') job.resolve(message.results)
    else job.reject(new Error(`worker: ${message.error}`))
    this.dispatch()
  }

  private fail(error: Error): void {
    this.failure = error
    for (const job of [...this.busy.values(), ...this.queue]) job.reject(error)
    this.busy.clear()
    this.queue.length = 0
  }
}

export interface LazyPoolOptions {
  jobs: number
  /** Input bytes cleaned in this thread before workers are started: below it, their start-up costs more than they save. */
  startAfter: number
  spawn: () => WorkerPort
  options: TidyOptions
  /** Whether results carry their messages (default true); see runTask. */
  keepMessages?: boolean
}

/**
 * Cleans in this thread until enough input has gone by to pay for starting workers (a worker builds its own
 * processor, a second or more), then hands every later batch to the pool. One small file never starts a worker.
 */
export function lazyPool(local: Cleaner, settings: LazyPoolOptions): Cleaner {
  let seen = 0
  let pool: WorkerPool | undefined
  return {
    run(tasks) {
      if (!pool) {
        seen += tasks.reduce((n, t) => n + (t.kind === 'bytes' ? t.bytes.length : t.text.length * 3), 0)
        if (seen <= settings.startAfter) return local.run(tasks)
        pool = new WorkerPool(settings.jobs, settings.spawn, settings.options, settings.keepMessages)
      }
      return pool.run(tasks)
    },
    async close() {
      await local.close()
      await pool?.close()
    },
  }
}

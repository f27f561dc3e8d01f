import type { Cleaner, Task, TaskResult } from './types.js'

/**
 * One step of the output in input order: a task to clean and what to do with its result, or (no task) bytes to pass
 * through, or the end of a document. `size` is the input it covers, for batching.
 */
export interface Item {
  task?: Task
  size: number
  emit(result: TaskResult | undefined): Promise<void>
}

export interface PumpOptions {
  /** Input bytes gathered into one batch before it is sent: a message to a worker costs about as much as a short record. */
  batchBytes: number
  /** Batches sent and not yet written: bounds memory, keeps every worker busy. */
  inFlight: number
}

/**
 * Sends items to the cleaner in batches and runs their `emit`s strictly in input order. Reading stops while
 * `inFlight` batches wait for their results or for the output to drain, so memory follows the batch size, not
 * the input.
 */
export async function pump(items: AsyncIterable<Item>, cleaner: Cleaner, options: PumpOptions): Promise<void> {
  let chain: Promise<void> = Promise.resolve()
  const waiting: Promise<void>[] = []
  let batch: Item[] = []
  let batchSize = 0

  const send = async () => {
    const sent = batch
    batch = []
    batchSize = 0
    const tasks = sent.flatMap((item) => (item.task ? [item.task] : []))
    const results = tasks.length > 0 ? cleaner.run(tasks) : Promise.resolve([])
    // A failure is taken up by the chain below, in order; this only keeps it from counting as unhandled meanwhile.
    results.catch(() => {})
    chain = chain.then(async () => {
      const done = await results
      let k = 0
      for (const item of sent) await item.emit(item.task ? done[k++] : undefined)
    })
    waiting.push(chain)
    while (waiting.length >= options.inFlight) await waiting.shift()
  }

  try {
    const iterator = items[Symbol.asyncIterator]()
    let pending = iterator.next()
    for (;;) {
      // A partial batch goes out as soon as the input pauses: a co-process that writes one record and waits for
      // its answer (Ray, Spark, a pipe from a program) must get it without more input; a file never pauses this long.
      const next = batch.length > 0 ? await untilIdle(pending, IDLE_MS) : await pending
      if (next === IDLE) {
        await send()
        continue
      }
      if (next.done) break
      pending = iterator.next()
      batch.push(next.value)
      batchSize += next.value.size
      if (batchSize >= options.batchBytes) await send()
    }
    if (batch.length > 0) await send()
  } finally {
    // Even after a failure, every batch already sent must settle before the caller cleans up its outputs.
    await Promise.allSettled(waiting)
  }
  await chain
}

/**
 * How long an input may pause before what has arrived is acted on (a partial batch sent, a first look ended):
 * a co-process on a pipe waits for its answer, a file never pauses this long.
 */
export const IDLE_MS = 20
export const IDLE = Symbol('idle')

/** What `pending` resolves to, or IDLE when it does not within `ms` (the promise stays pending for the caller). */
export function untilIdle<T>(pending: Promise<T>, ms: number): Promise<T | typeof IDLE> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const idle = new Promise<typeof IDLE>((resolve) => (timer = setTimeout(() => resolve(IDLE), ms)))
  return Promise.race([pending, idle]).finally(() => clearTimeout(timer))
}

/** The cleaner for --jobs 1 and small inputs: tidy in this thread, no worker. */
export function inProcessCleaner(run: (tasks: Task[]) => TaskResult[]): Cleaner {
  return {
    run: async (tasks) => run(tasks),
    close: async () => {},
  }
}

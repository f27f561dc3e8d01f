/** The worker thread's entry (built as dist/worker.js): tidy() over the batches the pool sends. */
import { parentPort } from 'node:worker_threads'
import type { TidyOptions } from '../tidy.js'
import type { FromWorker, ToWorker } from './pool.js'
import { runTasks } from './task.js'
import { reviveTables } from '../corpus/repeated.js'

let options: TidyOptions = {}
let keepMessages = true
const port = parentPort!
port.on('message', (message: ToWorker) => {
  if (message.type === 'init') {
    // A line table (--repeated) crosses as a plain clone of its fields.
    options = reviveTables(message.options)
    keepMessages = message.keepMessages !== false
    return
  }
  let reply: FromWorker
  try {
    reply = { type: 'done', id: message.id, results: runTasks(message.tasks, options, keepMessages) }
  } catch (error) {
    reply = { type: 'failed', id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  }
  port.postMessage(reply)
})

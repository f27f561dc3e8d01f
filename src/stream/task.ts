import { tidy, type TidyOptions } from '../tidy.js'
import type { Task, TaskResult } from './types.js'

/**
 * The one place a task meets tidy(): the in-process cleaner and the worker both call it. With `keepMessages` false
 * the result carries no messages: the consumer reads only text and counts, and a dirty window's warnings (hundreds
 * of `encoding/lost-bytes` on a lossy page) would otherwise be made, cloned to the main thread and held there while
 * the window waits for its turn to be written.
 */
export function runTask(task: Task, options: TidyOptions, keepMessages = true): TaskResult {
  const result = tidy(task.kind === 'bytes' ? task.bytes : task.text, options)
  return { text: result.text, encoding: result.encoding, stats: result.stats, messages: keepMessages ? result.messages : [] }
}

export function runTasks(tasks: readonly Task[], options: TidyOptions, keepMessages = true): TaskResult[] {
  return tasks.map((task) => runTask(task, options, keepMessages))
}

import { tidy, type TidyOptions } from '../tidy.js'
import type { Task, TaskResult } from './types.js'

/** The one place a task meets tidy(): the in-process cleaner and the worker both call it. */
export function runTask(task: Task, options: TidyOptions): TaskResult {
  const result = tidy(task.kind === 'bytes' ? task.bytes : task.text, options)
  return { text: result.text, encoding: result.encoding, stats: result.stats, messages: result.messages }
}

export function runTasks(tasks: readonly Task[], options: TidyOptions): TaskResult[] {
  return tasks.map((task) => runTask(task, options))
}

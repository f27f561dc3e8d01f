/**
 * Everything the command line needs that loads the pipeline (the steps, their tables, unified): imported only
 * once the arguments, the config and the inputs have been checked, so that a usage error or a missing file is
 * reported before any of it is loaded.
 */
export { detect, processorFor } from '../tidy.js'
export { binaryKind, documentItems, formatFromName, inProcessCleaner, isGzip, pump, SNIFF_BYTES } from '../stream/index.js'
export { fileChunks, gunzip, gzipSink, nullSink, peek, spawnWorker, stdinChunks, stdoutSink, transcode } from '../stream/node.js'
export { lazyPool } from '../stream/pool.js'
export { runTasks } from '../stream/task.js'

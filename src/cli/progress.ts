/**
 * One status line on stderr for long runs: bytes and records done, the rate, and the time left when the total is
 * known. Hand-written rather than a library: it needs a carriage return and an erase-line code, nothing a
 * dependency with its own dependencies would add.
 */

export interface ProgressOptions {
  /** Input bytes in all, when every input is a file of known size. */
  total?: number
  /** Nothing is drawn before this many milliseconds: short runs stay silent. */
  delay?: number
}

export class Progress {
  bytes = 0
  records = 0
  private readonly started = Date.now()
  private timer: ReturnType<typeof setInterval> | undefined
  private drawn = false

  constructor(
    private readonly out: { write(s: string): unknown; columns?: number },
    private readonly options: ProgressOptions = {},
  ) {}

  /** Only a terminal gets a progress line; a pipe or a file never sees one, and --quiet turns it off. */
  static forStderr(quiet: boolean, options: ProgressOptions): Progress | undefined {
    if (quiet || !process.stderr.isTTY) return undefined
    const progress = new Progress(process.stderr, options)
    progress.start()
    return progress
  }

  start(): void {
    this.timer = setInterval(() => this.draw(), 250)
    this.timer.unref()
  }

  /** Clears the line so that whatever is written next starts clean. */
  stop(): void {
    if (this.timer) clearInterval(this.timer)
    if (this.drawn) this.out.write('\r\x1b[K')
    this.drawn = false
  }

  /** Call before writing another line to stderr, so that it does not land in the middle of the status. */
  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K')
    this.drawn = false
  }

  line(now = Date.now()): string {
    const seconds = Math.max((now - this.started) / 1000, 0.001)
    const rate = this.bytes / seconds
    const total = this.options.total
    let text = `zhtidy: ${size(this.bytes)}`
    if (total) text += ` of ${size(total)} (${Math.min(100, Math.floor((this.bytes / total) * 100))}%)`
    text += `, ${this.records.toLocaleString('en')} records, ${size(rate)}/s`
    if (total && rate > 0 && this.bytes < total) text += `, ${clock((total - this.bytes) / rate)} left`
    return text
  }

  private draw(): void {
    if (Date.now() - this.started < (this.options.delay ?? 1000)) return
    const width = (this.out.columns ?? 80) - 1
    this.out.write('\r' + this.line().slice(0, width) + '\x1b[K')
    this.drawn = true
  }
}

function size(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`
}

function clock(seconds: number): string {
  const s = Math.ceil(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`
}

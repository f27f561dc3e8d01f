// Preloaded into a measured process (`node --require …`): at exit it writes the process's own CPU time and peak
// RSS to the file named by ZHTIDY_BENCH_USAGE, so that the benchmark needs no external `time` command.
const { readFileSync, writeFileSync } = require('node:fs')
// getrusage's maxRSS counts the pre-exec image of the spawning process too (Linux keeps the larger of the two at
// exec), so a child of a large benchmark process reports that process's size; /proc's VmHWM is this image's own.
function peakRss(usage) {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return Number(hwm[1]) * 1024
  } catch {}
  return usage.maxRSS * 1024
}
const target = process.env.ZHTIDY_BENCH_USAGE
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(target, JSON.stringify({ cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, rss: peakRss(usage) }))
  })
}

// Preloaded into a measured process (`node --require …`): at exit it writes the process's own CPU time and peak
// RSS to the file named by ZHTIDY_BENCH_USAGE, so that the benchmark needs no external `time` command.
const { writeFileSync } = require('node:fs')
const target = process.env.ZHTIDY_BENCH_USAGE
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(target, JSON.stringify({ cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, rss: usage.maxRSS * 1024 }))
  })
}

// Preloaded into a child process by the benchmarks: reports the process's
// peak resident memory and its CPU time when it exits.
process.on("exit", () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nmax-rss-kb ${usage.maxRSS}\ncpu-us ${usage.userCPUTime + usage.systemCPUTime}\n`);
});

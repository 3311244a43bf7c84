// Preloaded into a build run by pdf.bench.ts: reports the process's peak
// resident memory when it exits.
process.on("exit", () => {
  process.stderr.write(`\nmax-rss-kb ${process.resourceUsage().maxRSS}\n`);
});

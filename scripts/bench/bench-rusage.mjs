// Preloaded (`node --import`) into a command the csv-ingest bench times: at exit, writes the
// process's peak RSS and CPU time — every thread, worker threads included — to stderr.
process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuS = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stderr.write(`\n@@rusage ${JSON.stringify({ maxRssKb: usage.maxRSS, cpuS })}\n`);
});

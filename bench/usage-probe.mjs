// Loaded into the zdctl child with `node --import`: at exit, writes the process's own resource
// usage (CPU, peak RSS) to the file ZDCTL_BENCH_USAGE names, so the bench sees zdctl's cost only.
// Plain JavaScript so it runs from the source tree, compiled or not.
import { writeFileSync } from 'node:fs';

const target = process.env.ZDCTL_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime, maxRssKb: usage.maxRSS }));
  });
}

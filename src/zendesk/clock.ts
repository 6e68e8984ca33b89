// Time as the client sees it. All durations are nominal (what Zendesk asked for); with a time scale
// of 1000, a nominal second passes in a real millisecond, so tests of waiting run fast.
import { performance } from 'node:perf_hooks';

export interface Clock {
  /** Nominal milliseconds since the clock was made. */
  now(): number;
  sleep(nominalMs: number): Promise<void>;
}

export function scaledClock(timeScale = 1): Clock {
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
  const start = performance.now();
  return {
    now: () => (performance.now() - start) * timeScale,
    sleep: (nominalMs) => new Promise((resolve) => setTimeout(resolve, Math.max(0, nominalMs / timeScale))),
  };
}

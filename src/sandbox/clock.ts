/** The sandbox's notion of time: injectable so tests never wait a real minute. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that runs `factor` times faster than real time, starting at `start`.
 * A client that divides its waits (Retry-After, backoff) by the same factor stays
 * consistent with the sandbox: "60 seconds" pass in 60/factor real seconds.
 */
export function acceleratedClock(factor: number, start: number = Date.now()): Clock {
  const realStart = Date.now();
  return { now: () => start + (Date.now() - realStart) * factor };
}

/** A clock that moves only when told to; for tests that need exact instants. */
export function manualClock(start = Date.UTC(2024, 0, 1)): Clock & { advance(ms: number): void } {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

/** Zendesk timestamps are ISO 8601 in UTC without milliseconds: `2015-12-30T01:47:00Z`. */
export function zendeskTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

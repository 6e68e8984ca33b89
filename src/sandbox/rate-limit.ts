import type { Clock } from './clock.js';

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** seconds until the budget refills, for Retry-After */
  retryAfter: number;
}

const WINDOW_MS = 60_000;

/**
 * A per-minute request budget in fixed windows of the injected clock (README "Rate limits":
 * 200/400/700/2500 a minute by plan). Every answer carries `X-Rate-Limit`,
 * `X-Rate-Limit-Remaining` and `ratelimit-limit/-remaining/-reset`; over the budget, 429 with
 * `Retry-After` in seconds. `null` turns limiting (and its headers) off.
 */
export class RateLimiter {
  private windowStart = -Infinity;
  private used = 0;

  constructor(
    private readonly clock: Clock,
    private perMinute: number | null,
  ) {}

  setLimit(perMinute: number | null): void {
    this.perMinute = perMinute;
    this.used = 0;
    this.windowStart = -Infinity;
  }

  take(): RateDecision {
    if (this.perMinute === null) return { allowed: true, headers: {}, retryAfter: 0 };
    const now = this.clock.now();
    if (now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now - (now % WINDOW_MS);
      this.used = 0;
    }
    const allowed = this.used < this.perMinute;
    if (allowed) this.used++;
    const reset = Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - now) / 1000));
    const remaining = String(Math.max(0, this.perMinute - this.used));
    const limit = String(this.perMinute);
    return {
      allowed,
      retryAfter: reset,
      headers: {
        'X-Rate-Limit': limit,
        'X-Rate-Limit-Remaining': remaining,
        'ratelimit-limit': limit,
        'ratelimit-remaining': remaining,
        'ratelimit-reset': String(reset),
      },
    };
  }
}

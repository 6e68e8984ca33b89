// Slowing down before Zendesk says 429. Every answer carries how many requests are left in the
// current window (X-Rate-Limit-Remaining, ratelimit-remaining) and when it resets (ratelimit-reset,
// seconds). While plenty are left, requests go at once; below a low-water mark, the rest are spread
// evenly over the time left; with none left, requests wait for the reset. A 429/503 Retry-After
// holds every request, not only the one that was refused.
import type { Clock } from './clock.js';

const REMAINING_HEADERS = ['ratelimit-remaining', 'x-rate-limit-remaining', 'rate-limit-remaining'];
const LIMIT_HEADERS = ['ratelimit-limit', 'x-rate-limit', 'rate-limit-limit', 'rate-limit'];
const RESET_HEADERS = ['ratelimit-reset', 'rate-limit-reset'];
/** Zendesk's limits are per minute; without a reset header, assume the window ends within one. */
const DEFAULT_WINDOW_SECONDS = 60;
/** Below this share of the limit left, requests are spread out. */
const LOW_WATER_SHARE = 0.1;

interface Window {
  remaining: number;
  limit: number | undefined;
  resetsAt: number;
}

export class RateLimitPacer {
  private window: Window | undefined;
  private heldUntil = 0;
  private nextSlotAt = 0;

  /** `reserve`: requests that may be in flight at once, kept as a minimum low-water mark. */
  constructor(
    private readonly clock: Clock,
    private readonly reserve: number,
  ) {}

  /** Reads the rate-limit headers of an answer; `othersInFlight` were sent but are not counted in it yet. */
  observe(headers: Headers, othersInFlight: number): void {
    const remaining = smallestNumber(headers, REMAINING_HEADERS);
    if (remaining === undefined) return;
    const now = this.clock.now();
    this.window = {
      remaining: remaining - othersInFlight,
      limit: firstNumber(headers, LIMIT_HEADERS),
      resetsAt: now + resetSecondsOf(headers) * 1000,
    };
  }

  /** After a 429 (or 503) with Retry-After: nobody sends before it is over. */
  holdFor(nominalMs: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.clock.now() + nominalMs);
  }

  /**
   * Takes a place for one request; returns the nominal milliseconds it must wait first.
   * `waitedOutHold`: the request that was refused has already slept its Retry-After itself.
   */
  delayForNextRequest(waitedOutHold = false): number {
    const now = this.clock.now();
    const hold = waitedOutHold ? 0 : Math.max(0, this.heldUntil - now);
    const window = this.currentWindow(now);
    if (window === undefined) return hold;
    window.remaining -= 1;
    if (window.remaining < 0) return Math.max(hold, window.resetsAt - now);
    if (window.remaining >= this.lowWaterMark(window)) return hold;
    const spacing = (window.resetsAt - now) / (window.remaining + 1);
    const sendAt = Math.max(now + hold, this.nextSlotAt);
    this.nextSlotAt = sendAt + spacing;
    return sendAt - now;
  }

  private currentWindow(now: number): Window | undefined {
    if (this.window !== undefined && now >= this.window.resetsAt) this.window = undefined;
    return this.window;
  }

  private lowWaterMark(window: Window): number {
    return Math.max(this.reserve, Math.ceil((window.limit ?? 0) * LOW_WATER_SHARE));
  }
}

function resetSecondsOf(headers: Headers): number {
  const reset = firstNumber(headers, RESET_HEADERS);
  if (reset === undefined) return DEFAULT_WINDOW_SECONDS;
  // Some servers send an epoch time instead of delta-seconds.
  return reset > 1e9 ? Math.max(0, reset - Date.now() / 1000) : reset;
}

function numbersOf(headers: Headers, names: string[]): number[] {
  return names
    .map((name) => headers.get(name))
    .filter((value): value is string => value !== null && value.trim() !== '')
    .map(Number)
    .filter(Number.isFinite);
}

function smallestNumber(headers: Headers, names: string[]): number | undefined {
  const values = numbersOf(headers, names);
  return values.length > 0 ? Math.min(...values) : undefined;
}

function firstNumber(headers: Headers, names: string[]): number | undefined {
  return numbersOf(headers, names)[0];
}

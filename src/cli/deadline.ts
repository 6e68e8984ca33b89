// `--deadline TIME` (apply, restore): the time after which no new write is started. Writes in
// flight finish; the rest are reported as not started (src/apply: the executor's `stop` signal).
import { InvalidArgumentError } from 'commander';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
/** setTimeout's longest delay (about 24.8 days); a deadline further away cannot arrive during one apply anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** commander's parser for --deadline: an ISO 8601 date and time with its zone, nothing vaguer. */
export function parseDeadline(text: string): Date {
  const date = new Date(text);
  if (!ISO_WITH_ZONE.test(text.trim()) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('expected an ISO 8601 date and time with its zone, e.g. 2026-11-28T06:00:00Z or 2026-11-28T07:00:00+01:00');
  }
  return date;
}

/** A signal that aborts at the deadline (at once if it has passed), saying so; `dispose` clears the timer. */
export function stopAt(deadline: Date, now = Date.now()): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const reason = `the deadline ${deadline.toISOString()} had passed`;
  const delay = deadline.getTime() - now;
  if (delay <= 0) {
    controller.abort(reason);
    return { signal: controller.signal, dispose: () => undefined };
  }
  if (delay > MAX_TIMER_MS) return { signal: controller.signal, dispose: () => undefined };
  const timer = setTimeout(() => controller.abort(reason), delay);
  timer.unref();
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}

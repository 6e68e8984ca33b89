/**
 * Fault injection: fractions of requests that fail the way a flaky network or a busy Zendesk
 * fails. Deterministic for a given seed and request order.
 */
export interface FaultSpec {
  /** fraction answered 429 with Retry-After */
  status429?: number;
  /** fraction answered 503 with Retry-After */
  status503?: number;
  /** fraction answered 500 */
  status500?: number;
  /** fraction whose connection is destroyed without an answer (nothing is done) */
  drop?: number;
  /** fraction carried out (a write is committed) whose answer is then lost: the socket is destroyed */
  lost?: number;
  /** fraction answered late, after `slowMs` */
  slow?: number;
  slowMs?: number;
  /** Retry-After seconds on injected 429/503 (default 1) */
  retryAfter?: number;
  seed?: number;
}

export type FaultKind = 'none' | '429' | '503' | '500' | 'drop' | 'lost';

export interface FaultDecision {
  kind: FaultKind;
  delayMs: number;
}

/** mulberry32: a tiny seedable PRNG, enough for reproducible fault sequences (and the bench's instances). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private readonly random: () => number;

  constructor(readonly spec: FaultSpec) {
    this.random = prng(spec.seed ?? 1);
  }

  /** Two draws a request: one picks at most one failure, one decides slowness. */
  decide(): FaultDecision {
    const failureDraw = this.random();
    const slowDraw = this.random();
    const { spec } = this;
    const ladder: Array<[FaultKind, number | undefined]> = [
      ['drop', spec.drop],
      ['lost', spec.lost],
      ['429', spec.status429],
      ['503', spec.status503],
      ['500', spec.status500],
    ];
    let threshold = 0;
    let kind: FaultKind = 'none';
    for (const [candidate, fraction] of ladder) {
      threshold += fraction ?? 0;
      if (failureDraw < threshold) {
        kind = candidate;
        break;
      }
    }
    const delayMs = slowDraw < (spec.slow ?? 0) ? (spec.slowMs ?? 200) : 0;
    return { kind, delayMs };
  }
}

const KEYS: Record<string, keyof FaultSpec> = {
  '429': 'status429',
  '503': 'status503',
  '500': 'status500',
  drop: 'drop',
  lost: 'lost',
  seed: 'seed',
  'retry-after': 'retryAfter',
};

/**
 * Parses the `--faults` syntax: comma-separated `name=value`, e.g.
 * `429=0.1,503=0.05,500=0.01,drop=0.02,lost=0.01,slow=0.1:200,seed=42,retry-after=2`.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name = '', value = ''] = part.split('=', 2).map((s) => s.trim());
    if (name === 'slow') {
      const [fraction = '', ms] = value.split(':');
      spec.slow = fraction_(name, fraction);
      if (ms !== undefined) spec.slowMs = count(name, ms);
      continue;
    }
    const key = KEYS[name];
    if (!key) throw new Error(`--faults: unknown fault "${name}" (known: 429, 503, 500, drop, lost, slow, seed, retry-after)`);
    spec[key] = key === 'seed' || key === 'retryAfter' ? count(name, value) : fraction_(name, value);
  }
  return spec;
}

function fraction_(name: string, text: string): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new Error(`--faults: ${name} needs a fraction between 0 and 1, got "${text}"`);
  }
  return value;
}

function count(name: string, text: string): number {
  const value = Number(text);
  if (text === '' || !Number.isInteger(value) || value < 0) throw new Error(`--faults: ${name} needs a whole number, got "${text}"`);
  return value;
}

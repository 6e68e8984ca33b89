// The request-count targets of the issue: a regression guard on counts, never on times
// (so not on 429s either, which depend on timing; the table reports them).
import type { Measurement } from './scenarios.js';

/** Why a measurement misses its target, or undefined when it meets it. */
export function violation(m: Measurement): string | undefined {
  if (m.exitCode !== 0 && !m.operation.startsWith('plan')) return `${m.operation} at ${m.scale}×: zdctl exited ${m.exitCode}`;
  if (m.operation.startsWith('plan') || m.operation.startsWith('export') || m.operation.startsWith('import')) {
    return m.ratio > 1 ? `${m.operation} at ${m.scale}×: ${m.requests} requests, lower bound ${m.lowerBound} (ratio ${m.ratio} > 1.0)` : undefined;
  }
  if (m.operation.startsWith('apply') || m.operation.startsWith('restore')) {
    if (m.writeTarget !== undefined && m.writes > m.writeTarget) return `${m.operation} at ${m.scale}×: ${m.writes} writes, target ${m.writeTarget} (lower bound ${m.writeLowerBound})`;
  }
  return undefined;
}

export function ratioViolations(measurements: readonly Measurement[]): string[] {
  return measurements.map(violation).filter((v): v is string => v !== undefined);
}

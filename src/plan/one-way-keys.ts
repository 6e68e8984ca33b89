import { error, type Diagnostic } from '../model/diagnostics.js';
import { DESCRIPTORS } from '../resources/index.js';
import type { Change } from './types.js';

/**
 * Changes Zendesk refuses outright (a private group made public): refused at plan time with the
 * file and line, rather than by Zendesk halfway through an apply.
 */
export function oneWayViolations(changes: readonly Change[]): Diagnostic[] {
  return changes.flatMap((change) => {
    if (change.action !== 'update' || !change.before || !change.after) return [];
    return (DESCRIPTORS[change.type].oneWay ?? [])
      .filter((rule) => change.changed_keys?.includes(rule.key) && change.before![rule.key] === rule.from && change.after![rule.key] === rule.to)
      .map((rule) =>
        error('one-way-change', `${rule.key} cannot change from ${JSON.stringify(rule.from)} to ${JSON.stringify(rule.to)}: ${rule.why}`, {
          address: change.address,
          ...(change.source ? { source: { ...change.source, column: 1 } } : {}),
          detail: rule.instead,
        }),
      );
  });
}

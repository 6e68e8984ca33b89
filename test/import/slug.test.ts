import { describe, expect, it } from 'vitest';
import { allocateNames, slugOf } from '../../src/import/slug.js';

describe('slugOf', () => {
  it.each([
    ['Customer tier', 'customer-tier'],
    ['Billing::Refund approved', 'billing-refund-approved'],
    ['Refund amount (USD)', 'refund-amount-usd'],
    ['  Café — Übersicht  ', 'cafe-ubersicht'],
    ['Заявки в работе', 'заявки-в-работе'],
    ['!!!', 'macro'],
    ['x'.repeat(100), 'x'.repeat(80)],
  ])('%s → %s', (key, slug) => {
    expect(slugOf(key, 'macro')).toBe(slug);
  });
});

describe('allocateNames', () => {
  it('numbers keys that share a slug in the order given, and avoids names already taken', () => {
    const items = ['Sev 1', 'Sev-1', 'sev 1', 'Other'];
    const names = allocateNames(items, (key) => key, 'view', new Set(['sev-1.yaml']), '.yaml');
    expect([...names.values()]).toEqual(['sev-1-2.yaml', 'sev-1-3.yaml', 'sev-1-4.yaml', 'other.yaml']);
  });
});

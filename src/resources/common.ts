import type { ReferenceSlot } from './types.js';

/** Read-only keys Zendesk adds to every managed object. */
export const COMMON_READ_ONLY = ['id', 'url', 'created_at', 'updated_at', 'position'] as const;

/** Conditions and actions of business rules; what each `value` holds depends on its `field`. */
export const RULE_SLOTS: readonly ReferenceSlot[] = [
  { path: ['conditions', 'all', '*'], rule: true },
  { path: ['conditions', 'any', '*'], rule: true },
  { path: ['actions', '*'], rule: true },
  // Action texts (comments, notification subjects and bodies, webhook payloads) may name ticket fields.
  { path: ['actions', '*', 'value'], text: true },
  { path: ['actions', '*', 'value', '*'], text: true },
];

export const notSystem = (): boolean => false;

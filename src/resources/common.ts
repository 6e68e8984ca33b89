import type { FieldEncoding, ReferenceSlot } from './types.js';

/** Read-only keys Zendesk adds to every managed object. */
export const COMMON_READ_ONLY = ['id', 'url', 'created_at', 'updated_at', 'position'] as const;

/** `{all, any}` conditions under `container` (business rules: `conditions`, SLA policies: `filter`); what each `value` holds depends on its `field`. */
export const conditionSlots = (container: string, fieldEncoding: FieldEncoding = 'custom_fields_id'): ReferenceSlot[] => [
  { path: [container, 'all', '*'], rule: true, fieldEncoding },
  { path: [container, 'any', '*'], rule: true, fieldEncoding },
];

/** Actions of business rules; what each `value` holds depends on its `field`. */
export const ACTION_SLOTS: readonly ReferenceSlot[] = [
  { path: ['actions', '*'], rule: true },
  // Action texts (comments, notification subjects and bodies, webhook payloads) may name ticket fields.
  { path: ['actions', '*', 'value'], text: true },
  { path: ['actions', '*', 'value', '*'], text: true },
];

/** Conditions and actions of business rules. */
export const RULE_SLOTS: readonly ReferenceSlot[] = [...conditionSlots('conditions'), ...ACTION_SLOTS];

export const notSystem = (): boolean => false;

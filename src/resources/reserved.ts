/**
 * The key of the user field that is zdctl's instance lock (src/zendesk/instance-lock.ts). It is
 * zdctl's own bookkeeping: never planned, imported or exported, and no file may manage it.
 */
export const LOCK_FIELD_KEY = 'zdctl_apply_lock';

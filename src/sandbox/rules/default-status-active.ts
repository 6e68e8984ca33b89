import type { Rule } from '../resources/descriptor.js';

/**
 * Assumed, no recording: a default custom status (each category's, the built-in ones at first)
 * cannot be deactivated; another status must be made the default first.
 */
export const defaultStatusStaysActive: Rule = (status) =>
  status.default === true && status.active === false
    ? [{ field: 'active', description: 'Active: a default status cannot be deactivated', error: 'InvalidValue' }]
    : [];

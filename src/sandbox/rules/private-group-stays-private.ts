import type { Rule } from '../resources/descriptor.js';

/** Spec GroupObject.is_public: "You can't change a private group to a public group". */
export const privateGroupStaysPrivate: Rule = (group, { existing }) =>
  existing?.is_public === false && group.is_public === true
    ? [{ field: 'is_public', description: 'Is public: a private group cannot be made public', error: 'InvalidValue' }]
    : [];

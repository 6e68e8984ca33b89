import type { Rule } from '../resources/descriptor.js';
import { conditionList } from './conditions.js';

const REQUIRED_FIELDS = new Set(['status', 'type', 'group_id', 'assignee_id', 'requester_id']);

/** Spec, POST /api/v2/views: "at least one condition in the `all` array that checks status, type, group_id, assignee_id, or requester_id". */
export const viewRequiredCondition: Rule = (candidate) => {
  if (conditionList(candidate, 'all').some((c) => REQUIRED_FIELDS.has(c.field))) return [];
  return [
    {
      field: 'base',
      description:
        'You must test for at least one of the following ticket properties in the ALL conditions section of your view: Status, Type, Group, Assignee, Requester.',
      error: 'InvalidValue',
    },
  ];
};

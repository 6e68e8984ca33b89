import { MANAGED_TYPES, type ManagedType } from '../../resources/index.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DesiredObject, LoadedInstance } from '../instance.js';
import { automationSelfNullifying } from './automation-self-nullifying.js';
import { automationTimeCondition } from './automation-time-condition.js';
import { conditionalFieldsOnForm } from './conditional-fields-on-form.js';
import { duplicateIdentity } from './duplicate-identity.js';
import { dynamicContentPlaceholders } from './dynamic-content-placeholders.js';
import { dynamicContentSlugs } from './dynamic-content-slugs.js';
import { fieldTypeConsistency, uniqueOptionValues, uniqueTicketFieldTags } from './field-options.js';
import { instanceConfig } from './instance-config.js';
import { localReferences } from './local-references.js';
import { noTimeConditionInAny } from './no-time-condition-in-any.js';
import { optionReferences } from './option-references.js';
import { orderFile } from './order-file.js';
import { personalRules } from './personal-rules.js';
import { previousKeyClash } from './previous-key-clash.js';
import { reservedKey } from './reserved-key.js';
import { slaPolicyMetrics } from './sla-policy-metrics.js';
import type { RuleContext, ValidationRule } from './rule.js';
import { scheduleHours } from './schedule-hours.js';
import { scheduleTimeZone } from './schedule-time-zone.js';
import { triggerCategory } from './trigger-category.js';
import { unclosedPlaceholder } from './unclosed-placeholder.js';
import { uniqueChildKey } from './unique-child-key.js';
import { unknownOperator } from './unknown-operator.js';
import { viewAllCondition } from './view-all-condition.js';
import { viewColumnLimit } from './view-column-limit.js';
import { webhookCalledByRules } from './webhook-called-by-rules.js';
import { webhookCustomHeaders } from './webhook-custom-headers.js';
import { webhookSubscriptions } from './webhook-subscriptions.js';

export type { RuleContext, ValidationRule } from './rule.js';

/** Every offline rule. A new rule is a file in this folder and a line here. */
export const RULES: readonly ValidationRule[] = [
  instanceConfig,
  duplicateIdentity,
  previousKeyClash,
  localReferences,
  unclosedPlaceholder,
  dynamicContentPlaceholders,
  dynamicContentSlugs,
  optionReferences,
  automationTimeCondition,
  automationSelfNullifying,
  noTimeConditionInAny,
  viewAllCondition,
  viewColumnLimit,
  uniqueOptionValues,
  uniqueTicketFieldTags,
  fieldTypeConsistency,
  orderFile,
  triggerCategory,
  conditionalFieldsOnForm,
  reservedKey,
  personalRules,
  unknownOperator,
  webhookSubscriptions,
  webhookCustomHeaders,
  webhookCalledByRules,
  slaPolicyMetrics,
  uniqueChildKey,
  scheduleHours,
  scheduleTimeZone,
];

export function ruleContext(instance: LoadedInstance): RuleContext {
  const byType = new Map<ManagedType, DesiredObject[]>(MANAGED_TYPES.map((type) => [type, []]));
  for (const object of instance.objects) byType.get(object.type)!.push(object);
  return { instance, objectsOf: (type) => byType.get(type)! };
}

export function runRules(instance: LoadedInstance, rules: readonly ValidationRule[] = RULES): Diagnostic[] {
  const context = ruleContext(instance);
  return rules.flatMap((rule) => rule.check(context));
}

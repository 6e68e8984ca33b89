import { MANAGED_TYPES, OPT_IN_TYPES } from '../resources/index.js';

// The schemas that list the managed types (instance.yaml's per-type `unmanaged` policies, a saved
// plan's `type`) take their lists from the descriptors: `npm run build` writes them
// (scripts/generate-schema-lists.mjs), and a test fails if a shipped schema is out of date.

type Json = Record<string, unknown>;

const POLICY_REF = { $ref: '#/$defs/unmanaged_policy' };

/** The schema with its lists of managed types as the descriptors have them; other schemas as they are. */
export function withTypeLists(name: string, schema: Json): Json {
  if (name === 'instance.schema.json') return withInstanceLists(schema);
  if (name === 'plan.schema.json') return withPlanLists(schema);
  return schema;
}

function withInstanceLists(schema: Json): Json {
  const copy = structuredClone(schema) as Json & { properties: { unmanaged: { anyOf: Json[] } } };
  const perType = copy.properties.unmanaged.anyOf.find((branch) => branch.type === 'object')!;
  perType.properties = Object.fromEntries(MANAGED_TYPES.map((type) => [type, POLICY_REF]));
  (copy.properties as Record<string, unknown>).manage = {
    type: 'array',
    items: { enum: [...OPT_IN_TYPES] },
    uniqueItems: true,
    description: `The types of ${OPT_IN_TYPES.join(', ')} this instance manages as files (created, changed and, by the unmanaged policy, deleted). A type not listed is only looked up by name, e.g. when groups are managed elsewhere. Default: none.`,
    examples: [[...OPT_IN_TYPES]],
  };
  return copy;
}

function withPlanLists(schema: Json): Json {
  const copy = structuredClone(schema) as Json & { $defs: { type: Json } };
  copy.$defs.type.enum = [...MANAGED_TYPES];
  return copy;
}

/** How the shipped schema files are written (two-space JSON and a newline), so regeneration is byte-stable. */
export const schemaText = (schema: Json): string => `${JSON.stringify(schema, null, 2)}\n`;

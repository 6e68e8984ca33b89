import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { parse } from 'yaml';

const SPEC = '../shared/zendesk-reference/openapi/support-api.yaml';

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Where the recordings show null but the spec does not say `nullable` (the recording wins):
 * [schema, property].
 */
const RECORDED_NULLS: Array<[string, string]> = [
  ['TicketFieldObject', 'agent_description'], // salto, go-zendesk ticket_fields
  ['TicketFormObject', 'display_name'], // cassette ZendeskAPI_TicketForm
  ['TicketFormObject', 'raw_display_name'],
  ['ViewObject', 'restriction'], // salto, cassette views
  ['CustomFieldObject', 'regexp_for_validation'], // salto user_fields
  ['CustomFieldObject', 'tag'],
  ['TriggerObject', 'description'], // go-zendesk POST/triggers.json, salto triggers
  ['ViewObject', 'description'], // salto views
  ['SLAPolicyObject', 'description'], // salto slas/policies ("SLA 502")
];
/** Where the recordings show values of other types: [schema, property] accepting anything (salto). */
const RECORDED_ANY: Array<[string, string]> = [
  ['TriggerConditionObject', 'value'], // salto triggers: `"value": true`, `"value": null`
  ['ActionObject', 'value'], // salto automations: notification_user takes an array
];
// salto trigger_categories (empty page): after_cursor / before_cursor / links null.
const PAGINATION_NULLS = ['after_cursor', 'before_cursor', 'next', 'prev'];

/** OpenAPI 3.0 → JSON Schema: `nullable` becomes a null type, documentation keywords go. */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!isJson(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (['example', 'examples', 'xml', 'externalDocs', 'discriminator', 'readOnly', 'writeOnly', 'deprecated', 'nullable'].includes(key)) continue;
    out[key] = key === 'properties' && isJson(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)])) : convert(value);
  }
  return node.nullable === true ? makeNullable(out) : out;
}

function makeNullable(schema: Json): Json {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}

function relax(schemas: Json): void {
  for (const [name, property] of RECORDED_NULLS) {
    const properties = (schemas[name] as Json | undefined)?.properties as Json | undefined;
    if (properties && isJson(properties[property])) properties[property] = makeNullable(properties[property] as Json);
  }
  for (const [name, property] of RECORDED_ANY) {
    const properties = (schemas[name] as Json | undefined)?.properties as Json | undefined;
    if (properties) properties[property] = {};
  }
  const pagination = schemas.Pagination as Json;
  for (const part of ['links', 'meta']) {
    const properties = ((pagination.properties as Json)[part] as Json).properties as Json;
    for (const key of PAGINATION_NULLS) if (isJson(properties[key])) properties[key] = makeNullable(properties[key] as Json);
  }
}

export interface ResponseValidator {
  /** errors of `body` against the spec's response schema for method + path template + status; [] when valid */
  check(method: string, pathTemplate: string, status: number, body: unknown): string[];
}

export function loadSpecValidator(): ResponseValidator {
  const spec = parse(readFileSync(SPEC, 'utf8')) as Json;
  const components = spec.components as Json;
  const schemas = convert(components.schemas) as Json;
  relax(schemas);
  // ajv-formats is CommonJS: its default export may arrive wrapped once more.
  type AddFormats = (ajv: Ajv) => Ajv;
  const wrapped = formatsModule as unknown as AddFormats & { default?: AddFormats };
  const addFormats = wrapped.default ?? wrapped;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'zendesk', components: { schemas } });
  const paths = spec.paths as Record<string, Json>;
  return {
    check(method, pathTemplate, status, body) {
      const operation = paths[pathTemplate]?.[method.toLowerCase()] as Json | undefined;
      const responses = (operation?.responses ?? {}) as Json;
      // README: the spec says 200 for creating views and macros; the recordings say 201. Same body.
      const response = (responses[String(status)] ?? (status === 201 ? responses['200'] : undefined)) as Json | undefined;
      const schema = ((response?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
      if (!schema) return [`no response schema for ${method} ${pathTemplate} ${status}`];
      const rewritten = JSON.parse(JSON.stringify(convert(schema)).replaceAll('"#/components/', '"zendesk#/components/'));
      const validate = ajv.compile(rewritten as object);
      if (validate(body)) return [];
      return (validate.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message ?? ''}`);
    },
  };
}

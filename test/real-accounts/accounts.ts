// The real accounts zdctl must adopt: every recorded account and every list answer in
// ../shared/zendesk-reference/, each turned into the raw objects a sandbox is seeded with.
// Nothing here is generated: what Zendesk answered is what the sandbox holds.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readSeed, type SeedData } from '../../src/sandbox/index.js';
import { REPO_ROOT } from '../helpers/temp-repo.js';

export const REFERENCE_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'zendesk-reference');
const RECORDED = path.join(REFERENCE_DIR, 'recorded');

/** The types a list answer can hold, by their plural envelope key (the sandbox's own type names). */
const LIST_KEYS = ['ticket_fields', 'user_fields', 'organization_fields', 'ticket_forms', 'trigger_categories', 'triggers', 'automations', 'views', 'macros', 'groups', 'brands', 'schedules', 'webhooks', 'targets', 'custom_statuses', 'users'];

export interface RealAccount {
  name: string;
  /** Where it comes from, for a failure message. */
  source: string;
  load(): Promise<SeedData>;
  /**
   * Why the restore into a new account is not run, for a set of answers that is no whole account
   * (objects that name ids the recording does not hold). Undefined: the whole round trip runs.
   */
  fragment?: string;
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Adds the list answers of `body` to `data`, first answer per id wins (as the sandbox's seed does). */
function mergeLists(data: SeedData, body: unknown): void {
  if (!isObject(body)) return;
  for (const key of LIST_KEYS) {
    const list = body[key];
    if (!Array.isArray(list)) continue;
    const known = (data[key] ??= []) as JsonObject[];
    for (const object of list) if (isObject(object) && !known.some((k) => String(k.id) === String(object.id))) known.push(object);
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** The list reads (GET of a collection) recorded in the Ruby client's VCR cassettes. */
function cassetteLists(): SeedData {
  const data: SeedData = {};
  for (const file of walk(path.join(RECORDED, 'zendesk_api_client_rb')).filter((f) => f.endsWith('.json')).sort()) {
    const cassette = JSON.parse(readFileSync(file, 'utf8')) as { http_interactions?: { request: { method: string; uri: string }; response: { body: { string?: string; base64_string?: string } } }[] };
    for (const interaction of cassette.http_interactions ?? []) {
      if (interaction.request.method.toLowerCase() !== 'get') continue;
      const body = interaction.response.body;
      const text = body.string ?? (body.base64_string ? Buffer.from(body.base64_string, 'base64').toString('utf8') : '');
      try {
        mergeLists(data, JSON.parse(text));
      } catch {
        // a non-JSON answer holds no list
      }
    }
  }
  return data;
}

/**
 * Every example of a list answer (`*ResponseExample`) in Zendesk's published OpenAPI spec, less the
 * custom-object triggers (another endpoint) and the abbreviated objects no account can hold because
 * Zendesk refuses to create them (README: an automation needs a time condition, a view an `all`
 * condition on status/type/group/assignee/requester; a trigger needs conditions and actions):
 * a restore could not create them in a new account either. `OPENAPI_ABBREVIATED` names them.
 */
export const OPENAPI_ABBREVIATED: string[] = [];

function openApiExampleLists(): SeedData {
  const spec = parse(readFileSync(path.join(REFERENCE_DIR, 'openapi', 'support-api.yaml'), 'utf8')) as { components: { examples: Record<string, { value?: unknown }> } };
  const data: SeedData = {};
  const examples = Object.keys(spec.components.examples).filter((name) => name.endsWith('ResponseExample') && !name.startsWith('ObjectTrigger'));
  for (const name of examples.sort()) mergeLists(data, spec.components.examples[name]!.value);
  for (const [type, isHeldByAnAccount] of Object.entries(ACCOUNT_CAN_HOLD)) {
    const objects = (data[type] ?? []) as JsonObject[];
    for (const object of objects.filter((o) => !isHeldByAnAccount(o))) OPENAPI_ABBREVIATED.push(`${type}/${String(object.title)} (id ${String(object.id)})`);
    data[type] = objects.filter(isHeldByAnAccount);
  }
  return data;
}

const conditionsIn = (object: JsonObject, list: 'all' | 'any'): JsonObject[] => ((object.conditions as Record<string, JsonObject[]> | undefined)?.[list] ?? []);
const TIME_FIELDS = /^(NEW|OPEN|PENDING|HOLD|SOLVED|CLOSED|assigned_at|updated_at|requester_updated_at|assignee_updated_at|due_date|until_due_date)$/;
const ACCOUNT_CAN_HOLD: Record<string, (object: JsonObject) => boolean> = {
  automations: (o) => conditionsIn(o, 'all').some((c) => TIME_FIELDS.test(String(c.field))),
  views: (o) => conditionsIn(o, 'all').some((c) => ['status', 'type', 'group_id', 'assignee_id', 'requester_id'].includes(String(c.field))),
  triggers: (o) => typeof o.title === 'string' && conditionsIn(o, 'all').length + conditionsIn(o, 'any').length > 0 && Array.isArray(o.actions) && o.actions.length > 0,
};

export const REAL_ACCOUNTS: RealAccount[] = [
  { name: 'salto', source: 'recorded/salto/myBrand_mock_replies.json', load: () => readSeed(path.join(RECORDED, 'salto', 'myBrand_mock_replies.json')) },
  {
    name: 'go-zendesk',
    source: 'recorded/go-zendesk/GET/*.json',
    load: () => readSeed(path.join(RECORDED, 'go-zendesk', 'GET')),
    fragment: 'its ticket form names fields 360000422488 and 360000422508, which no recorded list holds, and two macros have no actions',
  },
  {
    name: 'zendesk_api_client_rb',
    source: 'recorded/zendesk_api_client_rb/**/*.json (GET answers)',
    load: async () => cassetteLists(),
  },
  {
    name: 'openapi-examples',
    source: 'openapi/support-api.yaml components.examples',
    load: async () => openApiExampleLists(),
    fragment: 'the example form names fields 5, 32 and 44 and brand 1, which no example list holds',
  },
];

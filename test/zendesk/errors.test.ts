// API errors name the object and quote Zendesk's own words, for each body shape Zendesk uses.
import { afterEach, describe, expect, it } from 'vitest';
import { ZendeskApiError } from '../../src/zendesk/index.js';
import { rejectionOf, testClient } from './helpers.js';
import { inOrder, json, type Reply, type ScriptedServer, startScriptedServer } from './scripted-server.js';

let server: ScriptedServer;
afterEach(async () => server?.close());

const cases: Array<{ shape: string; reply: Reply; zendeskMessage: string }> = [
  {
    shape: '422 RecordInvalid with details',
    reply: json(422, {
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { title: [{ description: 'cannot be blank', error: 'BlankValue' }] },
    }),
    zendeskMessage: 'RecordInvalid: title: cannot be blank',
  },
  {
    shape: '422 whose detail already names the field, several details',
    reply: json(422, {
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: {
        title: [{ description: 'Title: cannot be blank', error: 'BlankValue' }],
        base: [{ description: 'Tag "vip" is already used by field "Tier"', error: 'InvalidValue' }],
      },
    }),
    zendeskMessage: 'RecordInvalid: Title: cannot be blank; Tag "vip" is already used by field "Tier"',
  },
  {
    shape: '404 error + description',
    reply: json(404, { error: 'RecordNotFound', description: 'Not found' }),
    zendeskMessage: 'RecordNotFound: Not found',
  },
  {
    shape: '401 error only',
    reply: json(401, { error: "Couldn't authenticate you" }),
    zendeskMessage: "Couldn't authenticate you",
  },
  {
    shape: '403 error object with title and message',
    reply: json(403, { error: { title: 'Forbidden', message: 'You do not have access to this page' } }),
    zendeskMessage: 'Forbidden: You do not have access to this page',
  },
  {
    shape: '400 errors[] of newer endpoints',
    reply: json(400, { errors: [{ code: 'TriggerCategoryNotEmpty', title: 'Trigger category still has active triggers' }] }),
    zendeskMessage: 'TriggerCategoryNotEmpty: Trigger category still has active triggers',
  },
  {
    shape: 'plain text',
    reply: { status: 400, text: 'Invalid JSON in request body\n' },
    zendeskMessage: 'Invalid JSON in request body',
  },
  {
    shape: 'an HTML page from a proxy',
    reply: { status: 403, text: '<html><body><h1>403 Forbidden</h1></body></html>', headers: { 'content-type': 'text/html' } },
    zendeskMessage: '403 Forbidden',
  },
  {
    shape: 'an empty body',
    reply: { status: 404, text: '' },
    zendeskMessage: 'Not Found',
  },
];

describe('ZendeskApiError quotes Zendesk in each body shape', () => {
  it.each(cases)('$shape', async ({ reply, zendeskMessage }) => {
    server = await startScriptedServer(inOrder(reply));
    const client = testClient(server.url);

    const error = (await rejectionOf(client.send('PUT', 'triggers/7', { trigger: {} }, { describe: 'trigger "Escalate"' }))) as ZendeskApiError;

    const status = 'status' in reply ? reply.status : 0;
    expect(error).toBeInstanceOf(ZendeskApiError);
    expect(error.message).toBe(`trigger "Escalate": Zendesk answered ${status} ${zendeskMessage}`);
    expect({ status: error.status, method: error.method, path: error.path, zendeskMessage: error.zendeskMessage, attempts: error.attempts }).toEqual({
      status,
      method: 'PUT',
      path: 'triggers/7',
      zendeskMessage,
      attempts: 1,
    });
  });

  it('keeps the parsed body, and names METHOD path when no description is given', async () => {
    const body = { error: 'RecordNotFound', description: 'Not found' };
    server = await startScriptedServer(inOrder(json(404, body)));

    const error = (await rejectionOf(testClient(server.url).get('ticket_fields/99'))) as ZendeskApiError;

    expect(error.message).toBe('GET ticket_fields/99: Zendesk answered 404 RecordNotFound: Not found');
    expect(error.body).toEqual(body);
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  it('a 3xx redirect is not followed (credentials stay on this host) and is reported', async () => {
    server = await startScriptedServer(inOrder({ status: 301, text: '', headers: { location: 'https://elsewhere.example/api/v2/triggers' } }));

    const error = (await rejectionOf(testClient(server.url).get('triggers'))) as ZendeskApiError;

    expect(error.status).toBe(301);
    expect(server.requests).toHaveLength(1);
  });
});

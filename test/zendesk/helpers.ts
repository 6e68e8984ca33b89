import { createClient, type ClientOptions, type ZendeskClient } from '../../src/zendesk/index.js';
import type { LogEntry } from '../../src/zendesk/client.js';

export const EMAIL = 'admin@example.com';
export const TOKEN = 'tok_9f8e7d6c5b4a3210secret';
export const TIME_SCALE = 1000;

/** A client for the scripted server with fast waits and a log that tests can read. */
export function testClient(url: string, overrides: Partial<ClientOptions> = {}): ZendeskClient & { logs: LogEntry[] } {
  const logs: LogEntry[] = [];
  const client = createClient(
    {
      baseUrl: url,
      auth: { email: EMAIL, token: TOKEN },
      timeScale: TIME_SCALE,
      log: (entry) => logs.push(entry),
      ...overrides,
    },
    { random: () => 0.5 },
  );
  return Object.assign(client, { logs });
}

/** Resolves to the rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

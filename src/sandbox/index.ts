import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from './clock.js';
import { listed, ordered, present, type Account } from './crud.js';
import { FaultInjector, type FaultSpec } from './faults.js';
import { DEFAULT_ADMIN_EMAIL, seedFreshAccount } from './fresh-account.js';
import { deepCopy, LOOKUP_TYPES, MANAGED_TYPES, type ApiObject, type StoredType } from './model.js';
import { RateLimiter } from './rate-limit.js';
import { render } from './render.js';
import { DESCRIPTORS } from './resources/index.js';
import { buildRouter } from './routes.js';
import { readSnapshotFolder, seedObjects, type SeedData } from './seed.js';
import { createSandboxServer, type RequestLogEntry } from './server.js';
import { loadState, saveState } from './state.js';
import { Store } from './store.js';

export { acceleratedClock, manualClock, systemClock, type Clock } from './clock.js';
export { parseFaultSpec, prng, type FaultSpec } from './faults.js';
export { readSeed, type SeedData } from './seed.js';
export type { RequestLogEntry } from './server.js';
export { MANAGED_TYPES, LOOKUP_TYPES } from './model.js';

export interface SandboxOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** the API token accepted with any email (default `sandbox`) */
  token?: string;
  /** a token that may only read (like an OAuth token with the `read` scope): writes with it answer 403 */
  readToken?: string;
  /** requests a minute before 429 (default 700); null turns limiting off */
  rateLimitPerMinute?: number | null;
  clock?: Clock;
  faults?: FaultSpec | null;
  /** false: the token belongs to an agent, every write answers 403 (default true) */
  adminUser?: boolean;
  /** persist state here (loaded at start when present, written after every change and at stop) */
  statePath?: string;
  /** the account's subdomain, used for the default brand (default `sandbox`) */
  subdomain?: string;
  /**
   * true (default): a write naming an id that no object has (a field, option, group, form, …) is
   * refused with 422, as a real account would not keep it; false: such ids are stored as given
   */
  strictReferences?: boolean;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT; the API is at url + '/api/v2' */
  url: string;
  stop(): Promise<void>;
  /** back to a fresh account (request log and rate budget kept) */
  reset(): void;
  /** raw API objects by type (nine managed types + lookups), ids kept; a type given replaces its contents */
  seed(data: SeedData): void;
  seedFromSnapshot(dir: string): Promise<void>;
  /** raw state by type, as the list endpoints would return the objects */
  dump(): Record<string, ApiObject[]>;
  /**
   * Test-only: the objects of a type as stored, with what the API never answers — webhook secrets
   * (`authentication.data`, `signing_secret`), a schedule's holidays, soft-deleted groups.
   */
  storedObjects(type: StoredType): ApiObject[];
  requests: RequestLogEntry[];
  clearRequests(): void;
  setFaults(spec: FaultSpec | null): void;
  setRateLimit(perMinute: number | null): void;
  setAdminUser(admin: boolean): void;
  setStrictReferences(strict: boolean): void;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const store = new Store(clock);
  const subdomain = options.subdomain ?? 'sandbox';
  const freshAccount = () => {
    store.clear();
    seedFreshAccount(store, { subdomain, adminEmail: DEFAULT_ADMIN_EMAIL });
  };
  const saved = options.statePath ? loadState(options.statePath) : undefined;
  if (saved) store.restore(saved);
  else freshAccount();

  const persist = () => {
    if (options.statePath) saveState(options.statePath, store.snapshot());
  };
  const account: Account = {
    store, baseUrl: '', changed: persist, strictReferences: options.strictReferences ?? true,
    descriptors: MANAGED_TYPES.map((type) => DESCRIPTORS[type]),
  };
  let faults = options.faults ? new FaultInjector(options.faults) : null;
  let admin = options.adminUser ?? true;
  const rateLimiter = new RateLimiter(clock, options.rateLimitPerMinute === undefined ? 700 : options.rateLimitPerMinute);
  const requests: RequestLogEntry[] = [];
  const server = createSandboxServer({
    router: buildRouter(account, { admin: () => admin }),
    rateLimiter,
    clock,
    log: requests,
    faults: () => faults,
    token: () => options.token ?? 'sandbox',
    readToken: () => options.readToken,
    admin: () => admin,
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  account.baseUrl = url;

  return {
    url,
    requests,
    async stop() {
      persist();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
    reset() {
      freshAccount();
      persist();
    },
    seed(data) {
      seedObjects(store, data);
      persist();
    },
    async seedFromSnapshot(dir) {
      seedObjects(store, await readSnapshotFolder(dir));
      persist();
    },
    dump() {
      const result: Record<string, ApiObject[]> = {};
      for (const type of MANAGED_TYPES) {
        const descriptor = DESCRIPTORS[type];
        result[type] = ordered(descriptor, store).filter((o) => listed(descriptor, o)).map((o) => present(descriptor, o, url));
      }
      for (const type of LOOKUP_TYPES) result[type] = store.all(type).map((o) => render(type, o, url));
      return result;
    },
    storedObjects(type) {
      return deepCopy(store.all(type));
    },
    clearRequests() {
      requests.length = 0;
    },
    setFaults(spec) {
      faults = spec ? new FaultInjector(spec) : null;
    },
    setRateLimit(perMinute) {
      rateLimiter.setLimit(perMinute);
    },
    setAdminUser(value) {
      admin = value;
    },
    setStrictReferences(strict) {
      account.strictReferences = strict;
    },
  };
}

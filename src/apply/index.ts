import type { Change, Plan } from '../plan/types.js';
import { changeRef } from '../plan/dependencies.js';
import type { ApiId, LiveState } from '../resources/live.js';
import type { ZendeskClient } from '../zendesk/index.js';
import { ApplyContext } from './context.js';
import { executeBatch, groupForBulk, type WorkItem } from './bulk.js';
import { execute } from './operations.js';
import { describeMissingSecrets, missingSecretVariables, type SecretReader } from './secrets.js';
import { ChangeError } from './change-error.js';

/** skipped: a dependency did not succeed; not_started: apply was told to stop (`stop`) before it began. */
export type ChangeStatus = 'applied' | 'failed' | 'skipped' | 'not_started';

export interface ChangeResult {
  change: Change;
  status: ChangeStatus;
  id?: ApiId;
  /** Zendesk's answer or zdctl's reason, for failed and skipped changes. */
  message?: string;
}

export interface ApplyResult {
  results: ChangeResult[];
  counts: Record<ChangeStatus, number>;
}

export interface ApplyOptions {
  /** Changes carried out at once; the client bounds requests in flight on its own. */
  concurrency?: number;
  /** Told of each change as it ends (progress, audit log). */
  onResult?: (result: ChangeResult) => void;
  /** Once aborted, no new write is started; writes in flight finish, the rest end as not_started. */
  stop?: AbortSignal;
  /** Where secrets come from (environment variables the files name); checked for every change before the first write. */
  secrets?: SecretReader;
}

/**
 * Carries out a plan: each change once every change it depends on has been applied; a change
 * whose dependency failed is skipped, independent changes go on. Knows nothing of YAML: the plan
 * and the live state before the first write are all it reads.
 */
export async function applyPlan(plan: Plan, live: LiveState, client: ZendeskClient, options: ApplyOptions = {}): Promise<ApplyResult> {
  const read = options.secrets ?? (() => undefined);
  const missing = missingSecretVariables(plan.changes, read);
  if (missing.length > 0) throw new ChangeError(describeMissingSecrets(plan.changes, missing));
  const context = new ApplyContext(live, read);
  const inPlan = new Set(plan.changes.map(changeRef));
  const status = new Map<string, ChangeStatus>();
  const results: ChangeResult[] = [];
  const pending = new Set(plan.changes);
  const limit = options.concurrency ?? 4;
  const finish = (result: ChangeResult) => {
    status.set(changeRef(result.change), result.status);
    results.push(result);
    options.onResult?.(result);
  };

  const notStarted = (change: Change) => finish({ change, status: 'not_started', message: `not started: ${stopReason(options.stop)}` });

  while (pending.size > 0 && !options.stop?.aborted) {
    const ready: Change[] = [];
    for (const change of pending) {
      const dependencies = change.depends_on.filter((ref) => inPlan.has(ref));
      const blocked = dependencies.find((ref) => status.get(ref) === 'failed' || status.get(ref) === 'skipped');
      if (blocked) {
        pending.delete(change);
        finish({ change, status: 'skipped', message: `skipped: it depends on "${blocked}", which did not succeed` });
      } else if (dependencies.every((ref) => status.get(ref) === 'applied')) {
        ready.push(change);
      }
    }
    if (ready.length === 0) break;
    ready.forEach((change) => pending.delete(change));
    await runLimited(groupForBulk(ready), limit, async (item: WorkItem) => {
      const changes = 'single' in item ? [item.single] : item.batch;
      if (options.stop?.aborted) {
        changes.forEach(notStarted);
        return;
      }
      try {
        const id = 'single' in item ? await execute(item.single, client, context) : (await executeBatch(item, client, context), undefined);
        for (const change of changes) finish({ change, status: 'applied', ...(id !== undefined ? { id } : change.id !== undefined ? { id: change.id } : {}) });
      } catch (failure) {
        for (const change of changes) finish({ change, status: 'failed', message: failure instanceof Error ? failure.message : String(failure) });
      }
    });
  }
  for (const change of pending) {
    if (options.stop?.aborted) notStarted(change);
    else finish({ change, status: 'skipped', message: 'skipped: its dependencies never became ready' });
  }
  const counts: Record<ChangeStatus, number> = { applied: 0, failed: 0, skipped: 0, not_started: 0 };
  for (const result of results) counts[result.status] += 1;
  return { results, counts };
}

/** The stop signal's reason when it is a text or an Error (the CLI says why it stopped), else a generic one. */
export function stopReason(stop: AbortSignal | undefined): string {
  const reason: unknown = stop?.reason;
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  return 'apply was stopped before it began';
}

async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(workers);
}

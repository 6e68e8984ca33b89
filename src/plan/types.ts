import type { FileObject } from '../resources/file-form.js';
import type { ApiId } from '../resources/live.js';
import type { ManagedType } from '../resources/types.js';

/** Bumped when the JSON form of a plan changes incompatibly; see docs/plan-format.md. */
export const PLAN_FORMAT_VERSION = 1;

/** The closed set of things a plan can do to an object. */
export type ChangeAction = 'create' | 'update' | 'delete' | 'deactivate' | 'reorder';

/** An order of a type: a plain list of keys, or (triggers) categories with their trigger titles. */
export type OrderValue = string[] | { category: string; titles: string[] }[];

export interface Change {
  /** `<type>/<natural key>`, or `<type>` for a reorder. */
  address: string;
  type: ManagedType;
  action: ChangeAction;
  key: string;
  /** The live object's id (update, delete, deactivate). */
  id?: ApiId;
  /** The live object in file form. */
  before?: FileObject;
  /** The desired object in file form, `{file:}` texts inlined. */
  after?: FileObject;
  changed_keys?: string[];
  order?: { before: OrderValue; after: OrderValue };
  /** Half of a replace (a change Zendesk cannot make in place, e.g. a field's type). */
  replace?: boolean;
  /** Why: explains, never decides. */
  reason: string;
  /** Addresses of changes that must succeed before this one. */
  depends_on: string[];
  source?: { file: string; line: number };
}

export interface UnmanagedObject {
  type: ManagedType;
  key: string;
  id: ApiId;
  policy: 'ignore' | 'deactivate' | 'delete';
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  reorder: number;
}

export interface Plan {
  format_version: typeof PLAN_FORMAT_VERSION;
  zdctl_version: string;
  instance: string;
  subdomain: string;
  /** The base URL the plan was made against, when not https://<subdomain>.zendesk.com. */
  base_url?: string;
  created_at: string;
  changes: Change[];
  unmanaged: UnmanagedObject[];
  summary: PlanSummary;
  /** sha256 of each live object (`type/id`) and live order (`type#order`) the plan was computed from. */
  live_fingerprint: Record<string, string>;
}

export function summarize(changes: readonly Change[]): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, delete: 0, reorder: 0 };
  for (const change of changes) {
    if (change.action === 'deactivate') summary.update += 1;
    else summary[change.action] += 1;
  }
  return summary;
}

/** `acme`, or `http://127.0.0.1:4000, not acme.zendesk.com` when the plan was made against another URL. */
export function placeOf(plan: Pick<Plan, 'subdomain' | 'base_url'>): string {
  return plan.base_url ? `${plan.base_url}, not ${plan.subdomain}.zendesk.com` : plan.subdomain;
}

export function summaryLine(summary: PlanSummary): string {
  const total = summary.create + summary.update + summary.delete + summary.reorder;
  if (total === 0) return 'No changes.';
  return `Plan: ${summary.create} to create, ${summary.update} to update, ${summary.delete} to delete, ${summary.reorder} to reorder.`;
}

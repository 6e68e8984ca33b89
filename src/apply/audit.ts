import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { digest } from '../plan/fingerprint.js';
import type { ChangeResult } from './index.js';

/** One JSON line per change carried out (or not): enough to see what a 3 a.m. apply did. */
export interface AuditRecord {
  time: string;
  instance: string;
  type: string;
  key: string;
  action: string;
  id: string | number | null;
  before_digest: string | null;
  after_digest: string | null;
  result: string;
  message?: string;
}

export function auditRecord(instance: string, result: ChangeResult, now = new Date()): AuditRecord {
  const { change } = result;
  return {
    time: now.toISOString(),
    instance,
    type: change.type,
    key: change.key,
    action: change.action,
    id: result.id ?? change.id ?? null,
    before_digest: change.before || change.order ? digest(change.before ?? change.order?.before) : null,
    after_digest: change.after || change.order ? digest(change.after ?? change.order?.after) : null,
    result: result.status,
    ...(result.message ? { message: result.message } : {}),
  };
}

/** Appends to an owner-only JSON-lines file. */
export function auditLogWriter(file: string): (record: AuditRecord) => void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  return (record) => appendFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
}

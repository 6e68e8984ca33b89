// Whole-account recovery: what a restore needs that zdctl does not create. Brands, targets and users
// (and the opt-in types an instance does not manage) are looked up by name in the target account;
// a brand-new account lacks them, and a restore that finds out halfway has written half an account.
import { formatReference } from '../resources/references.js';
import { DESCRIPTORS, managedTypeOfKind, MANAGED_TYPES, type ReferenceKind } from '../resources/index.js';
import { findReferences, valuesAt } from '../resources/references.js';
import type { AccountSetting } from '../resources/types.js';
import type { ZendeskClient } from '../zendesk/index.js';
import type { NameIndex } from '../resources/live.js';
import type { DesiredState } from '../plan/desired.js';

export interface MissingLookup {
  kind: ReferenceKind;
  name: string;
  /** Addresses of the snapshot objects that name it (at most a few are shown). */
  usedBy: string[];
}

/** Names the desired state uses of kinds the target only looks up, which its live state does not have. */
export function missingLookups(desired: DesiredState, live: NameIndex): MissingLookup[] {
  const managed = desired.managedTypes ?? MANAGED_TYPES;
  const missing = new Map<string, MissingLookup>();
  for (const type of MANAGED_TYPES) {
    for (const entry of desired.objects[type]) {
      for (const reference of findReferences(DESCRIPTORS[type], entry.object)) {
        if (reference.name === undefined || reference.kind === 'Option' || managedTypeOfKind(reference.kind, managed)) continue;
        if (live.idOf(reference.kind, reference.name) !== undefined) continue;
        const key = `${reference.kind}\u0000${reference.name}`;
        const item = missing.get(key) ?? missing.set(key, { kind: reference.kind, name: reference.name, usedBy: [] }).get(key)!;
        const address = `${type}/${entry.key}`;
        if (!item.usedBy.includes(address)) item.usedBy.push(address);
      }
    }
  }
  return [...missing.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

export interface MissingSetting {
  noun: string;
  id: string;
  usedBy: string[];
}

/**
 * Account settings the desired objects hold by id (`accountSettings`: a variant's locale) that the
 * target lacks: one list read per setting the objects use, none when they use none.
 */
export async function missingSettings(desired: DesiredState, client: Pick<ZendeskClient, 'listAll'>): Promise<MissingSetting[]> {
  const used = new Map<AccountSetting, Map<string, string[]>>();
  for (const type of MANAGED_TYPES) {
    for (const setting of DESCRIPTORS[type].accountSettings ?? []) {
      const ids = used.get(setting) ?? used.set(setting, new Map()).get(setting)!;
      for (const entry of desired.objects[type]) {
        for (const { value } of valuesAt(entry.object, setting.path)) {
          const users = ids.get(String(value)) ?? ids.set(String(value), []).get(String(value))!;
          if (!users.includes(`${type}/${entry.key}`)) users.push(`${type}/${entry.key}`);
        }
      }
    }
  }
  const missing: MissingSetting[] = [];
  for (const [setting, ids] of used) {
    if (ids.size === 0) continue;
    const have = new Set((await client.listAll<{ id: unknown }>(setting.list, setting.envelope, 'none')).map((object) => String(object.id)));
    for (const [id, usedBy] of ids) if (!have.has(id)) missing.push({ noun: setting.noun, id, usedBy });
  }
  return missing;
}

/** The checklist as a person works through it, before anything is written. */
export function renderChecklist(items: readonly MissingLookup[], target: string, settings: readonly MissingSetting[] = []): string {
  const shown = (usedBy: string[]) => (usedBy.length > 3 ? `${usedBy.slice(0, 3).join(', ')} and ${usedBy.length - 3} more` : usedBy.join(', '));
  const lines = [
    ...items.map((item) => `  [ ] ${item.kind === 'User' ? `user ${item.name}` : formatReference(item.kind, item.name)}   (used by ${shown(item.usedBy)})`),
    ...settings.map((setting) => `  [ ] ${setting.noun} ${setting.id} enabled   (used by ${shown(setting.usedBy)})`),
  ];
  const count = items.length + settings.length;
  return [
    `${target} lacks ${count} thing${count === 1 ? '' : 's'} the snapshot names that zdctl does not create (it looks them up by name${settings.length > 0 ? ', or by id' : ''}):`,
    ...lines,
    `Create them in Zendesk (same names; users by email${settings.length > 0 ? `; enable the ${[...new Set(settings.map((s) => `${s.noun}s`))].join(' and ')} in its settings` : ''}), or manage the type (instance.yaml manage:), then run the restore again.`,
    '',
  ].join('\n');
}

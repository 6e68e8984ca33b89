import { fileIdentityOf } from '../resources/identity.js';
import { error, type Diagnostic } from '../model/diagnostics.js';
import { DESCRIPTORS, managedTypeOfKind, MANAGED_TYPES, typesPlacedBy, type ManagedType, type ReferenceKind } from '../resources/index.js';
import { liveKeyOf, type ApiObject, type LiveState } from '../resources/live.js';
import { liveSlugOf, newSlugOf, placeholderUsesIn, placeholderUsesOfLive } from '../resources/text-placeholders.js';
import { customerFieldsNamed, findReferences, RULE_FIELD_PREFIXES } from '../resources/references.js';
import type { DesiredEntry, DesiredState } from './desired.js';
import type { Change } from './types.js';

// Ordering as edges: each constraint of Zendesk's that decides what must happen first is one small
// function adding `depends_on` edges. Apply runs a change once everything it depends on succeeded.

export const changeRef = (change: Pick<Change, 'action' | 'address'>): string => `${change.action} ${change.address}`;

interface EdgeContext {
  changes: Change[];
  desired: DesiredState;
  live: LiveState;
  diagnostics: Diagnostic[];
}

type EdgeRule = (context: EdgeContext) => void;

/**
 * A create or update waits for the writes that make the names it uses resolve: the creates of the
 * fields, forms and categories it names, and the updates that rename one to the name it uses.
 */
const referencesWaitForTheirCreates: EdgeRule = ({ changes }) => {
  const naming = new Map<string, Change[]>();
  for (const change of changes) {
    if (change.action === 'create' || isRename(change)) naming.set(change.address, [...(naming.get(change.address) ?? []), change]);
  }
  for (const change of changes) {
    if (change.action !== 'create' && change.action !== 'update') continue;
    for (const reference of findReferences(DESCRIPTORS[change.type], change.after)) {
      const target = managedTypeOfKind(reference.kind);
      if (!target || reference.name === undefined) continue;
      for (const write of naming.get(`${target}/${reference.name}`) ?? []) if (write !== change) change.depends_on.push(changeRef(write));
    }
  }
};

const isRename = (change: Change): boolean => change.action === 'update' && change.before !== undefined && fileIdentityOf(DESCRIPTORS[change.type], change.before) !== change.key;

/**
 * A rule that names a user or organization field (`requester.custom_fields.<key>`) waits for that
 * field's create or update: the field, and a new drop-down option the rule names, exist only then.
 */
const rulesWaitForTheirCustomerFields: EdgeRule = ({ changes }) => {
  const fieldWrites = new Map<string, Change[]>();
  for (const change of changes) {
    if ((change.action === 'create' || change.action === 'update') && RULE_FIELD_PREFIXES[change.type]) fieldWrites.set(change.address, [...(fieldWrites.get(change.address) ?? []), change]);
  }
  if (fieldWrites.size === 0) return;
  for (const change of changes) {
    if (change.action !== 'create' && change.action !== 'update') continue;
    for (const address of customerFieldsNamed(DESCRIPTORS[change.type], change.after)) change.depends_on.push(...(fieldWrites.get(address) ?? []).map(changeRef));
  }
};

/** A reorder places every object of the types its order file places (triggers: and their categories), the new ones too. */
const reorderWaitsForCreates: EdgeRule = ({ changes }) => {
  for (const change of changes) {
    if (change.action !== 'reorder') continue;
    const placed = typesPlacedBy(DESCRIPTORS[change.type]);
    change.depends_on.push(...changes.filter((c) => c.action === 'create' && placed.includes(c.type)).map(changeRef));
  }
};

/**
 * A reorder names every live object of its type (unmanaged ones keep their slots): run side by side
 * with a delete of that type, it could name the object just deleted (404). The delete waits.
 */
const deletesWaitForReorder: EdgeRule = ({ changes }) => {
  for (const change of changes) {
    if (change.action !== 'delete' || change.replace) continue;
    const reorders = changes.filter((c) => c.action === 'reorder' && typesPlacedBy(DESCRIPTORS[c.type]).includes(change.type));
    change.depends_on.push(...reorders.map(changeRef));
  }
};

/** Zendesk keeps one default ticket form: the old default is deactivated or deleted only once another is the default. */
const oldDefaultWaitsForNewDefault: EdgeRule = ({ changes }) => {
  for (const change of changes) {
    if ((change.action !== 'deactivate' && change.action !== 'delete') || change.before?.default !== true) continue;
    change.depends_on.push(...changes.filter((c) => c.type === change.type && c !== change && c.after?.default === true).map(changeRef));
  }
};

/**
 * A field, form or category is deleted after the changes that stop other objects using it, and not
 * at all while something that stays still uses it (Zendesk: a category with active triggers
 * cannot be deleted; a field in use breaks the rules that test it).
 */
const deletesWaitForTheirUsers: EdgeRule = ({ changes, desired, live, diagnostics }) => {
  const deletes = changes.filter((c) => c.action === 'delete' && DESCRIPTORS[c.type].referencedAs);
  if (deletes.length === 0) return;
  const index = referenceIndex(changes, desired, live, new Set(deletes.map((d) => DESCRIPTORS[d.type].referencedAs!)));
  for (const deletion of deletes) {
    const users = usersOf(deletion, index);
    deletion.depends_on.push(...users.handled.map(changeRef));
    if (users.stillUsing.length > 0 && !deletion.replace) {
      diagnostics.push(
        error('in-use', `cannot delete ${deletion.address}: still used by ${users.stillUsing.join(', ')}`, {
          address: deletion.address,
          detail: 'remove those references first (or delete those objects in the same change); zdctl never deletes something that is in use',
        }),
      );
    }
  }
};

/**
 * Objects that share a title are told apart by creation order (identity.ts: `Age`, `Age#2` …), so
 * the create of occurrence n waits for the create of occurrence n-1 when both are in the plan.
 */
const duplicatesAreCreatedInOrder: EdgeRule = ({ changes }) => {
  const creates = new Map(changes.filter((c) => c.action === 'create').map((c) => [c.address, c]));
  for (const change of creates.values()) {
    const occurrence = /^(.*)#(\d+)$/.exec(change.address);
    if (!occurrence) continue;
    const n = Number(occurrence[2]);
    const earlier = creates.get(n === 2 ? occurrence[1]! : `${occurrence[1]!}#${n - 1}`);
    if (earlier) change.depends_on.push(changeRef(earlier));
  }
};

/** A text using a placeholder (`{{dc.greeting}}`) waits for the create of the object that will answer to it. */
const textsWaitForTheirPlaceholders: EdgeRule = ({ changes }) => {
  const creates = new Map<string, Change>();
  for (const change of changes) {
    const placeholder = DESCRIPTORS[change.type].textPlaceholder;
    if (change.action === 'create' && placeholder) creates.set(`${change.type}#${newSlugOf(placeholder, change.key)}`, change);
  }
  if (creates.size === 0) return;
  for (const change of changes) {
    if (change.action !== 'create' && change.action !== 'update') continue;
    for (const use of placeholderUsesIn(change.after)) {
      const create = creates.get(`${use.type}#${use.slug}`);
      if (create && create !== change) change.depends_on.push(changeRef(create));
    }
  }
};

/**
 * An object texts use by placeholder is deleted after the changes that stop using it, and not at
 * all while a text that stays (live, or in a file) still uses it.
 */
const placeholderDeletesWaitForTheirUsers: EdgeRule = ({ changes, desired, live, diagnostics }) => {
  const deletes = changes.filter((c) => c.action === 'delete' && DESCRIPTORS[c.type].textPlaceholder && !c.replace);
  if (deletes.length === 0) return;
  const changeOf = new Map(changes.filter((c) => c.id !== undefined).map((c) => [`${c.type}/${String(c.id)}`, c]));
  // Built once: `type#slug` → the live objects and desired entries whose texts use it.
  const liveUsers = new Map<string, { type: ManagedType; object: ApiObject }[]>();
  const desiredUsers = new Map<string, DesiredEntry[]>();
  const add = <T>(map: Map<string, T[]>, key: string, item: T) => {
    const list = map.get(key);
    if (!list) map.set(key, [item]);
    else if (!list.includes(item)) list.push(item);
  };
  for (const type of MANAGED_TYPES) {
    for (const object of live.objects[type] ?? []) for (const use of placeholderUsesOfLive(DESCRIPTORS[type], object)) add(liveUsers, `${use.type}#${use.slug}`, { type, object });
    for (const entry of desired.objects[type]) for (const use of placeholderUsesIn(entry.object)) add(desiredUsers, `${use.type}#${use.slug}`, entry);
  }
  for (const deletion of deletes) {
    const placeholder = DESCRIPTORS[deletion.type].textPlaceholder!;
    const object = (live.objects[deletion.type] ?? []).find((o) => String(o.id) === String(deletion.id));
    const slug = object && liveSlugOf(placeholder, object);
    if (slug === undefined) continue;
    const key = `${deletion.type}#${slug}`;
    const stillUses = (value: unknown) => placeholderUsesIn(value).some((use) => use.type === deletion.type && use.slug === slug);
    const stillUsing: string[] = [];
    for (const { type, object: user } of liveUsers.get(key) ?? []) {
      const change = changeOf.get(`${type}/${String(user.id)}`);
      if (change && (change.action === 'delete' || (change.action === 'update' && !stillUses(change.after)))) deletion.depends_on.push(changeRef(change));
      else stillUsing.push(`${type}/${liveKeyOf(DESCRIPTORS[type], user)}${change ? '' : ' (live)'}`);
    }
    stillUsing.push(...(desiredUsers.get(key) ?? []).map((entry) => entry.source.file));
    if (stillUsing.length === 0) continue;
    diagnostics.push(
      error('in-use', `cannot delete ${deletion.address}: ${placeholder.format(slug)} is still used by ${[...new Set(stillUsing)].join(', ')}`, {
        address: deletion.address,
        detail: 'remove those references first (or delete those objects in the same change); zdctl never deletes something that is in use',
      }),
    );
  }
};

const EDGE_RULES: readonly EdgeRule[] = [
  duplicatesAreCreatedInOrder,
  referencesWaitForTheirCreates,
  textsWaitForTheirPlaceholders,
  rulesWaitForTheirCustomerFields,
  reorderWaitsForCreates,
  deletesWaitForReorder,
  oldDefaultWaitsForNewDefault,
  deletesWaitForTheirUsers,
  placeholderDeletesWaitForTheirUsers,
];

/** Adds every edge to `changes` (in place); returns the diagnostics of deletes that cannot be made. */
export function addDependencies(changes: Change[], desired: DesiredState, live: LiveState): Diagnostic[] {
  const context: EdgeContext = { changes, desired, live, diagnostics: [] };
  for (const rule of EDGE_RULES) rule(context);
  for (const change of changes) change.depends_on = [...new Set(change.depends_on)];
  return context.diagnostics;
}

/** Who refers to what, built once per plan (a scan of every object per delete made many deletes quadratic). */
interface ReferenceIndex {
  changeOf: Map<string, Change>;
  /** `Kind#rawId` → live objects holding that id, in the order the scan used to meet them (`seq`). */
  live: Map<string, { seq: number; type: ManagedType; object: ApiObject }[]>;
  /** `Kind#name` → desired entries naming it. */
  desired: Map<string, { seq: number; entry: DesiredEntry }[]>;
}

function referenceIndex(changes: Change[], desired: DesiredState, live: LiveState, kinds: ReadonlySet<ReferenceKind>): ReferenceIndex {
  const index: ReferenceIndex = { changeOf: new Map(changes.filter((c) => c.id !== undefined).map((c) => [`${c.type}/${String(c.id)}`, c])), live: new Map(), desired: new Map() };
  const add = <T>(map: Map<string, T[]>, key: string, item: T) => (map.get(key) ?? map.set(key, []).get(key)!).push(item);
  let seq = 0;
  for (const type of MANAGED_TYPES) {
    const descriptor = DESCRIPTORS[type];
    for (const object of live.objects[type] ?? []) {
      const at = seq++;
      const keys = new Set(findReferences(descriptor, object).filter((r) => kinds.has(r.kind)).map((r) => `${r.kind}#${String(r.rawId)}`));
      for (const key of keys) add(index.live, key, { seq: at, type, object });
    }
    for (const entry of desired.objects[type]) {
      const at = seq++;
      const keys = new Set(findReferences(descriptor, entry.object).filter((r) => kinds.has(r.kind) && r.name !== undefined).map((r) => `${r.kind}#${r.name}`));
      for (const key of keys) add(index.desired, key, { seq: at, entry });
    }
  }
  return index;
}

/** Who refers to the object a delete removes: changes that stop referring to it, and objects that still will. */
function usersOf(deletion: Change, index: ReferenceIndex): { handled: Change[]; stillUsing: string[] } {
  const kind = DESCRIPTORS[deletion.type].referencedAs!;
  const handled: Change[] = [];
  const stillUsing: string[] = [];
  const liveUsers = (index.live.get(`${kind}#${String(deletion.id)}`) ?? []).map((user) => ({ seq: user.seq, live: user, entry: undefined }));
  const desiredUsers = deletion.replace ? [] : (index.desired.get(`${kind}#${deletion.key}`) ?? []).map((user) => ({ seq: user.seq, live: undefined, entry: user.entry }));
  for (const user of [...liveUsers, ...desiredUsers].sort((a, b) => a.seq - b.seq)) {
    if (user.entry) {
      stillUsing.push(`${user.entry.source.file}`);
      continue;
    }
    const { type, object } = user.live!;
    const descriptor = DESCRIPTORS[type];
    const change = index.changeOf.get(`${type}/${String(object.id)}`);
    const stillRefers = change?.action === 'update' && findReferences(descriptor, change.after).some((r) => r.kind === kind && r.name === deletion.key);
    if (change && (change.action === 'delete' || !stillRefers)) handled.push(change);
    else stillUsing.push(`${type}/${liveKeyOf(descriptor, object)}${change ? '' : ' (live)'}`);
  }
  return { handled, stillUsing: [...new Set(stillUsing)] };
}


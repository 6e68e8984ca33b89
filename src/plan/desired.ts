import type { DesiredObject, LoadedInstance, UnmanagedPolicy } from '../model/instance.js';
import { DESCRIPTORS, MANAGED_TYPES, managedTypesOf, type ManagedType, type ResourceDescriptor } from '../resources/index.js';
import type { FileObject } from '../resources/file-form.js';
import { formatReference } from '../resources/references.js';
import type { OrderValue } from './types.js';

export interface DesiredEntry {
  type: ManagedType;
  key: string;
  previousKeys: string[];
  object: FileObject;
  source: { file: string; line: number };
  origin: DesiredObject;
  /** The id the object has where it came from (a snapshot of this same instance): matched before any name. */
  liveId?: string | number;
}

/** What the files say the live instance should be, in the form the planner compares. */
export interface DesiredState {
  instance: string;
  subdomain: string;
  objects: Record<ManagedType, DesiredEntry[]>;
  /** Orders from `_order.yaml`; a type without one keeps its live order. */
  orders: Partial<Record<ManagedType, OrderValue>>;
  policyOf(type: ManagedType): UnmanagedPolicy;
  /** Where the desired state comes from, for the reasons a plan gives; default: files. */
  from?: 'files' | 'snapshot';
  /** Personal macros and views are managed too (instance.yaml `personal: include`). */
  includePersonal?: boolean;
  /** The types the target instance manages (opt-in types it does not list are looked up); default: all. */
  managedTypes?: readonly ManagedType[];
}

export function desiredStateOf(instance: LoadedInstance): DesiredState {
  const objects = Object.fromEntries(MANAGED_TYPES.map((type) => [type, [] as DesiredEntry[]])) as Record<ManagedType, DesiredEntry[]>;
  for (const origin of instance.objects) {
    const descriptor = DESCRIPTORS[origin.type];
    const object = withCategoryFromOrder(instance, descriptor, origin.key, origin.data);
    const previous = descriptor.renameKey ? object[descriptor.renameKey] : undefined;
    objects[origin.type].push({
      type: origin.type,
      key: origin.key,
      previousKeys: typeof previous === 'string' ? [previous] : Array.isArray(previous) ? previous.map(String) : [],
      object,
      source: { file: origin.file, line: origin.yaml.locate([]).line },
      origin,
    });
  }
  return {
    instance: instance.name,
    subdomain: instance.config?.subdomain ?? instance.name,
    objects,
    orders: ordersOf(instance),
    policyOf: policyReader(instance),
    includePersonal: instance.config?.personal === 'include',
    managedTypes: managedTypesOf(instance.config?.manage),
  };
}

/** A member of categories (a trigger) whose file names no category is in the one its `_order.yaml` lists it under. */
function withCategoryFromOrder(instance: LoadedInstance, descriptor: ResourceDescriptor, key: string, object: FileObject): FileObject {
  const ordering = descriptor.ordering;
  if (ordering.kind !== 'categories' || object[ordering.categoryKey] !== undefined) return object;
  const entries = instance.orders[descriptor.type]?.entries;
  const category = entries?.kind === 'categories' ? entries.categories.find((c) => c.titles.includes(key)) : undefined;
  if (!category) return object;
  return { ...object, [ordering.categoryKey]: formatReference(DESCRIPTORS[ordering.categoryType].referencedAs!, category.name) };
}

function ordersOf(instance: LoadedInstance): Partial<Record<ManagedType, OrderValue>> {
  const orders: Partial<Record<ManagedType, OrderValue>> = {};
  for (const [type, order] of Object.entries(instance.orders) as [ManagedType, NonNullable<LoadedInstance['orders'][ManagedType]>][]) {
    orders[type] = order.entries.kind === 'categories' ? order.entries.categories.map((c) => ({ category: c.name, titles: c.titles })) : order.entries.names;
  }
  return orders;
}

/** The instance's `unmanaged` policy per type (restore plans a snapshot under the target's policy). */
export function policyReader(instance: Pick<LoadedInstance, 'config'>): (type: ManagedType) => UnmanagedPolicy {
  const unmanaged = instance.config?.unmanaged;
  return (type) => (typeof unmanaged === 'string' ? unmanaged : (unmanaged?.[type] ?? 'ignore'));
}

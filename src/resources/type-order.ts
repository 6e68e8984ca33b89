import type { ManagedType, ResourceDescriptor } from './types.js';

/**
 * The managed types in create order: every type after the types it depends on (`dependsOn`),
 * otherwise in the order they are declared. Deletes run in the reverse order.
 */
export function dependencyOrder(descriptors: readonly ResourceDescriptor[]): ManagedType[] {
  const byType = new Map(descriptors.map((d) => [d.type, d]));
  const ordered: ManagedType[] = [];
  const state = new Map<ManagedType, 'visiting' | 'done'>();
  const visit = (type: ManagedType, path: ManagedType[]) => {
    if (state.get(type) === 'done') return;
    if (state.get(type) === 'visiting') throw new Error(`resource descriptors depend on each other in a cycle: ${[...path, type].join(' → ')}`);
    const descriptor = byType.get(type);
    if (!descriptor) throw new Error(`${path.at(-1) ?? '?'} depends on ${type}, which has no descriptor`);
    state.set(type, 'visiting');
    for (const dependency of descriptor.dependsOn) visit(dependency, [...path, type]);
    state.set(type, 'done');
    ordered.push(type);
  };
  for (const descriptor of descriptors) visit(descriptor.type, []);
  return ordered;
}

/** The types whose live positions one `_order.yaml` of this type sets (triggers: and their categories). */
export function typesPlacedBy(descriptor: ResourceDescriptor): ManagedType[] {
  return descriptor.ordering.kind === 'categories' ? [descriptor.type, descriptor.ordering.categoryType] : [descriptor.type];
}

/** The type whose order file also orders this one, if any (trigger categories: triggers). */
export function orderedWith(descriptor: ResourceDescriptor): ManagedType | undefined {
  return descriptor.ordering.kind === 'category_of' ? descriptor.ordering.memberType : undefined;
}

/** The schema of this type's `_order.yaml`, or none when Zendesk keeps no order for it. */
export function orderSchemaOf(descriptor: ResourceDescriptor): string | undefined {
  if (descriptor.ordering.kind === 'none') return undefined;
  return descriptor.ordering.kind === 'categories' ? descriptor.ordering.orderSchema : 'order.schema.json';
}

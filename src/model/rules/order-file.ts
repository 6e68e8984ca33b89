import { DESCRIPTORS, MANAGED_TYPES, type ManagedType } from '../../resources/index.js';
import { error, type Diagnostic } from '../diagnostics.js';
import type { OrderFile } from '../instance.js';
import { didYouMean } from '../suggest.js';
import type { RuleContext, ValidationRule } from './rule.js';

/**
 * SPEC.md: an `_order.yaml` names every managed object of its type exactly once, and nothing else.
 * For triggers it also places them in categories, so `trigger_categories/_order.yaml` must not exist too.
 */
export const orderFile: ValidationRule = {
  name: 'order-file',
  description: '_order.yaml names every object of its type exactly once, and nothing else',
  check: (context) =>
    MANAGED_TYPES.flatMap((type) => {
      const order = context.instance.orders[type];
      if (!order) return [];
      if (order.entries.kind === 'categories') return checkCategorizedOrder(context, order);
      return checkNames(order, order.entries.names.map((name, index) => ({ name, path: [index] })), keysOf(context, type), type, brokenOf(context, type));
    }),
};

/** Built-in objects (a file editing a system ticket field) keep their slots: no order file lists them. */
function keysOf(context: RuleContext, type: ManagedType): string[] {
  return context.objectsOf(type).filter((o) => !DESCRIPTORS[type].isSystem(o.data)).map((o) => o.key);
}

/**
 * Object files of a type that are broken (already reported): their names, and whether one could
 * not be read far enough to know its name. A name in _order.yaml may be theirs: not another error.
 */
function brokenOf(context: RuleContext, type: ManagedType): { keys: Set<string>; unnamed: boolean } {
  const broken = (context.instance.unusable ?? []).filter((u) => u.type === type);
  return { keys: new Set(broken.flatMap((u) => (u.key === undefined ? [] : [u.key]))), unnamed: broken.some((u) => u.key === undefined) };
}

function checkNames(order: OrderFile, listed: { name: string; path: (string | number)[] }[], expected: string[], type: ManagedType, broken: { keys: Set<string>; unnamed: boolean }): Diagnostic[] {
  const found: Diagnostic[] = [];
  const expectedSet = new Set(expected);
  const seen = new Set<string>();
  for (const { name, path } of listed) {
    const source = order.yaml.locate(path);
    if (seen.has(name)) found.push(error('order-file', `"${name}" is listed twice`, { source, detail: 'list each object once' }));
    else if (!expectedSet.has(name) && !broken.keys.has(name) && !broken.unnamed) {
      const close = didYouMean(name, expected);
      found.push(error('order-file', `"${name}" is not a ${DESCRIPTORS[type].singular.replace('_', ' ')} of this instance`, { source, detail: close.length ? `did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : `no file under ${type}/ has that ${DESCRIPTORS[type].naturalKey}` }));
    }
    seen.add(name);
  }
  const missing = expected.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    found.push(
      error('order-file', `${missing.length} ${type} missing from ${order.file}: ${missing.map((m) => `"${m}"`).join(', ')}`, {
        source: order.yaml.locate([]),
        detail: 'when _order.yaml exists it must list every object of the type; add them where they belong',
      }),
    );
  }
  return found;
}

/** The order of a type kept in categories (triggers): categories in order, each with its members in order. */
function checkCategorizedOrder(context: RuleContext, order: OrderFile): Diagnostic[] {
  const ordering = DESCRIPTORS[order.type].ordering;
  if (order.entries.kind !== 'categories' || ordering.kind !== 'categories') return [];
  const { categoryType, categoryKey } = ordering;
  const found: Diagnostic[] = [];
  const categoryOrder = context.instance.orders[categoryType];
  if (categoryOrder) {
    found.push(error('order-file', `${categoryType}/_order.yaml is not used when ${order.type}/_order.yaml exists`, { source: categoryOrder.yaml.locate([]), detail: `${order.type}/_order.yaml already orders the categories; delete ${categoryType}/_order.yaml` }));
  }
  const categories = order.entries.categories.map((c, index) => ({ name: c.name, path: [index, c.name] }));
  found.push(...checkNames(order, categories, keysOf(context, categoryType), categoryType, brokenOf(context, categoryType)));
  const members = order.entries.categories.flatMap((c, index) => c.titles.map((title, position) => ({ name: title, path: [index, c.name, position], category: c.name })));
  found.push(...checkNames(order, members, keysOf(context, order.type), order.type, brokenOf(context, order.type)));
  const listedIn = new Map(members.map((t) => [t.name, t.category]));
  const kind = DESCRIPTORS[categoryType].referencedAs!;
  const member = DESCRIPTORS[order.type].singular.replace(/_/g, ' ');
  for (const object of context.objectsOf(order.type)) {
    const declared = referencedName(kind, object.data[categoryKey]);
    const listed = listedIn.get(object.key);
    if (declared !== undefined && listed !== undefined && declared !== listed) {
      found.push(
        error('order-file', `${member} is in category "${declared}" but ${order.file} lists it under "${listed}"`, {
          address: `${order.type}/${object.key}`,
          source: object.yaml.locate([categoryKey]),
          detail: `keep one: remove ${categoryKey} from the ${member} file (the order file then decides) or move the title in _order.yaml`,
        }),
      );
    }
  }
  return found;
}

function referencedName(kind: string, value: unknown): string | undefined {
  const prefix = `${kind}: `;
  return typeof value === 'string' && value.startsWith(prefix) ? value.slice(prefix.length) : undefined;
}

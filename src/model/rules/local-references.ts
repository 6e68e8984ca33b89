import { DESCRIPTORS, managedTypeOfKind, managedTypesOf, MANAGED_TYPES, type ManagedType, type ReferenceKind } from '../../resources/index.js';
import { findReferences, placeholderNote } from '../../resources/references.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { locateIn } from '../yaml-file.js';
import { didYouMean } from '../suggest.js';
import { addressOf, type RuleContext, type ValidationRule } from './rule.js';

/**
 * References to managed types (Field, Form, Category) must name an object that has a file here:
 * otherwise apply could not create things in the right order. Looked-up names (Group, Brand …)
 * are checked against the live instance by plan.
 */
export const localReferences: ValidationRule = {
  name: 'unknown-reference',
  description: 'a "Field:", "Form:" or "Category:" reference names an object defined in this instance',
  check: (context) => {
    const known = knownNames(context);
    const managed = managedTypesOf(context.instance.config?.manage);
    // A file that could not be read far enough to know its name may be the one a reference means.
    const unreadable = new Set((context.instance.unusable ?? []).filter((u) => u.key === undefined).map((u) => u.type));
    // Files that broke their schema are checked too, so one run reports their wrong names as well.
    const broken = (type: ManagedType) => (context.instance.unusable ?? []).flatMap((u) => (u.type === type && u.data && u.yaml ? [{ type, key: u.key ?? '?', file: u.file, data: u.data, yaml: u.yaml }] : []));
    return MANAGED_TYPES.flatMap((type) =>
      [...context.objectsOf(type), ...broken(type)].flatMap((object) =>
        findReferences(DESCRIPTORS[type], object.data).flatMap((reference): Diagnostic[] => {
          const target = managedTypeOfKind(reference.kind, managed);
          if (!target || reference.name === undefined || known.get(target)!.has(reference.name) || unreadable.has(target)) return [];
          // Built-in objects that have no files (custom statuses) may carry a label an admin changed:
          // only the live account can tell, so validate warns and plan decides.
          const mayBeBuiltIn = DESCRIPTORS[target].builtInNames !== undefined && !DESCRIPTORS[target].editableSystem;
          const report = mayBeBuiltIn ? warning : error;
          return [
            report('unknown-reference', `${reference.kind} "${reference.name}"${placeholderNote(reference)} is not defined in this instance`, {
              address: addressOf(object),
              source: locateIn(object.yaml, reference.path, reference.inText?.start),
              detail: withBuiltInNote(hint(reference.kind, reference.name, [...known.get(target)!]), mayBeBuiltIn),
            }),
          ];
        }),
      ),
    );
  },
};

function knownNames(context: RuleContext): Map<ManagedType, Set<string>> {
  const known = new Map<ManagedType, Set<string>>(MANAGED_TYPES.map((type) => [type, new Set(context.objectsOf(type).map((o) => o.key))]));
  for (const broken of context.instance.unusable ?? []) if (broken.key !== undefined) known.get(broken.type)!.add(broken.key);
  for (const type of MANAGED_TYPES) for (const name of DESCRIPTORS[type].builtInNames ?? []) known.get(type)!.add(name);
  return known;
}

function hint(kind: ReferenceKind, name: string, candidates: string[]): string {
  const close = didYouMean(name, candidates);
  const folder = managedTypeOfKind(kind)!;
  return close.length > 0 ? `did you mean ${close.map((c) => `"${kind}: ${c}"`).join(' or ')}?` : `add a file for it under ${folder}/, or fix the name`;
}

function withBuiltInNote(detail: string, mayBeBuiltIn: boolean): string {
  return mayBeBuiltIn ? `${detail}${detail.endsWith('?') ? '' : '.'} A built-in one renamed in Zendesk is checked by plan against the live account` : detail;
}

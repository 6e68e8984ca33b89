import { error, type Diagnostic } from '../model/diagnostics.js';
import { didYouMean } from '../model/suggest.js';
import { DESCRIPTORS, isManagedType, MANAGED_TYPES, type ManagedType } from '../resources/index.js';
import { changeRef } from './dependencies.js';
import type { Change } from './types.js';


/**
 * `--target TYPE` or `--target TYPE/NAME`: those changes and, transitively, the changes they
 * depend on (a trigger's new field comes along), like Terraform's -target.
 */
/** `--target` values that name no managed type: reported before anything is read from Zendesk. */
export function checkTargets(targets: readonly string[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  selectTargets([], [...targets], diagnostics);
  return diagnostics;
}

/**
 * `known` gives the names of a type's objects (files and live); a NAME that is none of them is an
 * error with a did-you-mean, not a silent "No changes.".
 */
export function selectTargets(changes: Change[], targets: string[], diagnostics: Diagnostic[], known?: (type: ManagedType) => readonly string[]): Change[] {
  const byRef = new Map(changes.map((change) => [changeRef(change), change]));
  const selected = new Set<Change>();
  const visit = (change: Change) => {
    if (selected.has(change)) return;
    selected.add(change);
    for (const ref of change.depends_on) {
      const dependency = byRef.get(ref);
      if (dependency) visit(dependency);
    }
  };
  for (const target of targets) {
    const [type, ...rest] = target.split('/');
    const name = rest.join('/');
    if (!type || !isManagedType(type)) {
      const close = didYouMean(type ?? '', MANAGED_TYPES);
      const hint = close.length > 0 ? `did you mean ${close.map((c) => `"${[c, ...rest].join('/')}"`).join(' or ')}? ` : '';
      diagnostics.push(error('target', `--target ${target}: "${type}" is not a managed type`, { detail: `${hint}write TYPE or TYPE/NAME, e.g. --target triggers or --target "triggers/Notify requester"` }));
      continue;
    }
    if (name && known && !known(type).includes(name)) {
      const close = didYouMean(name, known(type));
      diagnostics.push(
        error('target', `--target ${target}: no file or live object of ${type} has the ${DESCRIPTORS[type].naturalKey} "${name}"`, {
          detail: close.length > 0 ? `did you mean ${close.map((c) => `"${type}/${c}"`).join(' or ')}?` : `names are exact, case included; zdctl plan --instance … lists the ${type} that would change`,
        }),
      );
      continue;
    }
    changes.filter((c) => c.type === type && (!name || c.key === name)).forEach(visit);
  }
  return changes.filter((change) => selected.has(change));
}

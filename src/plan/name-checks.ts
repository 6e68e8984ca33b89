import { error, type Diagnostic } from '../model/diagnostics.js';
import { didYouMean } from '../model/suggest.js';
import { locateIn } from '../model/yaml-file.js';
import { unknownOption } from '../model/rules/option-references.js';
import { desiredOptionFields, optionValuesInFiles, type FileOptionValues } from '../resources/field-options.js';
import { DESCRIPTORS, managedTypeOfKind, MANAGED_TYPES, type ManagedType, type ReferenceKind } from '../resources/index.js';
import type { LiveState, NameIndex } from '../resources/live.js';
import { liveSlugs, newSlugOf, placeholderTypes, placeholderUsesIn, placeholderUsesOfLive } from '../resources/text-placeholders.js';
import { findReferences, formatReference, placeholderNote, type FoundReference } from '../resources/references.js';
import type { DesiredState } from './desired.js';
import { addressOf, type Matching } from './match.js';

// What only the live instance can tell about names: each name a file uses exists live or is
// created by this plan, and each built-in object a file edits exists.

/** A file for a built-in object that the live instance does not have: zdctl never creates one. */
export function missingBuiltIns(desired: DesiredState, matching: Matching): Diagnostic[] {
  return MANAGED_TYPES.flatMap((type) =>
    desired.objects[type]
      .filter((entry) => DESCRIPTORS[type].isSystem(entry.object) && !matching.live.has(entry))
      .map((entry) => {
        const matchKey = DESCRIPTORS[type].editableSystem?.matchKey ?? DESCRIPTORS[type].naturalKey;
        return error('built-in-missing', `no built-in ${type} with ${matchKey} "${String(entry.object[matchKey])}" exists live`, {
          address: addressOf(type, entry.key),
          source: { ...entry.source, column: 1 },
          detail: 'Zendesk creates its built-in objects itself and zdctl never creates or deletes them; a file may only change what an admin can edit on them',
        });
      }),
  );
}

const LOOKED_UP_AS: Record<ReferenceKind, string> = {
  Group: 'groups up by name',
  Brand: 'brands up by name',
  Schedule: 'schedules up by name',
  Webhook: 'webhooks up by name',
  Target: 'targets up by title',
  Status: 'custom statuses up by agent label',
  User: 'users up by email',
  Field: 'fields up by title',
  Form: 'forms up by name',
  Category: 'categories up by name',
  Option: 'options up by value',
};

/**
 * Looked-up names (groups, brands …) and managed names must exist live or be created by this plan;
 * an option of a drop-down field must be one its file lists or, without a file, one it has live.
 */
export function unresolvedNames(desired: DesiredState, names: NameIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const desiredKeys = new Map(MANAGED_TYPES.map((type) => [type, new Set(desired.objects[type].map((e) => e.key))]));
  const fileOptions = optionValuesInFiles(MANAGED_TYPES.flatMap((type) => desired.objects[type]));
  const optionFields = desiredOptionFields(fileOptions, names);
  for (const type of MANAGED_TYPES) {
    for (const entry of desired.objects[type]) {
      for (const reference of findReferences(DESCRIPTORS[type], entry.object, optionFields)) {
        if (reference.name === undefined) continue;
        const problem = reference.kind === 'Option' ? unknownOptionOf(reference, fileOptions, names) : unknownName(reference, desiredKeys, names, desired.managedTypes ?? MANAGED_TYPES);
        if (problem) diagnostics.push(error('unknown-name', problem.summary, { address: addressOf(type, entry.key), source: locateIn(entry.origin.yaml, reference.path, reference.inText?.start), detail: problem.detail }));
      }
    }
  }
  return diagnostics;
}

function unknownName(reference: FoundReference, desiredKeys: Map<ManagedType, Set<string>>, names: NameIndex, managedTypes: readonly ManagedType[]): { summary: string; detail: string } | undefined {
  const name = reference.name!;
  if (names.idOf(reference.kind, name) !== undefined) return undefined;
  const managed = managedTypeOfKind(reference.kind, managedTypes);
  if (managed && desiredKeys.get(managed)!.has(name)) return undefined;
  const close = didYouMean(name, names.namesOf(reference.kind));
  return {
    summary: `${formatReference(reference.kind, name)}${placeholderNote(reference)} does not exist in the live instance`,
    detail: close.length > 0 ? `did you mean ${close.map((c) => `"${formatReference(reference.kind, c)}"`).join(' or ')}?` : managed ? `add a file for it under ${managed}/` : `create it in Zendesk first; zdctl looks ${LOOKED_UP_AS[reference.kind]} and never creates them`,
  };
}

/** The option values the field will have: its file's, or its live ones; an option id (escape hatch) counts when its value stays. */
function unknownOptionOf(reference: FoundReference, fileOptions: FileOptionValues, names: NameIndex): { summary: string; detail: string } | undefined {
  const scope = reference.scope!;
  const values = fileOptions.get(scope) ?? names.namesOf('Option', scope);
  const valueOfId = names.nameOf('Option', reference.name!, scope);
  if (values.includes(reference.name!) || (valueOfId !== undefined && values.includes(valueOfId))) return undefined;
  return unknownOption(scope, reference.name!, values);
}

/**
 * A placeholder (`{{dc.greeting}}`) in any text must answer to an object that is live or that a
 * file creates: otherwise Zendesk would show the text with the placeholder left empty.
 */
export function unknownPlaceholders(desired: DesiredState, live: LiveState, matching: Matching): Diagnostic[] {
  const liveKnown = liveSlugs((type) => live.objects[type] ?? []);
  const fileKnown = new Map(placeholderTypes().map((d) => [d.type, new Set(desired.objects[d.type].map((entry) => newSlugOf(d.textPlaceholder!, entry.key)))]));
  return MANAGED_TYPES.flatMap((type) =>
    desired.objects[type].flatMap((entry) => {
      // A text Zendesk already holds with the placeholder (accounts have them) is no change of the plan's.
      const matched = matching.live.get(entry);
      const held = new Set(matched ? placeholderUsesOfLive(DESCRIPTORS[type], matched).map((use) => `${use.type}#${use.slug}`) : []);
      return placeholderUsesIn(entry.object)
        .filter((use) => !liveKnown.get(use.type)!.has(use.slug) && !fileKnown.get(use.type)!.has(use.slug) && !held.has(`${use.type}#${use.slug}`))
        .map((use) => {
          const placeholder = DESCRIPTORS[use.type].textPlaceholder!;
          return error('unknown-name', `${placeholder.format(use.slug)} names no ${use.type} item: none is live, and no file under ${use.type}/ has a name that gives it`, {
            address: addressOf(type, entry.key),
            source: locateIn(entry.origin.yaml, use.path, use.start),
            detail: `add a file under ${use.type}/ (Zendesk derives the placeholder from the name: ${JSON.stringify(use.slug)} comes from a name such as ${JSON.stringify(use.slug.replace(/_/g, ' '))}), or correct the placeholder`,
          });
        });
    }),
  );
}

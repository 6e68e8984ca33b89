// Edits a chosen number of object files the way a day of real work would (a reworded
// description, a changed time threshold), spread evenly over the types, and puts them back.
import type { GeneratedInstance, GeneratedObject } from './generate.js';
import { writeObject } from './generate.js';

const EDITABLE = new Set(['ticket_fields', 'triggers', 'automations', 'views', 'macros']);

/** One content change: each becomes one update in the plan (one PUT; update_many cannot carry it). */
function edited(object: GeneratedObject, round: number): GeneratedObject {
  const data = structuredClone(object.data);
  if (object.type === 'automations') {
    const all = (data.conditions as { all: { value?: unknown }[] }).all;
    all[1]!.value = String(Number(all[1]!.value) + 1 + round);
  } else {
    data.description = `Edited by the benchmark (round ${round})`;
  }
  return { ...object, data };
}

export interface Mutation {
  changed: GeneratedObject[];
  byType: Record<string, number>;
  revert(): void;
}

/** Changes `count` objects in the written instance folder; `revert()` writes the originals back. */
export function mutate(instanceDir: string, generated: GeneratedInstance, count: number, round = 1): Mutation {
  const candidates = generated.objects.filter((o) => EDITABLE.has(o.type));
  const wanted = Math.min(count, candidates.length);
  const step = candidates.length / wanted;
  const originals = Array.from({ length: wanted }, (_, i) => candidates[Math.floor(i * step)]!);
  const changed = originals.map((o) => edited(o, round));
  changed.forEach((object) => writeObject(instanceDir, object));
  const byType: Record<string, number> = {};
  for (const object of changed) byType[object.type] = (byType[object.type] ?? 0) + 1;
  return { changed, byType, revert: () => originals.forEach((object) => writeObject(instanceDir, object)) };
}

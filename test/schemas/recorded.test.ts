// Every object of the nine managed types that real Zendesk returned in the
// recordings must be accepted once turned into the file form.
import { describe, expect, it } from 'vitest';
import { SINGULAR, TYPES, brief, loadAjv, recordedObjects, toFileForm, validatorFor } from './helpers.js';

const ajv = loadAjv();
const recorded = recordedObjects();

describe('recorded Zendesk objects', () => {
  it.each(TYPES)('the recordings hold %s', (type) => {
    expect(recorded.filter((r) => r.type === type).length).toBeGreaterThan(0);
  });

  it.each(recorded.map((r) => [r.type, r.source, r] as const))('%s %s is accepted in file form', (type, _source, r) => {
    const validate = validatorFor(ajv, `${SINGULAR[type]}.schema.json`);
    const file = toFileForm(type, r.object);
    const ok = validate(file);
    expect(ok ? [] : brief(validate.errors), JSON.stringify(validate.errors)).toEqual([]);
  });

  it('the raw live objects (with id, url, timestamps) are rejected', () => {
    for (const r of recorded) {
      const validate = validatorFor(ajv, `${SINGULAR[r.type]}.schema.json`);
      expect(validate(r.object), r.source).toBe(false);
      expect(validate.errors?.some((e) => e.keyword === 'additionalProperties' && e.instancePath === '')).toBe(true);
    }
  });
});

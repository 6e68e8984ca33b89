import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { SchemaSet } from '../../src/model/schemas.js';
import { validateInstance } from '../../src/model/validate.js';
import { parseYaml } from '../../src/model/yaml-file.js';
import { minimalInstance, tempRepo } from '../helpers/temp-repo.js';

/**
 * The loader never throws on any input: random bytes, random YAML-ish token soups, and mutations
 * of real files all come back as a value or as diagnostics with a file and a position.
 */
const schemas = new SchemaSet();

/** Tokens that steer the parser into its corners: anchors, aliases, tags, flow, block scalars, directives. */
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom('title: ', 'actions:', '- ', '  ', '    ', '\n', '\t', '&a ', '*a', '*b', '&b ', '!!str ', '!!binary ', '!x ', '[', ']', '{', '}', ', ', ': ', '? ', '|', '>-', '"', "'", '#', '---\n', '...\n', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '<<: ', 'field: ', 'value: ', '{file: content/a}', '\\u0000', '\ufeff', '\u2028', '~', 'null', '0x1F', '1e400', '.nan'),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

function checked(diagnostics: Diagnostic[], file: string): void {
  for (const d of diagnostics) {
    expect(d.severity === 'error' || d.severity === 'warning').toBe(true);
    expect(typeof d.summary).toBe('string');
    if (d.source?.file === file) {
      expect(d.source.line).toBeGreaterThanOrEqual(1);
      expect(d.source.column).toBeGreaterThanOrEqual(1);
    }
  }
}

describe('the YAML loader on arbitrary input', () => {
  it('parseYaml returns a value or diagnostics for any text, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const result = parseYaml(text, 'x.yaml');
        expect(result.yaml !== undefined || result.diagnostics.length > 0).toBe(true);
        if (result.yaml) expect(result.diagnostics).toEqual([]);
        checked(result.diagnostics, 'x.yaml');
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('validateInstance reports any bytes in an object file, instance.yaml or an order file as diagnostics, never throws', () => {
    const repo = tempRepo();
    try {
      fc.assert(
        fc.property(
          fc.constantFrom('macros/a.yaml', 'instance.yaml', 'triggers/_order.yaml', 'ticket_fields/a.yaml'),
          fc.oneof(fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)), yamlish.map((text) => Buffer.from(text))),
          (file, bytes) => {
            repo.write(minimalInstance({ 'macros/ok.yaml': 'title: Ok\nactions: []\n', [file]: bytes }));
            let diagnostics: Diagnostic[] = [];
            expect(() => ({ diagnostics } = validateInstance(repo.dir, 't', schemas))).not.toThrow();
            checked(diagnostics, `instances/t/${file}`);
            repo.write({ [`instances/t/${file}`]: file === 'instance.yaml' ? 'subdomain: test\n' : '[]\n' });
          },
        ),
        { seed: 11, numRuns: 400 },
      );
    } finally {
      repo.remove();
    }
  });

  it('mutations of the shipped example files never make the loader throw', () => {
    const repo = tempRepo();
    const source = 'title: Route\nactive: true\nconditions:\n  all:\n    - field: "Field: Severity"\n      operator: is\n      value: sev_1\n  any: []\nactions:\n  - field: notification_user\n    value: [requester_id, "Hi {{ticket.id}}", {file: content/a.md}]\n';
    try {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(source.length), fc.nat(6), fc.string({ unit: 'binary', maxLength: 4 })), { minLength: 1, maxLength: 4 }), (edits) => {
          let text = source;
          for (const [at, cut, insert] of edits) text = text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + cut);
          repo.write(minimalInstance({ 'triggers/a.yaml': text, 'content/a.md': 'Hello\n' }));
          expect(() => validateInstance(repo.dir, 't', schemas)).not.toThrow();
        }),
        { seed: 13, numRuns: 500 },
      );
    } finally {
      repo.remove();
    }
  });
});

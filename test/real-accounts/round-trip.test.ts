// Every real recorded account, adopted and restored as a team would on its first day:
// sandbox seeded with the account → import → validate → plan (No changes., no write) → an edit
// applied (plan No changes. after) → export →
// restore into a brand-new account that has only the looked-up names → export → equal by name.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFormsByName } from '../helpers/snapshot-compare.js';
import { repoCopy, sandboxFor, zdctl } from '../helpers/zdctl.js';
import { REAL_ACCOUNTS } from './accounts.js';
import { lookupsOf, secretsFor, step, withoutNulls, writesTo } from './steps.js';
import { withDefaults, type FileObject } from '../../src/resources/file-form.js';
import { DESCRIPTORS, OPT_IN_TYPES, type ManagedType } from '../../src/resources/index.js';

describe.each(REAL_ACCOUNTS)('real account $name ($source)', (account) => {
  const title = account.fragment
    ? `imports, validates, plans No changes., exports (no restore: ${account.fragment})`
    : 'imports, validates, plans No changes., exports, restores into a new account and exports the same';
  it(title, async () => {
    const source = await sandboxFor();
    const target = await sandboxFor();
    const repo = repoCopy();
    try {
      source.sandbox.seed(await account.load());
      for (const name of ['acme', 'acme-dr']) {
        mkdirSync(path.join(repo.dir, 'instances', name), { recursive: true });
        // The whole account: every type an instance may opt into is managed too (groups, statuses …).
        writeFileSync(path.join(repo.dir, 'instances', name, 'instance.yaml'), `subdomain: ${name}\nmanage: [${OPT_IN_TYPES.join(', ')}]\n`);
      }
      const inSource = (...argv: string[]) => () => zdctl(argv, { cwd: repo.dir, env: source.env });
      const inTarget = (...argv: string[]) => () => zdctl(argv, { cwd: repo.dir, env: target.env });
      // A restore into a new account asks for the webhook secrets Zendesk never answers.
      const withSecrets = (...argv: string[]) => () => zdctl(argv, { cwd: repo.dir, env: { ...target.env, ...secretsFor(path.join(repo.dir, 'snap-a')) } });

      await step('import', inSource('import', '--instance', 'acme'), (r) => expect(r.code).toBe(0));
      await step('validate', inSource('validate', '--instance', 'acme'), (r) => {
        expect(r.stderr).not.toContain('error:');
        expect(r.code).toBe(0);
      });
      source.sandbox.clearRequests();
      await step('plan', inSource('plan', '--instance', 'acme', '--detailed-exitcode'), (r) => {
        expect(r.stdout).toMatch(/^No changes\.$/m);
        expect(r.code).toBe(0);
        expect(writesTo(source.sandbox)).toEqual([]);
      });
      const edited = editDescriptions(path.join(repo.dir, 'instances/acme'), ['groups', 'triggers', 'ticket_fields']);
      expect(edited).toBeGreaterThan(0);
      await step('apply an edit', inSource('apply', '--instance', 'acme', '--auto-approve'), (r) => {
        expect(r.stdout).toMatch(new RegExp(`^Plan: 0 to create, ${edited} to update, 0 to delete, 0 to reorder\\.$`, 'm'));
        expect(r.code).toBe(0);
      });
      await step('plan after the edit', inSource('plan', '--instance', 'acme', '--detailed-exitcode'), (r) => {
        expect(r.stdout).toMatch(/^No changes\.$/m);
        expect(r.code).toBe(0);
      });
      await step('export', inSource('export', '--instance', 'acme', '--out', 'snap-a'), (r) => expect(r.code).toBe(0));
      if (account.fragment) return;

      // The languages dynamic content uses are account settings an admin enables first, as brands are
      // created first (docs/disaster-recovery.md); zdctl does not enable them.
      target.sandbox.seed({ ...lookupsOf(path.join(repo.dir, 'snap-a'), []), locales: source.sandbox.dump().locales ?? [] });
      // What a brand-new account holds of its own (its default form …) is no part of the restore.
      await step('export of the new account', inTarget('export', '--instance', 'acme-dr', '--out', 'snap-new'), (r) => expect(r.code).toBe(0));
      await step('restore into a new account', withSecrets('restore', 'snap-a', '--instance', 'acme-dr', '--auto-approve'), (r) => expect(r.code).toBe(0));
      await step('plan of the restored account', inTarget('restore', 'snap-a', '--instance', 'acme-dr', '--dry-run'), (r) => expect(r.stdout).toMatch(/^No changes\.$/m));
      await step('export of the restored account', inTarget('export', '--instance', 'acme-dr', '--out', 'snap-b'), (r) => expect(r.code).toBe(0));
      // A key an older answer leaves out is the null a newer one gives (2015 cassettes have no macro description).
      const restored = fileFormsByName(path.join(repo.dir, 'snap-b'));
      const original = fileFormsByName(path.join(repo.dir, 'snap-a'));
      const ownOfNewAccount = fileFormsByName(path.join(repo.dir, 'snap-new'));
      for (const [type, objects] of Object.entries(restored)) for (const key of Object.keys(objects)) if (!(key in original[type]!) && key in ownOfNewAccount[type]!) delete objects[key];
      // An answer of an older API version without a key means that key's default, as zdctl compares it.
      const asCompared = (forms: typeof original) =>
        withoutNulls(Object.fromEntries(Object.entries(forms).map(([type, objects]) => [type, Object.fromEntries(Object.entries(objects).map(([key, object]) => [key, withDefaults(DESCRIPTORS[type as ManagedType], object as FileObject)]))])));
      expect(asCompared(restored)).toEqual(asCompared(original));
    } finally {
      await source.sandbox.stop();
      await target.sandbox.stop();
      repo.remove();
    }
  });
});

/** The edit an admin makes first: the description of the first file of each of these types that the import wrote. */
function editDescriptions(instanceDir: string, types: readonly string[]): number {
  let edited = 0;
  for (const type of types) {
    const folder = path.join(instanceDir, type);
    if (!existsSync(folder)) continue;
    const first = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml') && !f.endsWith('_order.yaml')).sort()[0];
    if (!first) continue;
    const document = parseDocument(readFileSync(path.join(folder, first), 'utf8'));
    document.set('description', `Edited by the round trip (${type})`);
    writeFileSync(path.join(folder, first), document.toString());
    edited += 1;
  }
  return edited;
}

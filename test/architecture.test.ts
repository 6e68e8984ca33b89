// The house: data flows one way, so no module of src/ imports itself back through others.
// dpdm reads the import graph; type-only imports are left out (they vanish at run time).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';
import { MANAGED_TYPES } from '../src/resources/index.js';
import { schemaText, withTypeLists } from '../src/model/schema-lists.js';
import { REPO_ROOT } from './helpers/temp-repo.js';

const sourceFiles = (dir: string): string[] =>
  readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));

/**
 * Where a type's name may be written: its own descriptor (src/resources/<type>.ts, the type list),
 * Zendesk's rules about that type (src/model/rules/, one rule a file), and the sandbox, which keeps
 * its own table of types on purpose. Everywhere else the generic code reads descriptors.
 */
const MAY_NAME_TYPES = [/^src\/sandbox\//, /^src\/model\/rules\//, /^src\/resources\/(?!(live|references|file-form|identity|field-options|placeholders|schema-keys|type-order)\.ts$)[^/]+\.ts$/];

const isComment = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);

describe('architecture', () => {
  it('src/ has no import cycle', async () => {
    const tree = await parseDependencyTree(path.join(REPO_ROOT, 'src/**/*.ts'), { transform: true, skipDynamicImports: true, tsconfig: path.join(REPO_ROOT, 'tsconfig.json') });
    expect(Object.keys(tree).length).toBeGreaterThan(100);
    expect(parseCircular(tree)).toEqual([]);
  });

  it('no generic code branches on a type name: it reads the descriptor', () => {
    // A branch or a pick by name: a comparison, a case, a call or an index with the name as a literal.
    const name = `['"\`](?:${MANAGED_TYPES.join('|')})['"\`]`;
    const named = new RegExp(`(?:[!=]==?\\s*${name}|${name}\\s*[!=]==?|case\\s+${name}|\\(\\s*${name}|\\[\\s*${name}\\s*\\]|${name}\\s*\\]\\.)`);
    const offenders = sourceFiles('src')
      .filter((file) => !MAY_NAME_TYPES.some((allowed) => allowed.test(file)))
      .flatMap((file) => readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n').flatMap((line, index) => (line.match(named) && !isComment(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])));
    // The lock lives in a user field: that is the lock's choice, not a branch on a managed type.
    expect(offenders.filter((line) => !/^src\/zendesk\/instance-lock\.ts:\d+: const LOCK_TYPE = 'user_fields';$/.test(line))).toEqual([]);
  });

  it.each(['instance.schema.json', 'plan.schema.json'])('%s lists the managed types as the descriptors do', (name) => {
    const text = readFileSync(path.join(REPO_ROOT, 'schemas', name), 'utf8');
    expect(text).toBe(schemaText(withTypeLists(name, JSON.parse(text) as Record<string, unknown>)));
    expect(text).toContain(`"${MANAGED_TYPES.at(-1)}"`);
  });
});

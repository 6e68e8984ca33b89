// The house: data flows one way, so no module of src/ imports itself back through others.
// dpdm reads the import graph; type-only imports are left out (they vanish at run time).
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/temp-repo.js';

describe('architecture', () => {
  it('src/ has no import cycle', async () => {
    const tree = await parseDependencyTree(path.join(REPO_ROOT, 'src/**/*.ts'), { transform: true, skipDynamicImports: true, tsconfig: path.join(REPO_ROOT, 'tsconfig.json') });
    expect(Object.keys(tree).length).toBeGreaterThan(100);
    expect(parseCircular(tree)).toEqual([]);
  });
});

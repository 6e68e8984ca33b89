import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const bin = new URL('../bin/zdctl', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('zdctl binary', () => {
  it('prints its version', () => {
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
  });

  it('lists every command of SPEC.md in --help', () => {
    const help = execFileSync(bin, ['--help'], { encoding: 'utf8' });
    for (const command of ['validate', 'plan', 'apply', 'import', 'export', 'restore', 'sandbox']) {
      expect(help).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });
});

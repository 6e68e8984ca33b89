import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { baseEnv, runProcess } from './process.js';

const SCRIPT = path.join(REPO_ROOT, 'ci/check-default-head.mjs');
const SHA = 'a'.repeat(40);

describe('ci/check-default-head.mjs: fails closed', () => {
  it('when the head cannot be read (no such remote), nothing is applied', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zdctl-head-'));
    try {
      const result = await runProcess(process.execPath, [SCRIPT], {
        cwd: dir,
        env: { ...baseEnv(), CI_COMMIT_SHA: SHA, CI_DEFAULT_BRANCH: 'main', ZDCTL_GIT_REMOTE: path.join(dir, 'no-such-repository') },
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^Cannot read the head of main \(git ls-remote: .+\); nothing was applied\.\n$/s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [{}, 'CI_COMMIT_SHA and CI_DEFAULT_BRANCH must be set (GitLab sets them); nothing was applied.\n'],
    [{ CI_COMMIT_SHA: 'abc1234', CI_DEFAULT_BRANCH: 'main' }, 'CI_COMMIT_SHA and CI_DEFAULT_BRANCH must be set (GitLab sets them); nothing was applied.\n'],
  ])('without GitLab’s variables (%o), nothing is applied', async (env, stderr) => {
    expect(await runProcess(process.execPath, [SCRIPT], { cwd: REPO_ROOT, env: { ...baseEnv(), ...env } })).toEqual({ code: 1, stdout: '', stderr });
  });

  it('a ZDCTL_FORCE_COMMIT shorter than 8 characters does not force', async () => {
    const { decide } = (await import(SCRIPT)) as { decide: (a: { commit: string; branch: string; head: string; force: string }) => { code: number } };
    expect(decide({ commit: SHA, branch: 'main', head: 'b'.repeat(40), force: 'aaaa' }).code).toBe(1);
    expect(decide({ commit: SHA, branch: 'main', head: 'b'.repeat(40), force: 'aaaaaaaa' }).code).toBe(0);
    expect(decide({ commit: SHA, branch: 'main', head: SHA, force: '' }).code).toBe(0);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { startFakeGitLab, type FakeGitLab } from './fake-gitlab.js';
import { baseEnv, runProcess } from './process.js';

const SCRIPT = path.join(REPO_ROOT, 'ci/post-plan-note.mjs');
const TOKEN = 'glpat-secret-0123456789';
const MARKER = '<!-- zdctl-plan instance=main -->';
const PLAN = '### zdctl plan: `main` (acme)\n\n**Plan: 1 to create, 0 to update, 0 to delete, 0 to reorder.**\n';

let dir: string;
let gitlab: FakeGitLab | undefined;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'zdctl-note-'));
  writeFileSync(path.join(dir, 'main.md'), PLAN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await gitlab?.stop();
  gitlab = undefined;
});

function post(env: NodeJS.ProcessEnv, args = ['--instance', 'main', 'main.md']) {
  return runProcess(process.execPath, [SCRIPT, ...args], { cwd: dir, env: { ...baseEnv(), ...env } });
}

function ciEnv(apiUrl: string): NodeJS.ProcessEnv {
  return {
    CI_API_V4_URL: apiUrl,
    CI_PROJECT_ID: '42',
    CI_MERGE_REQUEST_IID: '7',
    ZDCTL_GITLAB_TOKEN: TOKEN,
    CI_COMMIT_SHORT_SHA: 'abc1234',
    CI_PIPELINE_URL: 'https://gitlab.example/acme/zendesk/-/pipelines/9',
    CI_JOB_URL: 'https://gitlab.example/acme/zendesk/-/jobs/99',
  };
}

const note = (id: number, body: string, system = false) => ({ id, body, system, author: { username: 'someone' } });

describe('ci/post-plan-note.mjs against a fake GitLab API', () => {
  it('creates the note with the hidden marker first, the plan, and a footer', async () => {
    gitlab = await startFakeGitLab({ token: TOKEN });
    const result = await post(ciEnv(gitlab.apiUrl));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Plan note for main created on merge request !7 (note 1000).\n');
    expect(gitlab.notes.get('42!7')).toEqual([
      {
        id: 1000,
        system: false,
        author: { username: 'project_1_bot' },
        body:
          `${MARKER}\n${PLAN.trimEnd()}\n\n` +
          '<sub>commit abc1234 · [pipeline](https://gitlab.example/acme/zendesk/-/pipelines/9) · [job](https://gitlab.example/acme/zendesk/-/jobs/99) · this note is updated on every push</sub>\n',
      },
    ]);
    expect(gitlab.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v4/projects/42/merge_requests/7/notes', 'POST /api/v4/projects/42/merge_requests/7/notes']);
    expect(gitlab.requests[0]!.query).toEqual({ sort: 'asc', order_by: 'created_at', per_page: '100', page: '1' });
    expect(new Set(gitlab.requests.map((r) => r.token))).toEqual(new Set([TOKEN]));
  });

  it('updates its own note in place on the next push, found on a later page, and leaves every other note alone', async () => {
    gitlab = await startFakeGitLab({ token: TOKEN, maxPerPage: 2 });
    const others = [
      note(1, 'LGTM'),
      note(2, `quoting the bot: ${MARKER} is not at the start`),
      note(3, `${MARKER}\nsystem notes are GitLab's own`, true),
      note(4, '<!-- zdctl-plan instance=us-federal -->\nthe other instance'),
      note(6, 'a reply after the plan'),
    ];
    const own = note(5, `${MARKER}\nthe plan of the previous push`);
    gitlab.notes.set('42!7', [...others.slice(0, 4), own, others[4]!].map((n) => ({ ...n })));
    const result = await post(ciEnv(gitlab.apiUrl));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Plan note for main updated on merge request !7 (note 5).\n');
    const after = gitlab.notes.get('42!7')!;
    expect(after.map((n) => n.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(after.find((n) => n.id === 5)!.body.startsWith(`${MARKER}\n${PLAN.trimEnd()}\n`)).toBe(true);
    for (const other of others) expect(after.find((n) => n.id === other.id)!.body).toBe(other.body);
    expect(gitlab.requests.map((r) => `${r.method} ${r.path} ${r.query.page ?? ''}`.trim())).toEqual([
      'GET /api/v4/projects/42/merge_requests/7/notes 1',
      'GET /api/v4/projects/42/merge_requests/7/notes 2',
      'GET /api/v4/projects/42/merge_requests/7/notes 3',
      'PUT /api/v4/projects/42/merge_requests/7/notes/5',
    ]);
  });

  it('run twice, keeps exactly one note per instance', async () => {
    gitlab = await startFakeGitLab({ token: TOKEN });
    expect((await post(ciEnv(gitlab.apiUrl))).code).toBe(0);
    writeFileSync(path.join(dir, 'second.md'), 'No changes.\n');
    const second = await post(ciEnv(gitlab.apiUrl), ['--instance', 'main', 'second.md']);
    expect(second.stdout).toBe('Plan note for main updated on merge request !7 (note 1000).\n');
    const notes = gitlab.notes.get('42!7')!;
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body.startsWith(`${MARKER}\nNo changes.\n`)).toBe(true);
  });

  it('cuts a plan over 100,000 characters and points at the job artifacts', async () => {
    gitlab = await startFakeGitLab({ token: TOKEN });
    writeFileSync(path.join(dir, 'long.md'), `${'x'.repeat(150_000)}\n`);
    expect((await post(ciEnv(gitlab.apiUrl), ['--instance', 'main', 'long.md'])).code).toBe(0);
    const body = gitlab.notes.get('42!7')![0]!.body;
    expect(body).toContain(`${MARKER}\n${'x'.repeat(100_000)}\n\n… the plan is longer than 100000 characters; the whole plan is in the job's artifacts: https://gitlab.example/acme/zendesk/-/jobs/99/artifacts/browse\n`);
    expect(body.length).toBeLessThan(100_500);
  });

  it('fails with GitLab’s answer, and never prints the token, when the token is refused', async () => {
    gitlab = await startFakeGitLab({ token: 'another-token' });
    const result = await post(ciEnv(gitlab.apiUrl));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`post-plan-note: GET ${gitlab.apiUrl}/projects/42/merge_requests/7/notes?sort=asc&order_by=created_at&per_page=100&page=1: HTTP 401 "401 Unauthorized"\n`);
    expect(result.stderr).not.toContain(TOKEN);
  });

  it('fails on a server error without writing anything', async () => {
    gitlab = await startFakeGitLab({ token: TOKEN, failWith: 500 });
    const result = await post(ciEnv(gitlab.apiUrl));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^post-plan-note: GET .* HTTP 500 "500 Something went wrong"\n$/);
    expect(gitlab.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('fails when GitLab cannot be reached', async () => {
    gitlab = await startFakeGitLab({ token: TOKEN });
    const apiUrl = gitlab.apiUrl;
    await gitlab.stop();
    gitlab = undefined;
    const result = await post(ciEnv(apiUrl));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`post-plan-note: GET ${apiUrl}/projects/42/merge_requests/7/notes?sort=asc&order_by=created_at&per_page=100&page=1: ECONNREFUSED\n`);
  });

  it('names what is missing: variables, arguments, the plan file', async () => {
    const noToken = await post({ CI_API_V4_URL: 'http://127.0.0.1:9/api/v4', CI_PROJECT_ID: '42' });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toBe(
      'post-plan-note: not set: CI_MERGE_REQUEST_IID, ZDCTL_GITLAB_TOKEN (a merge request pipeline sets the CI_ ones; ZDCTL_GITLAB_TOKEN is a masked CI/CD variable)\n',
    );
    const usage = await post(ciEnv('http://127.0.0.1:9/api/v4'), ['main.md']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toBe('usage: post-plan-note.mjs --instance NAME PLAN.md\n');
    const noFile = await post(ciEnv('http://127.0.0.1:9/api/v4'), ['--instance', 'main', 'missing.md']);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toBe('post-plan-note: cannot read missing.md: ENOENT\n');
  });
});

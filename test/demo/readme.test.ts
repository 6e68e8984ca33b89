import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/temp-repo.js';
import { baseEnv, runProcess } from '../ci/process.js';

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const help = (...args: string[]) => runProcess(process.execPath, [path.join(REPO_ROOT, 'bin/zdctl'), ...args], { cwd: REPO_ROOT, env: baseEnv() });

/** Commands, and each command's flags, as `zdctl --help` lists them. */
let commands: Record<string, string[]> = {};
let globalFlags: string[] = [];

beforeAll(async () => {
  const top = await help('--help');
  expect(top.code).toBe(0);
  const section = (text: string, title: string) => text.split(`${title}:\n`)[1]?.split('\n\n')[0] ?? '';
  globalFlags = [...section(top.stdout, 'Options').matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)/gm)].flatMap((m) => [m[1], m[2]].filter((f): f is string => Boolean(f)));
  const names = [...section(top.stdout, 'Commands').matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!).filter((n) => n !== 'help');
  commands = {};
  for (const name of names) {
    const sub = await help(name, '--help');
    expect(sub.code, name).toBe(0);
    commands[name] = [...section(sub.stdout, 'Options').matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!).filter((f) => f !== '--help');
  }
});

describe('README.md', () => {
  it('says on its first screen what zdctl is and how to set up, run and test it', () => {
    const firstScreen = README.split('\n').slice(0, 24).join('\n');
    expect(firstScreen).toMatch(/^# zdctl\n\nConfig-as-code for Zendesk Support\./);
    for (const command of ['npm ci', 'npm run demo', 'npm test', 'npx zdctl --help']) expect(firstScreen).toContain(command);
  });

  it('documents every command and every flag that `zdctl --help` lists', () => {
    expect(Object.keys(commands).sort()).toEqual(['apply', 'export', 'import', 'plan', 'restore', 'sandbox', 'validate']);
    expect(globalFlags.sort()).toEqual(['--dir', '--help', '--verbose', '--version', '-V', '-h'].sort());
    for (const flag of globalFlags) expect(README, flag).toContain(`\`${flag}`);
    expect(README).toContain('zdctl help <command>');
    for (const [command, flags] of Object.entries(commands)) {
      expect(README, command).toContain(`\`zdctl ${command}`);
      expect(flags.length, command).toBeGreaterThan(0);
      const row = README.split('\n').find((line) => line.startsWith(`| \`zdctl ${command}`));
      expect(row, `${command}: a row in the Commands table`).toBeDefined();
      for (const flag of flags) expect(row, `${command} ${flag}`).toContain(`\`${flag}`);
    }
  });

  it('documents every CI/CD variable and schedule value the pipeline reads', () => {
    const ci = readFileSync(path.join(REPO_ROOT, '.gitlab-ci.yml'), 'utf8');
    const variables = new Set([...ci.matchAll(/\$(ZDCTL_[A-Z_]+)/g)].map((m) => m[1]!));
    expect([...variables].sort()).toEqual(['ZDCTL_ALLOW_DELETE', 'ZDCTL_GITLAB_TOKEN', 'ZDCTL_RESTRICTED', 'ZDCTL_SCHEDULE']);
    const scripts = ['apply-window', 'check-default-head', 'store-snapshots'].map((name) => readFileSync(path.join(REPO_ROOT, `ci/${name}.mjs`), 'utf8')).join('\n');
    const scriptVariables = [...scripts.matchAll(/env\.(ZDCTL_[A-Z_]+)/g)].map((m) => m[1]!);
    expect([...new Set(scriptVariables)].sort()).toEqual(['ZDCTL_APPLY_WINDOW', 'ZDCTL_FORCE_COMMIT', 'ZDCTL_GIT_REMOTE', 'ZDCTL_NOW', 'ZDCTL_SNAPSHOT_COMMAND']);
    const documented = ['ZDCTL_APPLY_WINDOW', 'ZDCTL_FORCE_COMMIT', 'ZDCTL_SNAPSHOT_COMMAND', 'ZENDESK_READ_OAUTH_TOKEN', 'ZENDESK_EMAIL', 'ZENDESK_API_TOKEN', 'ZENDESK_FED_READ_OAUTH_TOKEN', 'ZENDESK_FED_EMAIL', 'ZENDESK_FED_API_TOKEN'];
    for (const name of [...variables, ...documented]) expect(README, name).toContain(name);
    for (const value of [...ci.matchAll(/\$ZDCTL_SCHEDULE == "([a-z-]+)"/g)].map((m) => m[1]!)) expect(README).toContain(`\`ZDCTL_SCHEDULE\` = \`${value}\``);
    expect(README).toContain('`0 2 * * 6` (Saturday 02:00 UTC)');
  });

  it('links only to files that exist (docs/guarantees.md and docs/benchmarks.md are being written)', () => {
    const pending = new Set(['docs/guarantees.md', 'docs/benchmarks.md']);
    const links = [...README.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^https?:/.test(l));
    expect(links).toContain('docs/FORMAT.md');
    expect(links).toContain('docs/disaster-recovery.md');
    for (const link of links.filter((l) => !pending.has(l))) expect(existsSync(path.join(REPO_ROOT, link)), link).toBe(true);
    for (const anchor of [...README.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!)) {
      const headings = README.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3).toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-'));
      expect(headings, anchor).toContain(anchor);
    }
  });
});

#!/usr/bin/env node
// npm run demo — zdctl end to end, with no Zendesk account, no credentials and no network.
//
// Starts the local Zendesk emulator (zdctl sandbox) on 127.0.0.1, gives it a "live" state that has
// drifted from instances/main (made by applying a modified copy of it), then runs what an ops
// engineer runs on instances/main as it is in git: validate → plan → apply → plan (No changes.) →
// export. Works in a temporary folder: the repository is left as it was. Stops the sandbox.
//
//   node scripts/demo.mjs [--keep]     --keep: leave the temporary folder (backups, snapshot) in place
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ZDCTL = path.join(REPO, 'bin', 'zdctl');
const SEED = path.join(REPO, 'examples', 'sandbox', 'main-lookups.json');
const keep = process.argv.includes('--keep');
const started = Date.now();

/** What the "live" instance has that git does not: each edit is made on a copy, never on instances/main. */
const DRIFT = [
  {
    says: 'someone changed an automation in the Zendesk UI: "Remind requester after 2 days pending" waits 72 hours, not 48',
    file: 'automations/remind-requester-after-2-days-pending.yaml',
    from: "value: '48'",
    to: "value: '72'",
  },
  {
    says: 'a field is missing live: the user field employee_id was never created',
    file: 'user_fields/employee-id.yaml',
    remove: true,
  },
  { file: 'user_fields/_order.yaml', from: '- employee_id\n', to: '' },
  {
    says: 'a trigger was renamed in the UI: "Route billing requests to Billing" is called "Billing requests to Billing team" live',
    file: 'triggers/routing/route-billing-requests-to-billing.yaml',
    from: 'title: Route billing requests to Billing\n',
    to: 'title: Billing requests to Billing team\n',
  },
  { file: 'triggers/_order.yaml', from: '- Route billing requests to Billing\n', to: '- Billing requests to Billing team\n' },
  {
    says: 'a field renamed in git: the ticket field "Legacy plan code" is still "Plan code" live (its file says previous_title: Plan code)',
    file: 'ticket_fields/legacy-plan-code.yaml',
    from: 'title: Legacy plan code\nprevious_title:\n  - Plan code\n  - Old plan\n',
    to: 'title: Plan code\n',
  },
  { file: 'ticket_fields/_order.yaml', from: '- Legacy plan code\n', to: '- Plan code\n' },
];

const bold = (text) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${text}\x1b[22m` : text);
const say = (text = '') => process.stdout.write(`${text}\n`);
let stepNumber = 0;
/** The zdctl command running now, stopped with the sandbox on Ctrl-C. */
let running;
const STEPS = 6;
function heading(title) {
  stepNumber += 1;
  const text = `── ${stepNumber}/${STEPS}  ${title} `;
  say();
  say(bold(text.padEnd(78, '─')));
}

function indent(text) {
  return text.replace(/\n$/, '').split('\n').map((line) => `  ${line}`).join('\n');
}

/** Runs zdctl as a user would; prints the command and its output; returns {code, stdout, stderr}. */
function zdctl(args, { cwd, env, quiet = false, planShownAbove = false }) {
  if (!quiet) say(`$ zdctl ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ZDCTL, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      running = undefined;
      const result = { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
      if (!quiet) {
        let stdout = result.stdout;
        const summary = stdout.search(/^Plan: /m);
        if (planShownAbove && summary > 0) {
          say('  … (apply prints the plan first: the same as in step 3) …');
          stdout = stdout.slice(summary);
        }
        if (stdout) say(indent(stdout));
        if (result.stderr) say(indent(result.stderr));
        say(`  (exit ${code})`);
      }
      resolve(result);
    });
  });
}

function expectCode(result, codes, what) {
  if (!codes.includes(result.code)) {
    throw new Error(`${what} exited ${result.code}, expected ${codes.join(' or ')}${result.stderr ? `:\n${result.stderr}` : ''}`);
  }
}

/** Starts `zdctl sandbox` and waits for its first line: "sandbox listening on http://HOST:PORT". */
function startSandbox() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ZDCTL, 'sandbox', '--port', '0', '--host', '127.0.0.1', '--seed', SEED, '--rate-limit', '100000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const errors = [];
    child.stderr.on('data', (c) => errors.push(c));
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the sandbox did not start within 15 s'));
    }, 15_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /^sandbox listening on (http:\/\/\S+)$/.exec(line);
      if (!match) {
        child.kill();
        reject(new Error(`unexpected first line from the sandbox: ${line}`));
      } else resolve({ child, url: match[1], line });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (${code}) before it listened: ${Buffer.concat(errors).toString()}`));
    });
  });
}

function stopSandbox(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function makeLiveCopy(workspace) {
  const live = path.join(workspace, 'live');
  cpSync(path.join(REPO, 'instances', 'main'), path.join(live, 'instances', 'main'), { recursive: true });
  for (const change of DRIFT) {
    const file = path.join(live, 'instances', 'main', change.file);
    if (change.remove) rmSync(file);
    else {
      const text = readFileSync(file, 'utf8');
      if (!text.includes(change.from)) throw new Error(`demo: instances/main/${change.file} no longer contains ${JSON.stringify(change.from)}; update DRIFT in scripts/demo.mjs`);
      writeFileSync(file, text.replace(change.from, change.to));
    }
  }
  return live;
}

async function main() {
  if (!existsSync(path.join(REPO, 'dist', 'cli', 'main.js'))) {
    process.stderr.write('zdctl is not built: run `npm ci` (or `npm run build`) first.\n');
    return 1;
  }
  const workspace = mkdtempSync(path.join(tmpdir(), 'zdctl-demo-'));
  const repo = path.join(workspace, 'repo');
  cpSync(path.join(REPO, 'instances', 'main'), path.join(repo, 'instances', 'main'), { recursive: true });
  let sandbox;
  const stop = () => stopSandbox(sandbox?.child);
  const onSignal = () => {
    running?.kill('SIGTERM');
    void stop().then(() => {
      rmSync(workspace, { recursive: true, force: true });
      process.stderr.write('\ndemo interrupted: sandbox stopped.\n');
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    say(bold('zdctl demo: Zendesk configuration as code, against a local Zendesk emulator'));
    say('No account, credentials or network needed; instances/main in this repository is only read.');

    heading('A live instance that has drifted from git');
    sandbox = await startSandbox();
    say(sandbox.line);
    // Credentials for the sandbox only: ZENDESK_URL points every command at it, whatever else is set.
    const env = { ...process.env, ZENDESK_URL: sandbox.url, ZENDESK_EMAIL: 'demo@example.com', ZENDESK_API_TOKEN: 'sandbox', NO_COLOR: '1' };
    delete env.ZENDESK_OAUTH_TOKEN;
    const live = makeLiveCopy(workspace);
    const seeded = await zdctl(['apply', '--instance', 'main', '--auto-approve', '--backup-dir', path.join(workspace, 'seed-backup')], { cwd: live, env, quiet: true });
    expectCode(seeded, [0], 'seeding the sandbox');
    say('Seeded with the groups, brands, users… that instances/main names, then given a modified copy of it:');
    for (const change of DRIFT) if (change.says) say(`  • ${change.says}`);

    heading('validate: YAML, schemas, references, Zendesk rules (offline)');
    expectCode(await zdctl(['validate', '--instance', 'main'], { cwd: repo, env }), [0], 'validate');

    heading('plan: what apply would change on the live instance (read only)');
    expectCode(await zdctl(['plan', '--instance', 'main'], { cwd: repo, env }), [0], 'plan');
    say('Read it as a reviewer would: the automation goes back to 48 hours, employee_id is created,');
    say('"Plan code" is renamed in place (same field, same id: previous_title). The trigger renamed in');
    say('the UI has no previous_title in git, so it shows as a new trigger plus the old one deactivated');
    say('(main\'s unmanaged policy for triggers); `previous_title: Billing requests to Billing team`');
    say('in its file would have renamed it in place instead.');

    heading('apply: make the live instance match git (backup + audit log first)');
    expectCode(await zdctl(['apply', '--instance', 'main', '--auto-approve'], { cwd: repo, env, planShownAbove: true }), [0], 'apply');

    heading('plan again: nothing left to do');
    const again = await zdctl(['plan', '--instance', 'main', '--detailed-exitcode'], { cwd: repo, env });
    expectCode(again, [0], 'the second plan');
    if (!/^No changes\.$/m.test(again.stdout)) throw new Error('the second plan did not say "No changes."');
    say('With --detailed-exitcode, plan exits 0 for no changes and 2 for changes: the nightly drift check.');

    heading('export: a backup snapshot of the live instance');
    const exported = await zdctl(['export', '--instance', 'main'], { cwd: repo, env });
    expectCode(exported, [0], 'export');

    say();
    say(bold(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`) + ' The sandbox is stopped; instances/main was not changed.');
    say(keep ? `Workspace kept: ${repo} (.zdctl/main@127.0.0.1_PORT/: backup and audit log of this sandbox; snapshots/: the export)` : 'Next: README.md, "Connecting to a real instance". (--keep leaves the backups and snapshot to look at.)');
    return 0;
  } catch (error) {
    process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!keep) rmSync(workspace, { recursive: true, force: true });
  }
}

process.exitCode = await main();

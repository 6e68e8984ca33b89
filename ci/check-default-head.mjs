#!/usr/bin/env node
// Guards the manual emergency apply: exits 0 when this pipeline's commit is the current head of
// the default branch, 1 otherwise (or when the head cannot be read), so an apply:emergency run from
// an older pipeline never applies old files over newer ones.
//
//   CI_COMMIT_SHA, CI_DEFAULT_BRANCH   set by GitLab
//   ZDCTL_FORCE_COMMIT                 optional: this job's commit (full sha, or 8 or more of its
//                                      first characters) to apply it although it is not the head,
//                                      e.g. to roll back on purpose. Set it in "Run job" variables.
//   ZDCTL_GIT_REMOTE                   optional: the remote to ask (default origin, which the
//                                      runner's checkout points at the project with the job token)

import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const short = (sha) => sha.slice(0, 8);

/** The decision, as {code, out, err}; `head` is the default branch's commit as the remote reports it. */
export function decide({ commit, branch, head, force }) {
  if (head === commit) return { code: 0, out: `Commit ${short(commit)} is the head of ${branch}; applying.\n` };
  const forced = force.length >= 8 && commit.startsWith(force.toLowerCase());
  if (forced) return { code: 0, out: `Commit ${short(commit)} is not the head of ${branch} (${short(head)} is); applying it anyway: ZDCTL_FORCE_COMMIT=${force}.\n` };
  const wrongForce = force ? ` (ZDCTL_FORCE_COMMIT=${force} does not name this commit)` : '';
  return {
    code: 1,
    err:
      `${branch} is now at ${head}, newer than this pipeline's commit ${commit}: nothing was applied${wrongForce}.\n` +
      `Run apply:emergency from the latest ${branch} pipeline, or run this job again with ZDCTL_FORCE_COMMIT=${short(commit)} to apply this older commit on purpose.\n`,
  };
}

function main(env) {
  const commit = (env.CI_COMMIT_SHA ?? '').trim().toLowerCase();
  const branch = (env.CI_DEFAULT_BRANCH ?? '').trim();
  if (!/^[0-9a-f]{40}$/.test(commit) || branch === '') {
    process.stderr.write('CI_COMMIT_SHA and CI_DEFAULT_BRANCH must be set (GitLab sets them); nothing was applied.\n');
    return 1;
  }
  let listing;
  try {
    listing = execFileSync('git', ['ls-remote', '--heads', env.ZDCTL_GIT_REMOTE || 'origin', `refs/heads/${branch}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    process.stderr.write(`Cannot read the head of ${branch} (git ls-remote: ${(error.stderr || error.message).toString().trim()}); nothing was applied.\n`);
    return 1;
  }
  const head = /^([0-9a-f]{40})\s/m.exec(listing)?.[1];
  if (!head) {
    process.stderr.write(`The remote has no branch ${branch}; nothing was applied.\n`);
    return 1;
  }
  const { code, out, err } = decide({ commit, branch, head, force: (env.ZDCTL_FORCE_COMMIT ?? '').trim() });
  if (out) process.stdout.write(out);
  if (err) process.stderr.write(err);
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) process.exitCode = main(process.env);

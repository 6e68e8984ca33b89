#!/usr/bin/env node
// Posts a zdctl plan (markdown) as a merge request note, one note per instance, updated in place
// on every new push instead of adding a new note each time. The note is found again by a hidden
// marker on its first line: <!-- zdctl-plan instance=NAME -->.
//
//   node ci/post-plan-note.mjs --instance main plan/main.md
//
// Environment (GitLab sets all but the token in merge request pipelines):
//   CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID
//   ZDCTL_GITLAB_TOKEN  project (or group) access token, role Reporter or higher, scope api;
//                       a masked CI/CD variable. Never printed.
//   CI_PIPELINE_URL, CI_JOB_URL, CI_COMMIT_SHORT_SHA  optional, for the note's footer
// Exit 0 when the note was created or updated, 1 otherwise (the reason on stderr).

import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** GitLab refuses notes over 1,000,000 characters; a long plan is cut well before that. */
export const MAX_PLAN_CHARS = 100_000;

export const marker = (instance) => `<!-- zdctl-plan instance=${instance} -->`;

/** The note's body: marker, plan (cut if long, pointing at the job's artifacts), footer. */
export function noteBody(instance, plan, env = {}) {
  let text = plan.trimEnd();
  if (text.length > MAX_PLAN_CHARS) {
    const where = env.CI_JOB_URL ? `the job's artifacts: ${env.CI_JOB_URL}/artifacts/browse` : "the plan job's artifacts";
    text = `${text.slice(0, MAX_PLAN_CHARS)}\n\n… the plan is longer than ${MAX_PLAN_CHARS} characters; the whole plan is in ${where}`;
  }
  const footer = [
    env.CI_COMMIT_SHORT_SHA ? `commit ${env.CI_COMMIT_SHORT_SHA}` : null,
    env.CI_PIPELINE_URL ? `[pipeline](${env.CI_PIPELINE_URL})` : null,
    env.CI_JOB_URL ? `[job](${env.CI_JOB_URL})` : null,
  ].filter(Boolean);
  return `${marker(instance)}\n${text}\n${footer.length ? `\n<sub>${footer.join(' · ')} · this note is updated on every push</sub>\n` : ''}`;
}

class GitLabError extends Error {}

/** Creates or updates the instance's plan note; returns {action: 'created'|'updated', id}. */
export async function postPlanNote({ apiUrl, projectId, mergeRequestIid, token, instance, body, fetchImpl = fetch }) {
  const base = `${apiUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(projectId)}/merge_requests/${encodeURIComponent(mergeRequestIid)}/notes`;
  const headers = { 'PRIVATE-TOKEN': token, 'Content-Type': 'application/json', Accept: 'application/json' };

  async function call(method, url, payload) {
    let response;
    try {
      response = await fetchImpl(url, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
    } catch (error) {
      throw new GitLabError(`${method} ${url}: ${error.cause?.code ?? error.message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 300);
      try {
        const parsed = JSON.parse(text);
        detail = JSON.stringify(parsed.message ?? parsed.error ?? parsed);
      } catch {
        // not JSON: keep the text
      }
      throw new GitLabError(`${method} ${url}: HTTP ${response.status} ${detail}`);
    }
    return { json: text ? JSON.parse(text) : null, nextPage: response.headers.get('x-next-page') };
  }

  const wanted = marker(instance);
  let found;
  for (let page = '1'; page && !found; ) {
    const { json, nextPage } = await call('GET', `${base}?sort=asc&order_by=created_at&per_page=100&page=${page}`);
    if (!Array.isArray(json)) throw new GitLabError(`GET ${base}: expected a list of notes`);
    found = json.find((note) => !note.system && typeof note.body === 'string' && note.body.startsWith(wanted));
    page = nextPage;
  }
  if (found) {
    await call('PUT', `${base}/${found.id}`, { body });
    return { action: 'updated', id: found.id };
  }
  const { json } = await call('POST', base, { body });
  return { action: 'created', id: json?.id };
}

function parseArgs(argv) {
  let instance;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--instance') instance = argv[++i];
    else if (argv[i].startsWith('--instance=')) instance = argv[i].slice('--instance='.length);
    else files.push(argv[i]);
  }
  return { instance, files };
}

async function main(argv, env) {
  const { instance, files } = parseArgs(argv);
  if (!instance || files.length !== 1) {
    process.stderr.write('usage: post-plan-note.mjs --instance NAME PLAN.md\n');
    return 1;
  }
  const missing = ['CI_API_V4_URL', 'CI_PROJECT_ID', 'CI_MERGE_REQUEST_IID', 'ZDCTL_GITLAB_TOKEN'].filter((name) => !env[name]);
  if (missing.length) {
    process.stderr.write(`post-plan-note: not set: ${missing.join(', ')} (a merge request pipeline sets the CI_ ones; ZDCTL_GITLAB_TOKEN is a masked CI/CD variable)\n`);
    return 1;
  }
  let plan;
  try {
    plan = readFileSync(files[0], 'utf8');
  } catch (error) {
    process.stderr.write(`post-plan-note: cannot read ${files[0]}: ${error.code ?? error.message}\n`);
    return 1;
  }
  try {
    const result = await postPlanNote({
      apiUrl: env.CI_API_V4_URL,
      projectId: env.CI_PROJECT_ID,
      mergeRequestIid: env.CI_MERGE_REQUEST_IID,
      token: env.ZDCTL_GITLAB_TOKEN,
      instance,
      body: noteBody(instance, plan, env),
    });
    process.stdout.write(`Plan note for ${instance} ${result.action} on merge request !${env.CI_MERGE_REQUEST_IID} (note ${result.id}).\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof GitLabError)) throw error;
    process.stderr.write(`post-plan-note: ${error.message.split(env.ZDCTL_GITLAB_TOKEN).join('[token]')}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}

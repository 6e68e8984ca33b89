#!/usr/bin/env node
// Sends snapshot folders (nightly exports, pre-apply backups) to a storage the team chooses instead
// of keeping them as job artifacts. Without ZDCTL_SNAPSHOT_COMMAND it does nothing: they stay
// artifacts (restricted to maintainers, kept a short time; see .gitlab-ci.yml).
//
//   node ci/store-snapshots.mjs FOLDER...      each FOLDER that exists, in turn
//
//   ZDCTL_SNAPSHOT_COMMAND  a shell command run once per folder with the folder as $1, e.g.
//                           aws s3 cp --recursive --sse aws:kms "$1" "s3://acme-zendesk-backups/$1"
//                           When it succeeds the folder is removed, so it is not also an artifact;
//                           when it fails the job fails and the folder stays as the artifact.

import { existsSync, realpathSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

function main(env, folders) {
  const command = (env.ZDCTL_SNAPSHOT_COMMAND ?? '').trim();
  const present = folders.filter((folder) => existsSync(folder));
  if (!command) {
    if (present.length > 0) process.stdout.write(`Snapshots kept as job artifacts (ZDCTL_SNAPSHOT_COMMAND is not set): ${present.join(', ')}\n`);
    return 0;
  }
  for (const folder of present) {
    const run = spawnSync('sh', ['-c', command, 'store-snapshot', folder], { stdio: 'inherit' });
    if (run.status !== 0) {
      process.stderr.write(`ZDCTL_SNAPSHOT_COMMAND failed for ${folder} (exit ${run.status ?? run.signal}); it is kept as a job artifact instead.\n`);
      return 1;
    }
    rmSync(folder, { recursive: true, force: true });
    process.stdout.write(`Stored ${folder} with ZDCTL_SNAPSHOT_COMMAND; not kept as an artifact.\n`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) process.exitCode = main(process.env, process.argv.slice(2));

#!/usr/bin/env node
// Makes a fresh clone runnable with only Node 20 + npm: installs the workspace with the pinned
// pnpm (fetched once through npx, then linked locally as a devDependency) and builds every package.
// Builds are incremental, so running it again on a built tree is quick.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const localPnpm = join(root, 'node_modules', '.bin', 'pnpm');

function run(cmd, args) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (res.status !== 0) {
    console.error(`bootstrap: '${cmd} ${args.join(' ')}' failed (exit ${res.status ?? res.signal})`);
    process.exit(res.status ?? 1);
  }
}

if (!existsSync(localPnpm) || !existsSync(join(root, 'node_modules', '.modules.yaml'))) {
  console.log('bootstrap: installing the workspace (first run)…');
  run('npx', ['--yes', 'pnpm@9.15.9', 'install', '--frozen-lockfile']);
}
if (process.env.WHARF_SKIP_BUILD !== '1') {
  run(localPnpm, ['-s', 'build']);
}

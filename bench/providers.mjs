#!/usr/bin/env node
// The providers' bench rows (issue 14), run after the proxy rows by `pnpm bench`: DNS servers
// re-resolved without a request stall (packages/provider-dns/bench/rediscovery.mjs) and a KV
// tree of 1,000 routers applied after the last write (packages/provider-kv/bench/kv-apply.mjs).
// Each script prints its own table; a row whose store binary is missing says so and is skipped.
// Usage: node bench/providers.mjs [--only dns,kv]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',');
const rows = [
  { name: 'dns', script: '../packages/provider-dns/bench/rediscovery.mjs', args: ['--duration', '5'] },
  { name: 'kv', script: '../packages/provider-kv/bench/kv-apply.mjs', args: [] },
];
let failed = 0;
for (const row of rows) {
  if (only && !only.includes(row.name)) continue;
  process.stdout.write(`\n== providers: ${row.name}\n`);
  const r = spawnSync(process.execPath, [fileURLToPath(new URL(row.script, import.meta.url)), ...row.args], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed += 1;
    process.stderr.write(`bench: ${row.name} row exited with ${r.status ?? r.signal}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);

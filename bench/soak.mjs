#!/usr/bin/env node
// Soak (issue 11): wharf (built dist) under a bounded load loop over 3 backends for --minutes
// (default 10), with a hot reload every --reload-every seconds. RSS is sampled every second; the
// row passes when the mean RSS of the last minute is within ±10 % of the first minute after warm-up
// and no request failed. Not in CI (pnpm bench only).
// Usage: node bench/soak.mjs [--minutes 10] [--concurrency 8] [--reload-every 30]
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { allocPort, killAll, startProcess } from './lib/process.mjs';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    'reload-every': { type: 'string', default: '30' },
  },
});
const MINUTES = Math.min(Math.max(Number(values.minutes), 0.1), 120);
const CONCURRENCY = Math.min(Math.max(Number(values.concurrency), 1), 64);
const RELOAD_EVERY_S = Math.min(Math.max(Number(values['reload-every']), 1), 3600);
const WINDOW_MS = Math.min(60_000, (MINUTES * 60_000) / 4);

process.on('exit', killAll);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));

const dir = mkdtempSync(join(tmpdir(), 'wharf-soak-'));
const file = join(dir, 'dynamic.yml');
function writeConfig(backends, n) {
  const servers = backends.map((p) => `          - url: http://127.0.0.1:${p}`).join('\n');
  const text = `http:\n  routers:\n    app:\n      rule: Host(\`app.soak\`)\n      service: app\n      middlewares: [tag]\n  middlewares:\n    tag:\n      headers:\n        customRequestHeaders:\n          X-Soak: "${n}"\n  services:\n    app:\n      loadBalancer:\n        servers:\n${servers}\n`;
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY + 2 });
function get(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/soak', headers: { host: 'app.soak' }, agent, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end();
  });
}
const rssMb = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main() {
  const whoami = fileURLToPath(new URL('../apps/whoami/dist/main.js', import.meta.url));
  const wharfMain = fileURLToPath(new URL('../apps/wharf/dist/main.js', import.meta.url));
  const backends = [];
  for (let i = 1; i <= 3; i++) {
    const p = allocPort();
    await startProcess(process.execPath, [whoami, '--port', String(p), '--name', `w${i}`, '--host', '127.0.0.1'], { port: p });
    backends.push(p);
  }
  let reloads = 0;
  writeConfig(backends, reloads);
  const port = allocPort();
  const wharf = await startProcess(process.execPath, [wharfMain, `--entrypoints.web.address=127.0.0.1:${port}`, `--providers.file.filename=${file}`, '--log.level=ERROR'], { port, timeoutMs: 60_000 });
  for (let i = 0; i < 300 && (await get(port)) !== 200; i++) await new Promise((r) => setTimeout(r, 100));

  const end = Date.now() + MINUTES * 60_000;
  const counts = { ok: 0, failed: 0 };
  const rss = [];
  const sampler = setInterval(() => rss.push({ at: Date.now(), mb: rssMb(wharf.pid) }), 1000);
  const reloader = setInterval(() => writeConfig(backends, ++reloads), RELOAD_EVERY_S * 1000);
  const started = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end) (await get(port)) === 200 ? counts.ok++ : counts.failed++;
  }));
  clearInterval(sampler);
  clearInterval(reloader);
  await wharf.stop();

  // the first window after a warm-up window, against the last window
  const first = mean(rss.filter((r) => r.at >= started + WINDOW_MS && r.at < started + 2 * WINDOW_MS).map((r) => r.mb));
  const last = mean(rss.filter((r) => r.at >= end - WINDOW_MS).map((r) => r.mb));
  const drift = (last - first) / first;
  const pass = Math.abs(drift) <= 0.1 && counts.failed === 0;
  console.log(`soak: ${MINUTES} min, ${CONCURRENCY} concurrent GETs over 3 servers, ${reloads} hot reloads`);
  console.log(`requests ${counts.ok} ok, ${counts.failed} failed; RSS ${first.toFixed(0)} MB → ${last.toFixed(0)} MB (${(drift * 100).toFixed(1)} %): ${pass ? 'flat' : 'NOT flat / errors'}`);
  return { minutes: MINUTES, ...counts, reloads, rssFirstMb: first, rssLastMb: last, drift, pass };
}

main()
  .then((result) => {
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(result, null, 2));
    if (!result.pass) process.exitCode = 1;
  })
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
    killAll();
  });

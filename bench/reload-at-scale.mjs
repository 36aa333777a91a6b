#!/usr/bin/env node
// Reloads at scale (issue 11): wharf (built dist) serves a 10,000-router file; a bounded load loop
// hits an unrelated router while the file is fully rewritten and then edited on one line. Reports
// p99/max latency and errors per phase, reload time, and wharf's RSS against the steady state.
// Usage: node bench/reload-at-scale.mjs [--routers 10000] [--concurrency 8] [--steady 4] [--reloads 3]
import { mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { allocPort, killAll, startProcess } from './lib/process.mjs';

const { values } = parseArgs({
  options: {
    routers: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
    steady: { type: 'string', default: '4' },
    reloads: { type: 'string', default: '3' },
  },
});
const ROUTERS = Math.min(Math.max(Number(values.routers), 1), 100_000);
const CONCURRENCY = Math.min(Math.max(Number(values.concurrency), 1), 64);
const STEADY_S = Math.min(Math.max(Number(values.steady), 1), 60);
const RELOADS = Math.min(Math.max(Number(values.reloads), 1), 10);
const RELOAD_TIMEOUT_MS = 60_000;

process.on('exit', killAll);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));

const dir = mkdtempSync(join(tmpdir(), 'wharf-reload-bench-'));
const file = join(dir, 'dynamic.yml');

/** The whole file: ROUTERS routers (+ the unrelated `app` router and a reload marker). */
function dynamicFile(backend, generation, marker) {
  const lines = ['http:', '  routers:', '    app:', '      rule: Host(`app.bench`)', '      service: app', '    marker:', `      rule: Host(\`${marker}.bench\`)`, '      service: app'];
  for (let i = 0; i < ROUTERS; i++) {
    lines.push(`    r${i}:`, `      rule: Host(\`r${i}-g${generation}.bench\`) && PathPrefix(\`/p${i}\`)`, `      service: s${i % 100}`);
  }
  lines.push('  services:', '    app:', '      loadBalancer:', '        servers:', `          - url: http://127.0.0.1:${backend}`);
  for (let i = 0; i < 100; i++) lines.push(`    s${i}:`, '      loadBalancer:', '        servers:', `          - url: http://127.0.0.1:${backend}`);
  return `${lines.join('\n')}\n`;
}

function writeAtomically(text) {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY + 2 });
function get(port, host, path = '/bench') {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, path, headers: { host }, agent, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      res.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end();
  });
}

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** A bounded load loop: CONCURRENCY requests in flight to the unrelated router until stopped. */
function loadLoop(port) {
  const samples = [];
  let running = true;
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (running) samples.push({ at: performance.now(), ...(await get(port, 'app.bench')) });
  });
  return { samples, stop: async () => { running = false; await Promise.all(workers); } };
}

function summarize(samples) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const q = (p) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] : Number.NaN);
  return { requests: ms.length, errors: samples.filter((s) => s.status !== 200).length, p50: q(0.5), p99: q(0.99), max: ms.at(-1) ?? Number.NaN };
}

async function waitForMarker(port, marker) {
  const deadline = Date.now() + RELOAD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if ((await get(port, `${marker}.bench`)).status === 200) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

async function main() {
  const whoami = fileURLToPath(new URL('../apps/whoami/dist/main.js', import.meta.url));
  const wharfMain = fileURLToPath(new URL('../apps/wharf/dist/main.js', import.meta.url));
  const backendPort = allocPort();
  await startProcess(process.execPath, [whoami, '--port', String(backendPort), '--name', 'w1', '--host', '127.0.0.1'], { port: backendPort });
  let generation = 0;
  let markerN = 0;
  writeAtomically(dynamicFile(backendPort, generation, `m${markerN}`));
  const port = allocPort();
  const wharf = await startProcess(process.execPath, [wharfMain, `--entrypoints.web.address=127.0.0.1:${port}`, `--providers.file.filename=${file}`, '--providers.providersThrottleDuration=0s', '--log.level=ERROR'], { port, timeoutMs: 60_000 });
  if (!(await waitForMarker(port, 'm0'))) throw new Error('wharf never served the first configuration');

  const rss = [];
  const sampler = setInterval(() => rss.push({ at: performance.now(), mb: rssMb(wharf.pid) }), 50);
  const loop = loadLoop(port);
  const phases = [];
  const window = (name, from, to, extra = {}) => {
    phases.push({ name, ...summarize(loop.samples.filter((s) => s.at >= from && s.at < to)), peakRssMb: Math.max(...rss.filter((r) => r.at >= from && r.at < to).map((r) => r.mb)), ...extra });
  };
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, STEADY_S * 1000));
  const t1 = performance.now();
  window('steady', t0, t1);
  const steadyRss = rss.filter((r) => r.at >= t0 && r.at < t1).reduce((a, r) => a + r.mb, 0) / Math.max(1, rss.filter((r) => r.at >= t0 && r.at < t1).length);

  for (let i = 0; i < RELOADS; i++) {
    for (const kind of ['full rewrite', 'one-line edit']) {
      markerN += 1;
      if (kind === 'full rewrite') generation += 1;
      const from = performance.now();
      writeAtomically(dynamicFile(backendPort, generation, `m${markerN}`)); // one-line edit: only the marker rule changes
      const ok = await waitForMarker(port, `m${markerN}`);
      const reloadMs = performance.now() - from;
      await new Promise((r) => setTimeout(r, 500)); // the tail of the reload (old generation retiring, GC)
      window(kind, from, performance.now(), { reloadMs: ok ? reloadMs : Number.NaN });
    }
  }
  await loop.stop();
  clearInterval(sampler);
  await wharf.stop();

  const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
  console.log(`reload at scale: ${ROUTERS} routers, ${CONCURRENCY} concurrent GETs to an unrelated router; steady RSS ${fmt(steadyRss, 0)} MB`);
  console.log('phase           reqs  errors  p50 ms  p99 ms  max ms  reload ms  peak RSS MB  ×steady');
  for (const p of phases) {
    console.log(`${p.name.padEnd(14)} ${String(p.requests).padStart(5)} ${String(p.errors).padStart(7)} ${fmt(p.p50).padStart(7)} ${fmt(p.p99).padStart(7)} ${fmt(p.max).padStart(7)} ${fmt(p.reloadMs, 0).padStart(10)} ${fmt(p.peakRssMb, 0).padStart(12)} ${fmt(p.peakRssMb / steadyRss, 2).padStart(8)}`);
  }
  return { routers: ROUTERS, concurrency: CONCURRENCY, steadyRssMb: steadyRss, phases };
}

main()
  .then((result) => {
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(result, null, 2));
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

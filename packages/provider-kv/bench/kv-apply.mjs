#!/usr/bin/env node
// Bench row of issue 14: "a KV tree of 1,000 routers applied in ≤ 300 ms after the last write".
// For etcd and Redis (each started here on loopback): a real wharf (apps/wharf/bin/wharf.mjs,
// providersThrottleDuration=0s) watches the store; `putEtcdTree`/`putRedisTree` (the `wharf kv put`
// path) writes 1,000 routers + 1,000 services; the clock runs from the write's acknowledgement
// until a request for the router written last is routed. Then: every rule changed, one key
// changed on the full tree, and every key deleted (until the last router answers 404).
// Where the time goes, from wharf's DEBUG log: `snapshots` the provider emitted since the write
// began, `lastSnapshotMs` when the last one reached the aggregator (after the acknowledgement:
// provider watch + decode), `compileMs` the runtime's validate + compile of the generation built
// from it; the rest of `appliedMs` is the swap and the bench's polling request. `wharfCpuMs`: CPU the
// wharf process used from the write's start until routed (less noisy than wall time on a shared machine).
// Usage: node packages/provider-kv/bench/kv-apply.mjs [--routers 1000] [--only etcd|redis] [--json out.json]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = fileURLToPath(new URL('.', import.meta.url));
const { values } = parseArgs({ options: { routers: { type: 'string', default: '1000' }, only: { type: 'string' }, json: { type: 'string' } } });
const N = Math.min(Math.max(Number(values.routers), 1), 20_000);
const GOAL_MS = 300;
const kv = await import(join(here, '..', 'dist', 'index.js'));
const WHARF = join(here, '..', '..', '..', 'apps', 'wharf', 'bin', 'wharf.mjs');
const children = new Set();
process.on('exit', () => { for (const c of children) c.kill('SIGKILL'); });
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));

const freePort = () => new Promise((resolve, reject) => {
  const srv = netServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const { port } = srv.address();
    srv.close(() => resolve(port));
  });
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** CPU ms (user + system) a child has used so far, from /proc (Linux; undefined elsewhere); 10 ms resolution. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** `onLine(line)`: each stdout line (wharf's log), else stdout is ignored */
function start(bin, args, onLine) {
  const child = spawn(bin, args, { stdio: ['ignore', onLine ? 'pipe' : 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  if (onLine) {
    let partial = '';
    child.stdout.on('data', (d) => {
      const lines = (partial + d).split('\n');
      partial = lines.pop().slice(-4000);
      for (const line of lines) onLine(line);
    });
  }
  children.add(child);
  child.on('exit', () => children.delete(child));
  return { child, stderr: () => stderr, stop: () => new Promise((r) => { if (child.exitCode !== null) return r(); child.once('exit', r); child.kill('SIGTERM'); }) };
}

/** GET http://127.0.0.1:port/ with Host: host → status (0 when refused). */
function status(port, host) {
  return new Promise((resolve) => {
    const req = request({ port, host: '127.0.0.1', path: '/', headers: { host }, agent: false }, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
    req.end();
  });
}

async function until(ok, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ok()) return;
    await sleep(2);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function tree(backend, prefix) {
  const routers = {};
  const services = {};
  for (let i = 0; i < N; i++) {
    routers[`r${i}`] = { rule: `Host(\`${prefix}${i}.bench\`)`, entryPoints: ['web'], service: `s${i}` };
    services[`s${i}`] = { loadBalancer: { servers: [{ url: `http://127.0.0.1:${backend}` }] } };
  }
  return { http: { routers, services, middlewares: {} } };
}

async function startStore(kind) {
  const port = await freePort();
  if (kind === 'redis') {
    const p = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    return { port, stop: p.stop, cleanup() {} };
  }
  const peer = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wharf-bench-etcd-'));
  const url = `http://127.0.0.1:${port}`;
  const p = start('etcd', ['--data-dir', dir, '--listen-client-urls', url, '--advertise-client-urls', url, '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--log-level', 'error']);
  return { port, stop: p.stop, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The provider's own share: in-process, from the write's acknowledgement to the emitted snapshot. */
async function providerOnly(kind, store, backend) {
  const options = { endpoints: [`127.0.0.1:${store.port}`], rootKey: 'alone' };
  const provider = (kind === 'etcd' ? kv.createEtcdProvider : kv.createRedisProvider)(options);
  const put = kind === 'etcd' ? kv.putEtcdTree : kv.putRedisTree;
  let waiter;
  const controller = new AbortController();
  const running = provider.start((s) => waiter?.(s), controller.signal);
  const rows = [];
  const step = async (name, config, ok) => {
    const seen = new Promise((resolve) => { waiter = (s) => { if (ok(s)) resolve(); }; });
    const t0 = performance.now();
    const result = await put(options, config);
    const written = performance.now();
    await seen;
    rows.push({ store: kind, step: `provider only: ${name}`, keys: result.keys, written: result.written, deleted: result.deleted, writeMs: Math.round(written - t0), appliedMs: Math.round(performance.now() - written) });
  };
  await new Promise((r) => setTimeout(r, 300));
  await step(`${N} routers added`, tree(backend, 'r'), (s) => s.config.http.routers[`r${N - 1}`] !== undefined);
  const one = tree(backend, 'r');
  one.http.routers.r0.rule = 'Host(`one.bench`)';
  await step('1 key changed', one, (s) => s.config.http.routers.r0?.rule === 'Host(`one.bench`)');
  controller.abort();
  await running;
  return rows;
}

async function measure(kind, backend) {
  const store = await startStore(kind);
  const web = await freePort();
  const options = { endpoints: [`127.0.0.1:${store.port}`] };
  const put = kind === 'etcd' ? kv.putEtcdTree : kv.putRedisTree;
  for (let i = 0; i < 100; i++) {
    try { await put(options, { http: { routers: {}, services: {}, middlewares: {} } }); break; } catch { await sleep(100); }
  }
  // wharf's DEBUG log says when each snapshot arrived and how long each generation took to compile
  const events = [];
  const onLine = (line) => {
    const at = Date.parse(line.slice(0, 24));
    const received = /DBG configuration received provider="?[\w-]+"? routers=(\d+)/.exec(line);
    const compiled = /DBG generation compiled generation=(\d+) routers=(\d+) compileMs=(\d+)/.exec(line);
    if (received) events.push({ at, kind: 'received', routers: Number(received[1]) });
    else if (compiled) events.push({ at, kind: 'compiled', routers: Number(compiled[2]), compileMs: Number(compiled[3]) });
  };
  const wharf = start(process.execPath, [WHARF, `--providers.${kind}.endpoints=127.0.0.1:${store.port}`, '--providers.providersThrottleDuration=0s',
    `--entrypoints.web.address=127.0.0.1:${web}`, '--log.level=DEBUG'], onLine);
  const rows = [];
  try {
    await until(async () => (await status(web, 'none.bench')) === 404, 60_000, 'wharf to listen');
    const last = N - 1;
    const step = async (name, config, check) => {
      const t0 = performance.now();
      const wall0 = Date.now();
      const cpu0 = cpuMs(wharf.child.pid);
      const result = await put(options, config);
      const written = performance.now();
      const wallWritten = Date.now();
      await until(check, 30_000, name);
      const applied = performance.now() - written;
      const cpu = cpu0 === undefined ? undefined : cpuMs(wharf.child.pid) - cpu0;
      await sleep(50); // the last log lines
      // where the time after the write went: the last snapshot's arrival, then its compile
      const during = events.filter((e) => e.at >= wall0);
      const lastReceived = during.filter((e) => e.kind === 'received').at(-1);
      const compiles = during.filter((e) => e.kind === 'compiled' && (lastReceived === undefined || e.at >= lastReceived.at));
      rows.push({
        store: kind, step: name, keys: result.keys, written: result.written, deleted: result.deleted, writeMs: Math.round(written - t0), appliedMs: Math.round(applied),
        snapshots: during.filter((e) => e.kind === 'received').length,
        lastSnapshotMs: lastReceived ? lastReceived.at - wallWritten : undefined,
        compileMs: compiles[0]?.compileMs,
        wharfCpuMs: cpu,
      });
      events.length = 0;
    };
    await step(`${N} routers added`, tree(backend, 'r'), async () => (await status(web, `r${last}.bench`)) === 200);
    await step(`${N} rules changed`, tree(backend, 'v'), async () => (await status(web, `v${last}.bench`)) === 200);
    const one = tree(backend, 'v');
    one.http.routers[`r${Math.floor(N / 2)}`].rule = 'Host(`one.bench`)';
    await step('1 key changed', one, async () => (await status(web, 'one.bench')) === 200);
    await step('every key deleted', { http: { routers: {}, services: {}, middlewares: {} } }, async () => (await status(web, `v${last}.bench`)) === 404);
    await wharf.stop();
    rows.push(...(await providerOnly(kind, store, backend)));
  } catch (err) {
    process.stderr.write(`kv bench (${kind}): ${err.message}\n${wharf.stderr()}\n`);
    process.exitCode = 1;
  } finally {
    await wharf.stop();
    await store.stop();
    store.cleanup();
  }
  return rows;
}

if (!existsSync(join(here, '..', 'dist', 'index.js')) || !existsSync(join(here, '..', '..', '..', 'apps', 'wharf', 'dist', 'main.js'))) {
  console.error('kv bench: build first (pnpm -s build)');
  process.exit(1);
}
const backend = createServer((_, res) => res.end('ok')).listen(0, '127.0.0.1');
await new Promise((r) => backend.once('listening', r));
const results = [];
for (const kind of ['etcd', 'redis']) {
  if (values.only && values.only !== kind) continue;
  results.push(...(await measure(kind, backend.address().port)));
}
backend.close();
const load = (await import('node:os')).loadavg()[0].toFixed(1);
console.log(`KV providers: ${N} routers, wharf with providersThrottleDuration=0s; time from the write's acknowledgement to routed (goal ≤ ${GOAL_MS} ms for the whole tree); load average ${load}`);
console.table(results.map((r) => ({ ...r, goal: r.step.includes('added') ? (r.appliedMs <= GOAL_MS ? 'met' : 'MISSED') : '' })));
if (values.json) writeFileSync(values.json, `${JSON.stringify({ routers: N, goalMs: GOAL_MS, results }, null, 2)}\n`);

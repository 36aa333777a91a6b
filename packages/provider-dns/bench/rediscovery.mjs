#!/usr/bin/env node
// Bench row "1,000 DNS-discovered servers re-resolved without a request stall" (issue 14).
// A real dnsmasq on loopback serves N records; the dns provider re-resolves them every
// --interval while --churn rewrites 10 % of the addresses (SIGHUP), so slots really move. In the
// same process a node:http server answers 4 paced keep-alive request loops: the event-loop delay
// (perf_hooks.monitorEventLoopDelay) and the request latency show any stall the DNS work causes.
// Layouts: one name with N A records (one TCP answer), 100 names × N/100 records, one SRV name
// names × N/10 records with N distinct targets (N + 10 queries per resolution). `baseline` runs
// the same request loop and churn without the provider: the machine's own noise.
// Usage (after `pnpm -s build`): node packages/provider-dns/bench/rediscovery.mjs
//   [--servers 1000] [--duration 10] [--interval 1s] [--churn 2s] [--only one-name,names,srv] [--json]
import { request, createServer, Agent } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { applyAnswer, buildConfig, createDnsProvider, initialServiceState, resolveDnsOptions } from '../dist/index.js';
import { DNSMASQ_BINARY, startDnsmasq } from '@wharf/test-daemons';

const { values } = parseArgs({
  options: {
    servers: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '10' },
    interval: { type: 'string', default: '1s' },
    churn: { type: 'string', default: '2s' },
    only: { type: 'string', default: 'baseline,one-name,names,srv' },
    json: { type: 'boolean', default: false },
  },
});
const N = Math.min(Math.max(Number(values.servers), 100), 4000);
const durationMs = Math.min(Math.max(Number(values.duration), 2), 120) * 1000;
const churnMs = Number.parseFloat(values.churn) * (values.churn.endsWith('ms') ? 1 : 1000);
if (!DNSMASQ_BINARY) {
  console.error('dnsmasq is not installed (Debian package dnsmasq): cannot run the DNS rediscovery bench');
  process.exit(2);
}

const ip = (base, i) => `10.${base}.${(i >> 8) & 255}.${i & 255}`;
const NAMES = 100;
/** each of the 4 request loops waits this long between requests: the loop stays mostly idle, so its busy share shows the DNS work */
const PACE_MS = 4;
function hostsFor(generation) {
  // generation g replaces a rotating 10 % slice of every layout's addresses
  const shifted = (i) => (Math.floor(i / (N / 10)) === generation % 10 ? i + 4096 * ((generation % 3) + 1) : i);
  const lines = [];
  for (let i = 0; i < N; i++) lines.push(`${ip(20, shifted(i))} big.test`);
  for (let i = 0; i < N; i++) lines.push(`${ip(40, shifted(i))} n${i % NAMES}.test`);
  for (let i = 0; i < N; i++) lines.push(`${ip(60, shifted(i) % 65536)} t${i}.test`);
  return lines.join('\n');
}
// dnsmasq writes broken compression pointers past 16 KiB (dig: "bad label type"), so SRV answers
// stay small: SRV_NAMES names × N/SRV_NAMES records, each with its own target
const SRV_NAMES = 10;
const srv = Array.from({ length: N }, (_, i) => `_http._tcp.s${i % SRV_NAMES}.test,t${i}.test,${8000 + (i % 1000)},0,${1 + (i % 5)}`);

const LAYOUTS = {
  baseline: undefined,
  'one-name': { services: { big: { name: 'big.test', port: 80, interval: values.interval } } },
  names: { services: Object.fromEntries(Array.from({ length: NAMES }, (_, i) => [`n${i}`, { name: `n${i}.test`, port: 80, interval: values.interval }])) },
  srv: { services: Object.fromEntries(Array.from({ length: SRV_NAMES }, (_, i) => [`s${i}`, { name: `_http._tcp.s${i}.test`, interval: values.interval }])) },
};

function percentile(sorted, p) {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function requestLoop(port, stopAt, latencies) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  while (performance.now() < stopAt) {
    const t0 = performance.now();
    await new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    latencies.push(performance.now() - t0);
    await delay(PACE_MS);
  }
  agent.destroy();
}

async function runLayout(name, ns) {
  const http = createServer((_req, res) => res.end('ok'));
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  const provider = createDnsProvider({ resolvers: [ns.server], resolveRetries: 3, timeout: '1s', ...(LAYOUTS[name] ?? { services: {} }) });
  const controller = new AbortController();
  let snapshots = 0;
  let last;
  const done = provider.start((s) => {
    snapshots++;
    last = s;
  }, controller.signal);
  const t0 = performance.now();
  while (!last) await delay(5);
  const firstMs = performance.now() - t0;
  const countServers = (s) => Object.values(s.config.http.services).reduce((n, svc) => n + (svc.loadBalancer?.servers?.length ?? 0), 0);
  const firstServers = countServers(last);
  const answersAtStart = provider.status().services.reduce((n, s) => n + s.answers, 0);
  const snapshotsAtStart = snapshots;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const stopAt = performance.now() + durationMs;
  const latencies = [];
  const clients = Array.from({ length: 4 }, () => requestLoop(http.address().port, stopAt, latencies));
  let generation = 0;
  const churn = (async () => {
    while (performance.now() + churnMs < stopAt) {
      await delay(churnMs);
      await ns.setHosts(hostsFor(++generation));
    }
  })();
  await Promise.all([...clients, churn]);
  loop.disable();
  const elu = performance.eventLoopUtilization(elu0).utilization;
  const cpu = process.cpuUsage(cpu0);
  const status = provider.status();
  controller.abort();
  await done;
  await new Promise((r) => http.close(r));
  await ns.setHosts(hostsFor(0));
  latencies.sort((a, b) => a - b);
  return {
    layout: name, servers: countServers(last), firstServers, firstSnapshotMs: Math.round(firstMs),
    resolutions: status.services.reduce((n, s) => n + s.answers, 0) - answersAtStart,
    failures: status.services.reduce((n, s) => n + s.failures, 0),
    snapshots: snapshots - snapshotsAtStart, churns: generation,
    elu, cpuMsPerS: (cpu.user + cpu.system) / 1000 / (durationMs / 1000),
    loopP50Ms: loop.percentile(50) / 1e6, loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6,
    requests: latencies.length, reqP50Ms: percentile(latencies, 50), reqP99Ms: percentile(latencies, 99), reqMaxMs: latencies.at(-1),
  };
}

/**
 * The provider's synchronous work per resolution of one service of N servers, without sockets:
 * the slot state machine on a rotated, 10 %-churned answer plus the full snapshot build. This is
 * the longest block it can add to the event loop; it does not move with the machine's load.
 */
function syncWork() {
  const { options } = resolveDnsOptions({ services: { big: { name: 'big.test', port: 80 } } });
  const service = options.services[0];
  const policy = { slots: service.slots, hold: options.hold };
  const answer = (g) => {
    const records = [];
    for (let i = 0; i < N; i++) {
      const address = ip(20, Math.floor(i / (N / 10)) === g % 10 ? i + 4096 : i);
      records.push({ key: address, addresses: [address], port: 80, weight: 1 });
    }
    if (g % 2) records.reverse();
    return { status: 'valid', problems: [], ttlSeconds: 600, records };
  };
  let state = applyAnswer(initialServiceState, answer(0), 0, policy);
  const times = [];
  const cpuTimes = [];
  for (let g = 1; g <= 70; g++) {
    const next = answer(g);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    state = applyAnswer(state, next, g * 1000, policy);
    buildConfig([{ service, state, policy }], g * 1000);
    const c = process.cpuUsage(c0);
    if (g > 10) {
      // the first 10 warm the JIT up
      times.push(performance.now() - t0);
      cpuTimes.push((c.user + c.system) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), maxMs: times.at(-1), cpuP50Ms: percentile(cpuTimes, 50), cpuP99Ms: percentile(cpuTimes, 99) };
}

const sync = syncWork();
const ns = await startDnsmasq({ hosts: hostsFor(0), srv });
const results = [];
try {
  for (const name of values.only.split(',').map((s) => s.trim()).filter((s) => s in LAYOUTS)) results.push(await runLayout(name, ns));
} finally {
  await ns.close();
}
if (values.json) {
  console.log(JSON.stringify({ servers: N, durationMs, interval: values.interval, churnMs, sync, results }, null, 2));
} else {
  const f = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
  console.log(`DNS rediscovery: ${N} servers, re-resolved every ${values.interval}, 10 % of addresses changed every ${values.churn}, ${durationMs / 1000} s per layout`);
  console.log(`synchronous work per resolution of ${N} servers (slots + snapshot), after warm-up: wall p50 ${f(sync.p50Ms)} / p99 ${f(sync.p99Ms)} ms, cpu p50 ${f(sync.cpuP50Ms)} / p99 ${f(sync.cpuP99Ms)} ms`);
  console.log('| layout | servers | first snapshot ms | resolutions | snapshots | loop busy | cpu ms/s | loop delay p50 / p99 / max ms | requests | req p50 / p99 / max ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(`| ${r.layout} | ${r.servers} | ${r.firstSnapshotMs} | ${r.resolutions} | ${r.snapshots} | ${(r.elu * 100).toFixed(1)} % | ${r.cpuMsPerS.toFixed(0)} | ${f(r.loopP50Ms)} / ${f(r.loopP99Ms)} / ${f(r.loopMaxMs)} | ${r.requests} | ${f(r.reqP50Ms)} / ${f(r.reqP99Ms)} / ${f(r.reqMaxMs)} |`);
  }
}

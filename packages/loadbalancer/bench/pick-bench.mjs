#!/usr/bin/env node
// Hot-path micro-benchmark of the built balancer: `pick` + attempt hooks for plain wrr and for wrr
// with sticky cookies and active + passive health. The end-to-end target (sticky+health ≥ 0.9×
// plain wrr in requests/s) is about the proxy; here we report the absolute cost per pick, which
// must stay far below a proxied request's cost (tens of µs).
// Usage: pnpm --filter @wharf/loadbalancer run build && node packages/loadbalancer/bench/pick-bench.mjs
import { createHealthRegistry, createLoadBalancer, createRandom } from '../dist/index.js';

const SERVERS = Array.from({ length: 8 }, (_, i) => ({ url: `http://10.0.0.${i + 1}:8080`, weight: 1 + (i % 3) }));
const OK = { networkError: false, status: 200 };

function balancer(config) {
  const controller = new AbortController();
  const lb = createLoadBalancer(
    { servers: SERVERS, ...config },
    { serviceName: 'bench@file', health: createHealthRegistry(), signal: controller.signal },
    { random: createRandom(1), prober: async () => ({ ok: true, result: '200' }) },
  );
  return { lb, controller };
}

function run(lb, requests, ms) {
  let ops = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) {
      const res = lb.pick(requests[i & 1023]);
      if (res === undefined) throw new Error('no server');
      lb.onAttemptStart(res.server);
      lb.onAttemptEnd(res.server, OK);
    }
    ops += 1000;
  }
  return (ops / ms) * 1000;
}

const plain = balancer({});
const full = balancer({ sticky: { cookie: { httpOnly: true } }, healthCheck: { interval: '1h' }, passiveHealthCheck: {} });
await new Promise((r) => setTimeout(r, 50)); // first probes
const first = full.lb.pick({ clientIP: '1.1.1.1' });
// a flat string, as the HTTP parser hands it over (a template literal would be a slower cons string)
const pinned = Buffer.from(`theme=dark; ${first.setCookie.split(';')[0]}; other=1`).toString();
const plainReqs = Array.from({ length: 1024 }, (_, i) => ({ clientIP: `10.1.${i >> 8}.${i & 255}` }));
// half the clients carry a cookie, half are new (Set-Cookie path)
const stickyReqs = plainReqs.map((r, i) => (i % 2 === 0 ? { ...r, cookie: pinned } : r));

const results = { plain: [], sticky: [] };
for (let round = 0; round < 5; round++) {
  results.plain.push(run(plain.lb, plainReqs, 300));
  results.sticky.push(run(full.lb, stickyReqs, 300));
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p = median(results.plain);
const s = median(results.sticky);
const ns = (opsPerSec) => (1e9 / opsPerSec).toFixed(0);
console.log(`wrr plain:          ${(p / 1e6).toFixed(2)} M picks/s  ${ns(p)} ns/pick`);
console.log(`wrr sticky+health:  ${(s / 1e6).toFixed(2)} M picks/s  ${ns(s)} ns/pick  (${(s / p).toFixed(2)}× plain)`);
console.log(`overhead: ${(1e9 / s - 1e9 / p).toFixed(0)} ns per request`);
plain.controller.abort();
full.controller.abort();

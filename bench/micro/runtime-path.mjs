#!/usr/bin/env node
// The runtime's per-request cost without sockets: route lookup + compiled chain (generation
// tracking → middlewares → loadBalancer service) over a transport that answers at once. CPU time
// of this one process, best of 15 batches, so it stays comparable on a busy shared machine where
// the wrk rows swing by ±30 %. Uses the compiled packages (`pnpm build` first).
//   node bench/micro/runtime-path.mjs [plain|sticky|middlewares] [--dist dist]
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { dist: { type: 'string', default: 'dist' } }, allowPositionals: true });
const mode = positionals[0] ?? 'plain';
// `--dist dist-before` loads another build of @wharf/runtime from beside its dist/ (A/B runs)
const runtimeEntry = values.dist === 'dist' ? '@wharf/runtime' : new URL(`../${values.dist}/index.js`, import.meta.resolve('@wharf/runtime')).href;
const { createRuntime } = await import(runtimeEntry);

// whoami's answer to GET /bench, as the transport hands it over
const answer = () => ({
  status: 200,
  headers: { 'content-type': 'text/plain', 'content-length': '1', 'x-whoami-name': 'w1', date: 'Wed, 25 Nov 2026 00:00:00 GMT' },
  body: Buffer.from('1'),
});
const transport = {
  forward(ex, target) {
    ex.serverURL = target.url;
    ex.triedServers.add(target.url);
    return Promise.resolve(answer());
  },
};
const lb = { servers: [1, 2, 3].map((i) => ({ url: `http://127.0.0.1:900${i}` })) };
if (mode === 'sticky') lb.sticky = { cookie: { name: 'wharf_bench' } };
const middlewares = {
  'hdr@bench': { headers: { customRequestHeaders: { 'X-Bench': '1' }, customResponseHeaders: { 'X-Served-By': 'wharf' } } },
  'strip@bench': { stripPrefix: { prefixes: ['/api'] } },
  'rl@bench': { rateLimit: { average: 100_000_000, burst: 100_000_000 } },
};
const withMws = mode === 'middlewares';
const router = { rule: 'Host(`app0.bench`)', service: 'svc@bench', ...(withMws ? { middlewares: Object.keys(middlewares) } : {}) };
const runtime = createRuntime({ entryPoints: [{ name: 'web', address: ':80' }], transport });
runtime.apply({ http: { routers: { 'r@bench': router }, services: { 'svc@bench': { loadBalancer: lb } }, middlewares: withMws ? middlewares : {} } });

/** the fields of an HttpExchange the runtime and these middlewares read */
class BenchExchange {
  constructor() {
    this.headers = { host: 'app0.bench' };
    this.req = { headers: this.headers, socket: { remoteAddress: '127.0.0.1' } };
    this.method = 'GET';
    this.host = 'app0.bench';
    this.path = '/api/bench';
    this.query = '';
    this.clientIP = '127.0.0.1';
    this.entryPoint = 'web';
    this.isUpgrade = false;
    this.attempts = 0;
    this.requestSent = false;
    this.routerName = this.serviceName = this.serverURL = this.body = this.tried = undefined;
  }
  get triedServers() {
    return (this.tried ??= new Set());
  }
}
const match = { host: 'app0.bench', path: '/api/bench', method: 'GET', headers: { host: 'app0.bench' }, query: '', clientIP: '127.0.0.1' };

async function batch(n) {
  for (let i = 0; i < n; i += 100) {
    const pending = [];
    for (let j = 0; j < 100; j++) pending.push(runtime.current().route('web', match).handler(new BenchExchange()));
    await Promise.all(pending);
  }
}
await batch(20_000);
let best = Number.POSITIVE_INFINITY;
for (let k = 0; k < 15; k++) {
  const t0 = process.cpuUsage();
  await batch(20_000);
  const d = process.cpuUsage(t0);
  best = Math.min(best, (d.user + d.system) / 20_000);
}
console.log(`runtime path (${mode}, ${values.dist}): ${(best * 1000).toFixed(0)} ns/request`);
runtime.close();

// wharf's data plane as users get it: the runtime compiles a dynamic config (N `Host(appK.bench)`
// routers → one loadBalancer service over the backends) and one entrypoint serves it. Uses the
// compiled packages (run `pnpm build` first).
//   --routers N        how many routers (the request hits one in the middle of the table)
//   --mode plain       round robin, no middlewares (default)
//   --mode sticky      + sticky cookie + active health check (1 s interval)
//   --mode middlewares + headers + stripPrefix(/api) + rateLimit (high limit) on the router
//   --mode metrics     plain, with the Prometheus metrics observer (@wharf/observability)
import { createEntryPoint, createTransport } from '@wharf/proxy';
import { createRuntime } from '@wharf/runtime';
import { exitOnSignal, serverArgs } from './args.mjs';

const { port, backends, routers, mode } = serverArgs();
const transport = createTransport();
const lb = { servers: backends.map((url) => ({ url })), passHostHeader: true };
if (mode === 'sticky') {
  lb.sticky = { cookie: { name: 'wharf_bench' } };
  lb.healthCheck = { path: '/bench', interval: '1s', timeout: '1s' };
}
const middlewares = {
  'hdr@bench': { headers: { customRequestHeaders: { 'X-Bench': '1' }, customResponseHeaders: { 'X-Served-By': 'wharf' } } },
  'strip@bench': { stripPrefix: { prefixes: ['/api'] } },
  'rl@bench': { rateLimit: { average: 100_000_000, burst: 100_000_000 } },
};
const routerMws = mode === 'middlewares' ? ['hdr@bench', 'strip@bench', 'rl@bench'] : undefined;
const routerMap = {};
for (let i = 0; i < routers; i++) {
  routerMap[`r${i}@bench`] = { rule: `Host(\`app${i}.bench\`)`, service: 'svc@bench', entryPoints: ['web'], ...(routerMws ? { middlewares: routerMws } : {}) };
}
const runtime = createRuntime({ entryPoints: [{ name: 'web', address: `:${port}` }], transport, warmUpMs: 1500 });
runtime.apply({ http: { routers: routerMap, services: { 'svc@bench': { loadBalancer: lb } }, middlewares: mode === 'middlewares' ? middlewares : {} } });
// a health-checked service swaps in after its first probe (warm-up): serve only once routed
const probe = { host: 'app0.bench', path: '/bench', method: 'GET', headers: { host: 'app0.bench' }, query: '', clientIP: '127.0.0.1' };
for (let waited = 0; runtime.current().route('web', probe) === undefined && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
const disabled = Object.entries(runtime.source.view().routers ?? {}).filter(([, r]) => r.status !== 'enabled');
if (disabled.length > 0) throw new Error(`bench config rejected: ${JSON.stringify(disabled[0])}`);
const observers = [];
let metrics;
if (mode === 'metrics') {
  const { createMetrics } = await import('@wharf/observability');
  metrics = createMetrics({});
  observers.push(metrics.observer);
}
const ep = createEntryPoint({ name: 'web', host: '127.0.0.1', port, generations: runtime, observers });
await ep.listen();
exitOnSignal(async () => {
  await ep.close(1000);
  runtime.close();
  metrics?.close();
  await transport.close();
});

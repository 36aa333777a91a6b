import { createRuntime } from '@wharf/runtime';
import { createTransport } from '@wharf/proxy';
const N = 1000;
function tree(prefix) {
  const routers = {}, services = {};
  for (let i = 0; i < N; i++) {
    routers[`r${i}@etcd`] = { rule: `Host(\`${prefix}${i}.bench\`)`, entryPoints: ['web'], service: `s${i}@etcd` };
    services[`s${i}@etcd`] = { loadBalancer: { servers: [{ url: `http://127.0.0.1:9999` }] } };
  }
  return { http: { routers, services, middlewares: {} } };
}
const runtime = createRuntime({ entryPoints: [{ name: 'web', address: ':1' }], transport: createTransport(), warmUpMs: 0 });
for (const [k, p] of [['first', 'r'], ['change', 'v'], ['again', 'w'], ['again2', 'x']]) {
  const t0 = performance.now();
  runtime.apply(tree(p));
  const probe = { host: `${p}${N - 1}.bench`, path: '/', method: 'GET', headers: { host: `${p}${N - 1}.bench` }, query: '', clientIP: '127.0.0.1' };
  let waited = 0;
  while (runtime.current().route('web', probe) === undefined && waited < 5000) { await new Promise((r) => setTimeout(r, 1)); waited++; }
  console.log(k, (performance.now() - t0).toFixed(1), "ms", waited, runtime.current().route("web", probe) ? "routed" : "NOT", JSON.stringify(runtime.source.view().routers?.[`r${N-1}@etcd`]).slice(0,300));
}
runtime.close();
process.exit(0);

#!/usr/bin/env node
// Where a 1,000-router KV apply spends its time in-process (the KV row's runtime share): the
// tree the kv-apply bench writes (router rK → service sK, one server each), qualified @etcd, run
// through validateConfig and then the whole runtime.apply (validate + compile + swap), as the
// aggregator calls it. Best and median of --runs, after 3 warm-up applies.
// Usage: node bench/micro/runtime-apply.mjs [--routers 1000] [--runs 15]
// Profile: node --cpu-prof --cpu-prof-dir=/tmp/prof bench/micro/runtime-apply.mjs
import { parseArgs } from 'node:util';
import { createRuntime, defaultDeps, validateConfig } from '@wharf/runtime';
// as apps/wharf does: TLS on, with the generated default certificate
import { generateDefaultCertificate } from '@wharf/tls';

const { values } = parseArgs({ options: { routers: { type: 'string', default: '1000' }, runs: { type: 'string', default: '15' } } });
const N = Math.min(Math.max(Number(values.routers), 1), 20_000);
const runs = Math.min(Math.max(Number(values.runs), 1), 200);
const transport = { forward: async () => ({ status: 200, headers: {}, body: null }) };

function tree(prefix) {
  const routers = {};
  const services = {};
  for (let i = 0; i < N; i++) {
    routers[`r${i}@etcd`] = { rule: `Host(\`${prefix}${i}.bench\`)`, entryPoints: ['web'], service: `s${i}@etcd` };
    services[`s${i}@etcd`] = { loadBalancer: { servers: [{ url: `http://127.0.0.1:${8000 + (i % 100)}` }] } };
  }
  return { http: { routers, services, middlewares: {} } };
}

const runtime = createRuntime({ entryPoints: [{ name: 'web', address: ':80' }], transport, warmUpMs: 0, defaultCertificate: await generateDefaultCertificate() });
const time = (f) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `best ${s[0].toFixed(1)} ms, median ${s[Math.floor(s.length / 2)].toFixed(1)} ms`;
};
const first = time(() => runtime.apply(tree('a')));
const empty = [];
for (let i = 0; i < runs; i++) empty.push(time(() => runtime.apply({ http: { routers: {}, services: {}, middlewares: {} } })));
for (let i = 0; i < 3; i++) runtime.apply(tree(`w${i}`));
const validate = [];
const applyAll = [];
const applyOne = [];
const view = [];
for (let i = 0; i < runs; i++) {
  const all = tree(`v${i}`);
  validate.push(time(() => validateConfig(all, { entryPoints: [{ name: 'web', address: ':80' }], defaultRuleSyntax: 'v3', deps: defaultDeps })));
  applyAll.push(time(() => runtime.apply(all)));
  const one = tree(`v${i}`);
  one.http.routers[`r${N >> 1}@etcd`].rule = `Host(\`one${i}.bench\`)`;
  applyOne.push(time(() => runtime.apply(one)));
  view.push(time(() => runtime.source.view()));
}
runtime.close();
console.log(`runtime, ${N} routers + ${N} services (node ${process.version})`);
console.log(`first apply (cold JIT): ${first.toFixed(1)} ms`);
console.log(`apply, empty config:     ${stats(empty)} (TLS compile with the default certificate, view)`);
console.log(`validateConfig alone:   ${stats(validate)}`);
console.log(`apply, every rule new:  ${stats(applyAll)}`);
console.log(`apply, one rule new:    ${stats(applyOne)}`);
console.log(`source.view() after:    ${stats(view)}`);

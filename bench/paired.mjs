#!/usr/bin/env node
// Paired A/B of two wharf builds: both load at the same time, so a noisy neighbour hits both alike.
// On this shared 2-core machine, one-after-the-other A/B runs move by ±15 % between rounds and
// have misled us; the ratio of CPU per request within one window, with both servers under the
// same load, moves by a few percent. Use it for any change that claims less than ~15 %.
//
//   node bench/paired.mjs --a /path/to/checkout-a --b /path/to/checkout-b [--test handshakes]
//        [--windows 10] [--window 3] [--warmup 20] [--connections 16]
//
// Each checkout must be built (`pnpm build`); --a and --b default to this checkout (an A/A run:
// what the method's own spread is). Both wharf binaries serve the same HTTPS router over the same
// three whoami backends and the same ECDSA P-256 certificate, as bench/edge-tls.mjs does. After
// `--warmup` s of load (V8 takes 10-15 s to optimise once-per-connection code), `--windows`
// windows of `--window` s: one wrk per server, started together; per window the CPU µs per
// request of each server process (/proc/<pid>/stat) and their ratio B/A. Reported: every window,
// then the median ratio and its range. Tests: `handshakes` (Connection: close: a full TLS
// handshake per request), `keep-alive` (HTTPS, kept-alive connections), `plain` (HTTP keep-alive).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startWhoami } from './lib/backends.mjs';
import { benchCertificate } from './lib/certificate.mjs';
import { withCpu } from './lib/proc-cpu.mjs';
import { allocPort, killAll } from './lib/process.mjs';
import { startWharf } from './lib/wharf-binary.mjs';
import { runWrk } from './lib/wrk.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    a: { type: 'string', default: here },
    b: { type: 'string', default: here },
    test: { type: 'string', default: 'handshakes' },
    windows: { type: 'string', default: '10' },
    window: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '20' },
    connections: { type: 'string', default: '16' },
  },
});
const TESTS = {
  handshakes: { scheme: 'https', headers: ['Connection: close'] },
  'keep-alive': { scheme: 'https', headers: [] },
  plain: { scheme: 'http', headers: [] },
};
const test = TESTS[values.test];
if (test === undefined) throw new Error(`--test: unknown ${values.test} (known: ${Object.keys(TESTS).join(', ')})`);
const clamp = (v, lo, hi) => Math.min(Math.max(Number(v) || lo, lo), hi);
const windows = clamp(values.windows, 3, 60);
const windowS = clamp(values.window, 1, 30);
const warmupS = clamp(values.warmup, 1, 120);
const connections = clamp(values.connections, 1, 256);
const bins = [values.a, values.b].map((root) => {
  const bin = join(resolve(root), 'apps/wharf/bin/wharf.mjs');
  if (!existsSync(join(resolve(root), 'apps/wharf/dist/main.js'))) throw new Error(`${root}: not built (no apps/wharf/dist/main.js): run pnpm build there`);
  return bin;
});
process.on('exit', killAll);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));

const { certFile, keyFile } = benchCertificate('wharf-bench-paired-');

const backends = await startWhoami(3);
const tls = test.scheme === 'https';
const servers = [];
for (const bin of bins) {
  const port = allocPort();
  const router = { rule: 'PathPrefix(`/`)', service: 'whoami', entryPoints: ['websecure'], ...(tls ? { tls: {} } : {}) };
  servers.push(await startWharf({
    bin,
    port,
    entryPoints: { websecure: `127.0.0.1:${port}` },
    dynamic: {
      http: { routers: { bench: router }, services: { whoami: { loadBalancer: { servers: backends.map((b) => ({ url: `http://127.0.0.1:${b.port}` })), passHostHeader: true } } } },
      ...(tls ? { tls: { stores: { default: { defaultCertificate: { certFile, keyFile } } } } } : {}),
    },
    ready: () => runWrk({ port, scheme: test.scheme, connections: 1, durationS: 1 }).then((r) => r.requests > 0 && r.non2xx === 0),
  }));
}

const load = (s, durationS) => runWrk({ port: s.port, scheme: test.scheme, connections, durationS, headers: test.headers });
process.stderr.write(`paired: ${values.test}, warm-up ${warmupS} s…\n`);
await Promise.all(servers.map((s) => load(s, warmupS)));
const rows = [];
for (let w = 1; w <= windows; w++) {
  const [a, b] = await Promise.all(servers.map((s) => withCpu(s.pid, () => load(s, windowS))));
  rows.push({ a, b, ratio: b.cpuUsPerReq / a.cpuUsPerReq });
  console.log(`window ${String(w).padStart(2)}: A ${a.cpuUsPerReq.toFixed(0).padStart(5)} µs/req (${Math.round(a.rps)} req/s)  B ${b.cpuUsPerReq.toFixed(0).padStart(5)} µs/req (${Math.round(b.rps)} req/s)  B/A ${rows.at(-1).ratio.toFixed(3)}`);
}
for (const s of servers) await s.stop();
for (const b of backends) await b.stop();

const ratios = rows.map((r) => r.ratio).filter(Number.isFinite).sort((x, y) => x - y);
const median = ratios.length === 0 ? Number.NaN : ratios[Math.floor(ratios.length / 2)];
console.log(`\n${values.test}: B/A CPU per request, median ${median.toFixed(3)} (range ${ratios[0]?.toFixed(3)}-${ratios.at(-1)?.toFixed(3)}, ${ratios.length} windows of ${windowS} s, -c${connections} each)`);
console.log(`A ${values.a}\nB ${values.b}`);

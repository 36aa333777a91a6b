#!/usr/bin/env node
// HTTPS edge (issue 12): wharf's TLS entrypoint against HAProxy (`nbthread 1`) terminating the same
// ECDSA P-256 certificate, both over the same three whoami backends (HTTP/1.1 to the backends):
//   keep-alive   wrk -t1 -c32 over HTTPS, connections kept open
//   handshakes   wrk -t1 -c32 with `Connection: close`: each request is a new TCP connection and a
//                full TLS handshake (wrk keeps no session: no ticket or ID resumption)
//   http/2       h2load -t1 -c4 -m8 (32 streams in flight), when nghttp2-client is installed
// More rows: node:http2's secure server answering by itself (no proxy), Node's TLS ceiling; a bare
// node:https → node:http keep-alive proxy (what a proxy built on node:http's client costs); for
// handshakes a raw node:tls relay (no HTTP parsing: what Node itself costs to terminate a fresh
// connection and relay its one request); and the same wharf on plain HTTP (keep-alive only), what
// TLS adds to wharf within the run.
// Warm-up: keep-alive and HTTP/2 `--warmup` s; handshakes `--handshake-warmup` s (default 20): the
// per-connection code of a Node server runs once per handshake, ~1,500 times a second, and V8
// takes 10-15 s to optimise it all (measured: wharf 1,279 µs per handshake in its first 3 s, 817
// in the next 3, steady ~500 from 12 s on). HAProxy has no JIT: the warm-up changes nothing there.
// Rounds interleave the servers; each keeps its best round (req/s) and lowest CPU per request.
// Usage: node bench/edge-tls.mjs [--duration 5] [--warmup 1] [--handshake-warmup 20] [--rounds 2]
//        [--tests keep-alive,handshakes,http/2] [--rows haproxy,wharf,…] (a subset, for a quick look)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startWhoami } from './lib/backends.mjs';
import { benchCertificate } from './lib/certificate.mjs';
import { haproxyRow } from './rows/haproxy.mjs';
import { hasH2load, runH2load } from './lib/h2load.mjs';
import { withCpu } from './lib/proc-cpu.mjs';
import { allocPort, killAll, startProcess } from './lib/process.mjs';
import { table, withRatios } from './lib/report.mjs';
import { startWharf } from './lib/wharf-binary.mjs';
import { runWrk } from './lib/wrk.mjs';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '5' }, warmup: { type: 'string', default: '1' }, rounds: { type: 'string', default: '2' }, 'handshake-warmup': { type: 'string', default: '20' }, tests: { type: 'string' }, rows: { type: 'string' } } });
const durationS = Math.min(Math.max(Number(values.duration), 1), 60);
const warmupS = Math.min(Math.max(Number(values.warmup), 1), 10);
const rounds = Math.min(Math.max(Number(values.rounds), 1), 5);
const handshakeWarmupS = Math.min(Math.max(Number(values['handshake-warmup']), 1), 60);
process.on('exit', killAll);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));

const { dir, certFile, keyFile } = benchCertificate('wharf-bench-tls-');
const combined = join(dir, 'haproxy.pem');
const GO_TLS13_ORDER = 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256';
writeFileSync(combined, readFileSync(certFile, 'utf8') + readFileSync(keyFile, 'utf8'));

/** one HTTPS request → status (0 on error); also what the handshake negotiated */
function probe(port, alpn = ['http/1.1']) {
  return new Promise((resolve) => {
    let hello = {};
    const s = connect({ host: '127.0.0.1', port, servername: 'bench.test', rejectUnauthorized: false, ALPNProtocols: alpn }, () => {
      hello = { protocol: s.getProtocol(), cipher: s.getCipher()?.name, group: s.getEphemeralKeyInfo()?.name, alpn: s.alpnProtocol };
      s.write('GET /bench HTTP/1.1\r\nHost: bench.test\r\nConnection: close\r\n\r\n');
    });
    let data = '';
    s.on('data', (d) => (data += d));
    s.on('error', () => resolve({ status: 0 }));
    s.on('close', () => resolve({ status: Number(data.split(' ')[1]) || 0, ...hello }));
  });
}

/** a reference row from bench/servers/ terminating the run's certificate in front of `backends` */
async function nodeTlsRow(file, backends, only) {
  const port = allocPort();
  const script = fileURLToPath(new URL(`./servers/${file}`, import.meta.url));
  const args = [script, '--port', String(port), '--cert', certFile, '--key', keyFile, '--ciphersuites', GO_TLS13_ORDER, '--backends', backends.map((b) => `http://127.0.0.1:${b.port}`).join(',')];
  const p = await startProcess(process.execPath, args, { port });
  return { port, pid: p.pid, stop: p.stop, only };
}

const servers = {
  // the TLS 1.3 suite order wharf uses (Go's: AES-128-GCM first), so both negotiate the same suite
  haproxy: (backends) => haproxyRow.start({ backends, bindOptions: `ssl crt ${combined} alpn h2,http/1.1 ciphersuites ${GO_TLS13_ORDER}` }),
  wharf(backends) {
    const port = allocPort();
    return startWharf({
      port,
      entryPoints: { websecure: `127.0.0.1:${port}` },
      dynamic: {
        http: {
          routers: { bench: { rule: 'PathPrefix(`/`)', service: 'whoami', entryPoints: ['websecure'], tls: {} } },
          services: { whoami: { loadBalancer: { servers: backends.map((b) => ({ url: `http://127.0.0.1:${b.port}` })), passHostHeader: true } } },
        },
        tls: { stores: { default: { defaultCertificate: { certFile, keyFile } } } },
      },
      ready: async () => (await probe(port)).status === 200,
    });
  },
  // the same wharf without TLS (keep-alive only): what TLS adds to wharf, in the same run
  async 'wharf, plain HTTP'(backends) {
    const port = allocPort();
    const w = await startWharf({
      port,
      entryPoints: { web: `127.0.0.1:${port}` },
      dynamic: {
        http: {
          routers: { bench: { rule: 'PathPrefix(`/`)', service: 'whoami', entryPoints: ['web'] } },
          services: { whoami: { loadBalancer: { servers: backends.map((b) => ({ url: `http://127.0.0.1:${b.port}` })), passHostHeader: true } } },
        },
      },
      ready: () => new Promise((resolve) => {
        const req = httpRequest({ port, host: '127.0.0.1', path: '/bench', agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        });
        req.on('error', () => resolve(false));
        req.end();
      }),
    });
    return { ...w, scheme: 'http', only: ['keep-alive'] };
  },
  // answers by itself: the backends are not used
  'node https, no proxy': (backends) => nodeTlsRow('https-floor.mjs', backends),
  'node https proxy': (backends) => nodeTlsRow('https-proxy-floor.mjs', backends, ['keep-alive', 'handshakes']),
  // handshakes only: one request per connection, no HTTP parsing
  'node tls raw relay': (backends) => nodeTlsRow('tls-raw-proxy.mjs', backends, ['handshakes']),
};

const h2 = hasH2load();
const tests = {
  'keep-alive': (port, scheme) => runWrk({ port, scheme, connections: 32, durationS }),
  handshakes: (port) => runWrk({ port, scheme: 'https', connections: 32, durationS, headers: ['Connection: close'] }),
  ...(h2 && { 'http/2': (port) => runH2load({ port, durationS, warmupS }) }),
};
const warm = {
  'keep-alive': (port, scheme) => runWrk({ port, scheme, connections: 32, durationS: warmupS }),
  handshakes: (port) => runWrk({ port, scheme: 'https', connections: 32, durationS: handshakeWarmupS, headers: ['Connection: close'] }),
  'http/2': async () => undefined, // h2load warms up itself (--warm-up-time)
};

/** `--tests` / `--rows`: a comma list picks a subset of `all` (an unknown name is an error, not an empty table) */
function pick(all, list, flag) {
  if (list === undefined) return all;
  const names = list.split(/,(?! )/).map((n) => n.trim()); // row names hold ', ' ("wharf, plain HTTP")
  const unknown = names.filter((n) => !(n in all));
  if (unknown.length > 0) throw new Error(`--${flag}: unknown ${unknown.join(', ')} (known: ${Object.keys(all).join(', ')})`);
  return Object.fromEntries(names.map((n) => [n, all[n]]));
}
const runTests = pick(tests, values.tests, 'tests');
const runServers = pick(servers, values.rows, 'rows');

const backends = await startWhoami(3);
const best = new Map(); // `${test}\u0000${server}` → kept result
const negotiated = {};
for (let round = 1; round <= rounds; round++) {
  for (const [name, start] of Object.entries(runServers)) {
    process.stderr.write(`edge-tls: round ${round}/${rounds}: ${name}…\n`);
    const s = await start(backends);
    try {
      if (s.scheme !== 'http') negotiated[name] = await probe(s.port);
      for (const [test, run] of Object.entries(runTests)) {
        if (s.only && !s.only.includes(test)) continue;
        let r;
        try {
          await warm[test](s.port, s.scheme ?? 'https');
          r = await withCpu(s.pid, () => run(s.port, s.scheme ?? 'https'));
        } catch (err) {
          r = { rps: Number.NaN, p50: Number.NaN, p99: Number.NaN, cpuUsPerReq: Number.NaN, error: String(err.message ?? err).slice(0, 80) };
        }
        const key = `${test}\u0000${name}`;
        const prior = best.get(key);
        const rps = [...(prior?.rounds ?? []), Math.round(r.rps)];
        const top = prior === undefined || !(prior.rps >= r.rps) ? r : prior;
        const lean = prior === undefined || !(prior.cpuUsPerReq <= r.cpuUsPerReq) ? r : prior;
        best.set(key, { ...top, name, cpuUsPerReq: lean.cpuUsPerReq, userUsPerReq: lean.userUsPerReq, sysUsPerReq: lean.sysUsPerReq, rounds: rps });
      }
    } finally {
      await s.stop();
    }
  }
}
for (const b of backends) await b.stop();

const out = {};
console.log(`\nHTTPS edge, ECDSA P-256 certificate, 3 whoami backends, best of ${rounds} interleaved round(s) of ${durationS} s (warm-up ${warmupS} s, handshakes ${handshakeWarmupS} s), node ${process.version}`);
for (const [name, n] of Object.entries(negotiated)) console.log(`  ${name} negotiates: ${n.protocol} ${n.cipher} ${n.group ?? ''}`);
for (const test of Object.keys(runTests)) {
  const rows = withRatios(Object.keys(runServers).map((s) => best.get(`${test}\u0000${s}`)).filter(Boolean)
    // ×base on the wharf row: keep-alive against the same wharf on plain HTTP; handshakes against
    // the raw node:tls relay (what wharf's own per-request work costs over Node terminating TLS)
    .map((r) => (r.name !== 'wharf' ? r : test === 'keep-alive' ? { ...r, base: 'wharf, plain HTTP' } : test === 'handshakes' ? { ...r, base: 'node tls raw relay' } : r)));
  out[test] = rows;
  const what = test === 'handshakes' ? 'new TLS connection per request (req/s = handshakes/s)' : test === 'http/2' ? 'h2load -c4 -m8 (p50/p99: -, mean shown as p50)' : 'wrk -c32 keep-alive';
  console.log(`\n${test}: ${what}\n`);
  console.log(table(rows.map((r) => (test === 'http/2' ? { ...r, p50: r.meanMs, p99: r.maxMs } : r))));
}
if (!h2) console.log('\nhttp/2: skipped (h2load missing: apt-get install nghttp2-client)');
const targets = { 'keep-alive': 0.6, handshakes: 0.8 };
for (const [test, goal] of Object.entries(targets)) {
  if (!(test in out)) continue;
  const ratio = out[test].find((r) => r.name === 'wharf')?.rpsRatio;
  console.log(`target ${test} ≥ ${goal}× HAProxy: ${Number.isFinite(ratio) ? ratio.toFixed(2) : '-'}× ${ratio >= goal ? 'met' : 'NOT met'}`);
}
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const file = `${resultsDir}edge-tls-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, durationS, warmupS, handshakeWarmupS, rounds, negotiated, results: out }, null, 2));
console.log(`\nresults: ${file}`);

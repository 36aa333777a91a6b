#!/usr/bin/env node
// L4 edge (issue 13): wharf's TCP routers (``HostSNI(`*`)``, plain) against HAProxy `mode tcp`
// (`nbthread 1`), and its UDP router against a bare node:dgram relay; `direct` (no proxy) as the
// ceiling. All through the real wharf binary (file provider) and the same backends:
//   bulk 1 / bulk 50   a source writes 64 KiB chunks as fast as they drain; 1 or 50 connections
//                      read for --duration (MB/s at the client; cpu per MB)
//   new connections    wrk -t1 -c32 `Connection: close` over TCP forwarding to the 3 whoami
//                      backends: each request is a new client and upstream TCP connection
//   udp                4 client sockets (4 sessions), 16 datagrams of 64 B in flight each,
//                      against a UDP echo: round trips/s (each is two proxied datagrams)
// Usage: node bench/edge-l4.mjs [--duration 5] [--warmup 1] [--rounds 2]
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startWhoami } from './lib/backends.mjs';
import { bulkDownload, udpRoundTrips } from './lib/l4-clients.mjs';
import { withCpu } from './lib/proc-cpu.mjs';
import { allocPort, killAll, startProcess } from './lib/process.mjs';
import { startWharf } from './lib/wharf-binary.mjs';
import { runWrk } from './lib/wrk.mjs';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '5' }, warmup: { type: 'string', default: '1' }, rounds: { type: 'string', default: '2' } } });
const durationS = Math.min(Math.max(Number(values.duration), 1), 60);
const warmupS = Math.min(Math.max(Number(values.warmup), 1), 10);
const rounds = Math.min(Math.max(Number(values.rounds), 1), 5);
process.on('exit', killAll);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));
const dir = mkdtempSync(join(tmpdir(), 'wharf-bench-l4-'));
const script = (name) => fileURLToPath(new URL(`./servers/${name}`, import.meta.url));

const whoami = await startWhoami(3);
const sourcePort = allocPort();
const udpEchoPort = allocPort();
const backendProc = await startProcess(process.execPath, [script('l4-backends.mjs'), '--source', String(sourcePort), '--udp', String(udpEchoPort)], { port: sourcePort });

const httpOk = (port) => new Promise((resolve) => {
  const req = request({ port, host: '127.0.0.1', path: '/bench', agent: false }, (res) => {
    res.resume();
    resolve(res.statusCode === 200);
  });
  req.on('error', () => resolve(false));
  req.end();
});

/** one datagram through `port` comes back within 200 ms */
const udpEchoes = (port) => new Promise((resolve) => {
  const c = createSocket('udp4');
  const done = (ok) => {
    clearTimeout(timer);
    c.close();
    resolve(ok);
  };
  const timer = setTimeout(() => done(false), 200);
  c.on('message', () => done(true));
  c.on('error', () => done(false));
  c.send('ping', port, '127.0.0.1');
});

// each server: { pid, stop, bulk?, conn?, udp? } (the ports it serves each test on)
const servers = {
  direct: async () => ({ pid: undefined, stop: async () => {}, bulk: sourcePort, conn: whoami[0].port, udp: udpEchoPort }),
  async haproxy() {
    const [bulk, conn] = [allocPort(), allocPort()];
    const cfg = `global
  nbthread 1
  maxconn 4000
defaults
  mode tcp
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend bulk
  bind 127.0.0.1:${bulk}
  default_backend source
frontend conn
  bind 127.0.0.1:${conn}
  default_backend whoami
backend source
  server src 127.0.0.1:${sourcePort}
backend whoami
  balance roundrobin
${whoami.map((b, i) => `  server w${i} 127.0.0.1:${b.port}`).join('\n')}
`;
    const file = join(dir, `haproxy-${bulk}.cfg`);
    writeFileSync(file, cfg);
    const p = await startProcess('haproxy', ['-f', file, '-db'], { port: conn });
    return { pid: p.pid, stop: p.stop, bulk, conn };
  },
  async wharf() {
    const [bulk, conn, udp] = [allocPort(), allocPort(), allocPort()];
    const w = await startWharf({
      port: conn,
      entryPoints: { bulk: `127.0.0.1:${bulk}`, conn: `127.0.0.1:${conn}`, udp: `127.0.0.1:${udp}/udp` },
      dynamic: {
        tcp: {
          routers: {
            bulk: { entryPoints: ['bulk'], rule: 'HostSNI(`*`)', service: 'source' },
            conn: { entryPoints: ['conn'], rule: 'HostSNI(`*`)', service: 'whoami' },
          },
          services: {
            source: { loadBalancer: { servers: [{ address: `127.0.0.1:${sourcePort}` }] } },
            whoami: { loadBalancer: { servers: whoami.map((b) => ({ address: `127.0.0.1:${b.port}` })) } },
          },
        },
        udp: { routers: { echo: { entryPoints: ['udp'], service: 'echo' } }, services: { echo: { loadBalancer: { servers: [{ address: `127.0.0.1:${udpEchoPort}` }] } } } },
      },
      ready: async () => (await httpOk(conn)) && udpEchoes(udp),
    });
    return { ...w, bulk, conn, udp };
  },
  async 'node udp relay'() {
    const udp = allocPort();
    const p = await startProcess(process.execPath, [script('udp-relay.mjs'), '--port', String(udp), '--target', String(udpEchoPort)], { ready: () => udpEchoes(udp) });
    return { pid: p.pid, stop: p.stop, udp };
  },
};

const tests = [
  { name: 'bulk, 1 connection', unit: 'MB/s', per: 'MB', ref: 'haproxy', port: 'bulk', run: (port) => bulkDownload({ port, connections: 1, durationS, warmupS }) },
  { name: 'bulk, 50 connections', unit: 'MB/s', per: 'MB', ref: 'haproxy', port: 'bulk', run: (port) => bulkDownload({ port, connections: 50, durationS, warmupS }) },
  {
    name: 'new connections (wrk, Connection: close)', unit: 'conn/s', per: 'conn', ref: 'haproxy', port: 'conn',
    run: async (port) => {
      await runWrk({ port, durationS: warmupS, headers: ['Connection: close'] });
      const r = await runWrk({ port, durationS, headers: ['Connection: close'] });
      return { rate: r.rps, requests: r.requests, errors: r.non2xx + (r.socketErrors ? 1 : 0), p99: r.p99 };
    },
  },
  { name: 'udp round trips', unit: 'rt/s', per: 'rt', ref: 'node udp relay', port: 'udp', run: (port) => udpRoundTrips({ port, durationS, warmupS }) },
];

const best = new Map(); // `${test}\u0000${server}` → kept result
for (let round = 1; round <= rounds; round++) {
  for (const [name, start] of Object.entries(servers)) {
    process.stderr.write(`edge-l4: round ${round}/${rounds}: ${name}…\n`);
    const s = await start();
    try {
      for (const test of tests) {
        if (s[test.port] === undefined) continue;
        let r;
        try {
          r = s.pid === undefined ? await test.run(s[test.port]) : await withCpu(s.pid, () => test.run(s[test.port]));
        } catch (err) {
          r = { rate: Number.NaN, cpuUsPerReq: Number.NaN, error: String(err.message ?? err).slice(0, 80) };
        }
        const key = `${test.name}\u0000${name}`;
        const prior = best.get(key);
        const top = prior === undefined || !(prior.rate >= r.rate) ? r : prior;
        const lean = prior === undefined || !(prior.cpuUsPerReq <= r.cpuUsPerReq) ? r : prior;
        best.set(key, { ...top, name, cpuUsPerReq: lean.cpuUsPerReq, userUsPerReq: lean.userUsPerReq, sysUsPerReq: lean.sysUsPerReq, rounds: [...(prior?.rounds ?? []), Math.round(r.rate)] });
      }
    } finally {
      await s.stop();
    }
  }
}
for (const b of whoami) await b.stop();
await backendProc.stop();

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const out = {};
console.log(`\nL4 edge, best of ${rounds} interleaved round(s) of ${durationS} s (rate: best round; cpu: lowest), node ${process.version}`);
for (const test of tests) {
  const rows = Object.keys(servers).map((s) => best.get(`${test.name}\u0000${s}`)).filter(Boolean);
  const ref = rows.find((r) => r.name === test.ref);
  for (const r of rows) {
    r.ratio = ref && ref.rate > 0 ? r.rate / ref.rate : Number.NaN;
    r.cpuRatio = ref && ref.cpuUsPerReq > 0 ? r.cpuUsPerReq / ref.cpuUsPerReq : Number.NaN;
  }
  out[test.name] = rows;
  console.log(`\n${test.name}\n`);
  console.log(`| row | ${test.unit} | rounds | cpu µs/${test.per} (usr+sys) | ×${test.ref} | cpu ×${test.ref} | notes |`);
  console.log('| --- | ---: | --- | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    const notes = r.error ?? [r.errors ? `${r.errors} errors` : '', r.refills ? `${r.refills} window refills` : ''].filter(Boolean).join(', ');
    const cpu = Number.isFinite(r.cpuUsPerReq) ? `${fmt(r.cpuUsPerReq, 1)} (${fmt(r.userUsPerReq)}+${fmt(r.sysUsPerReq)})` : '-';
    console.log(`| ${r.name} | ${fmt(r.rate, r.rate < 100 ? 1 : 0)} | ${r.rounds.join(' / ')} | ${cpu} | ${fmt(r.ratio, 2)} | ${fmt(r.cpuRatio, 2)} | ${notes} |`);
  }
}
const wharfRatio = (test) => out[test].find((r) => r.name === 'wharf')?.ratio;
for (const [test, goal] of [['bulk, 1 connection', 0.8], ['bulk, 50 connections', 0.8], ['new connections (wrk, Connection: close)', 0.6]]) {
  const ratio = wharfRatio(test);
  console.log(`target ${test} ≥ ${goal}× HAProxy: ${fmt(ratio, 2)}× ${ratio >= goal ? 'met' : 'NOT met'}`);
}
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const file = `${resultsDir}edge-l4-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, durationS, rounds, results: out }, null, 2));
console.log(`\nresults: ${file}`);

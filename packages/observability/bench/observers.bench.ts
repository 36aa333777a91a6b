import type { HttpExchange, RequestRecord } from '@wharf/config';
import { bench, describe } from 'vitest';
import { createAccessLog, createTrafficRecorder } from '../src/index.js';
import { createMetrics } from '../src/metrics/create-metrics.js';
import { Writable } from 'node:stream';

/**
 * Hot-path cost of the request observers (the proxy calls them once per finished request).
 * Run: node_modules/.bin/vitest bench --run packages/observability/bench
 */
const records: RequestRecord[] = Array.from({ length: 64 }, (_, i) => ({
  entryPoint: 'web',
  router: `r${i % 8}@docker`,
  service: `s${i % 8}@docker`,
  server: `http://10.0.0.${i % 4}:80`,
  method: i % 5 === 0 ? 'POST' : 'GET',
  host: 'app.localhost',
  path: '/x',
  protocol: 'HTTP/1.1',
  status: i % 17 === 0 ? 502 : 200,
  clientIP: '192.0.2.1',
  startTime: Date.now(),
  durationMs: (i * 7) % 300,
  requestBytes: 120,
  responseBytes: 800,
  attempts: 0,
  requestHeaders: { host: 'app.localhost', accept: '*/*', 'user-agent': 'bench' },
}));

const metrics = createMetrics({ addRoutersLabels: true });
const traffic = createTrafficRecorder();
const sink = new Writable({ write: (_c, _e, cb) => cb() });
const accessLog = createAccessLog({ stream: sink, bufferingSize: 1_000_000 });
let i = 0;
const next = () => records[i++ & 63]!;

describe('observer.onRequestEnd', () => {
  bench('metrics (entrypoint + router + service)', () => metrics.observer.onRequestEnd(next()));
  bench('traffic recorder', () => traffic.observer.onRequestEnd(next()));
  bench('access log enqueue', () => accessLog.observer.onRequestEnd(next()));
});

/** what the proxy hands to onRequestStart (routed, no server yet); pairs with the records above */
const exchanges = records.map((r) => ({ routerName: r.router, serviceName: r.service }) as HttpExchange);
const paired = createTrafficRecorder();
let j = 0;

describe('traffic recorder start + end (exact in-flight)', () => {
  bench('onRequestStart + onRequestEnd', () => {
    const k = j++ & 63;
    paired.observer.onRequestStart!(exchanges[k]!);
    paired.observer.onRequestEnd(records[k]!);
  });
});

import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue, type Sample } from '../fixtures/prometheus-text.js';
import { requestRecord } from '../fixtures/records.js';
import { createMetrics, type Metrics } from './create-metrics.js';
import type { MetricsOptions } from './metrics-options.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function scrape(metrics: Metrics): Promise<{ samples: Sample[]; text: string; type: string | null }> {
  app = Fastify();
  metrics.registerRoutes(app);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  const text = await res.text();
  await app.close();
  app = undefined;
  return { samples: parsePrometheusText(text), text, type: res.headers.get('content-type') };
}

function withTraffic(opts: MetricsOptions = {}): Metrics {
  const metrics = createMetrics(opts);
  const o = metrics.observer;
  for (let i = 0; i < 3; i++) o.onRequestEnd(requestRecord({ durationMs: 50 }));
  o.onRequestEnd(requestRecord({ status: 502, durationMs: 2000, attempts: 2, responseBytes: 20 }));
  o.onRequestEnd(requestRecord({ method: 'POST', requestHeaders: { upgrade: 'websocket' }, status: 101 }));
  o.onRequestEnd(requestRecord({ method: 'BREW', router: undefined, service: undefined, status: 404, durationMs: 1 }));
  return metrics;
}

describe('createMetrics /metrics', () => {
  it('counts entrypoint and service requests with Traefik names and labels', async () => {
    const { samples, text, type } = await scrape(withTraffic());
    expect(type).toMatch(/^text\/plain/);
    expect(text).toContain('# TYPE traefik_entrypoint_request_duration_seconds histogram');
    const ok = { code: '200', method: 'GET', protocol: 'http' };
    expect(sampleValue(samples, 'traefik_entrypoint_requests_total', { ...ok, entrypoint: 'web' })).toBe(3);
    expect(sampleValue(samples, 'traefik_service_requests_total', { ...ok, service: 'app@docker' })).toBe(3);
    expect(sampleValue(samples, 'traefik_entrypoint_requests_total', { code: '101', method: 'POST', protocol: 'websocket' })).toBe(1);
    expect(sampleValue(samples, 'traefik_entrypoint_requests_total', { code: '404', method: 'EXTENSION_METHOD' })).toBe(1);
    expect(sampleValue(samples, 'traefik_service_requests_bytes_total', { ...ok })).toBe(300);
    expect(sampleValue(samples, 'traefik_service_responses_bytes_total', { code: '502' })).toBe(20);
    expect(sampleValue(samples, 'traefik_service_retries_total', { service: 'app@docker' })).toBe(2);
    expect(sampleValue(samples, 'process_start_time_seconds')).toBeGreaterThan(1_600_000_000);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // routers are off by default, as in Traefik
    expect(samples.some((s) => s.name.startsWith('traefik_router_'))).toBe(false);
  });

  it('fills cumulative histogram buckets from the configured bounds', async () => {
    const { samples } = await scrape(withTraffic({ buckets: [1, 0.1] }));
    const ep = { entrypoint: 'web', code: '502' };
    expect(sampleValue(samples, 'traefik_entrypoint_request_duration_seconds_bucket', { ...ep, le: '0.1' })).toBe(0);
    expect(sampleValue(samples, 'traefik_entrypoint_request_duration_seconds_bucket', { ...ep, le: '1' })).toBe(0);
    expect(sampleValue(samples, 'traefik_entrypoint_request_duration_seconds_bucket', { ...ep, le: '+Inf' })).toBe(1);
    expect(sampleValue(samples, 'traefik_entrypoint_request_duration_seconds_sum', ep)).toBeCloseTo(2, 5);
    const fast = { entrypoint: 'web', code: '200' };
    expect(sampleValue(samples, 'traefik_entrypoint_request_duration_seconds_bucket', { ...fast, le: '0.1' })).toBe(3);
    expect(sampleValue(samples, 'traefik_entrypoint_request_duration_seconds_count', fast)).toBe(3);
  });

  it('honours addRoutersLabels / addEntryPointsLabels / addServicesLabels', async () => {
    const { samples } = await scrape(withTraffic({ addRoutersLabels: true, addEntryPointsLabels: false, addServicesLabels: false, processMetrics: false }));
    expect(samples.some((s) => s.name.startsWith('process_'))).toBe(false);
    expect(sampleValue(samples, 'traefik_router_requests_total', { code: '200', router: 'app@docker', service: 'app@docker' })).toBe(3);
    expect(samples.some((s) => s.name.startsWith('traefik_entrypoint_'))).toBe(false);
    expect(samples.some((s) => s.name.startsWith('traefik_service_request'))).toBe(false);
  });

  it('reports config reloads, server health, open connections, docker events and diagnostics', async () => {
    const metrics = createMetrics({
      openConnections: () => [{ entryPoint: 'web', protocol: 'TCP', count: 4 }],
      diagnostics: () => [
        { provider: 'docker', source: 'c1', code: 'X', severity: 'warning', message: 'm' },
        { provider: 'docker', source: 'c2', code: 'X', severity: 'warning', message: 'm' },
      ],
    });
    const before = Math.floor(Date.now() / 1000);
    metrics.onConfigReload(true);
    metrics.onConfigReload(false);
    metrics.onServerState({ service: 'app@docker', url: 'http://10.0.0.2:80', state: 'UP' });
    metrics.onServerState({ service: 'app@docker', url: 'http://10.0.0.3:80', state: 'UP' });
    metrics.onServerState({ service: 'app@docker', url: 'http://10.0.0.3:80', state: 'DOWN' });
    metrics.onDockerEvent('start');
    const { samples } = await scrape(metrics);
    expect(sampleValue(samples, 'traefik_config_reloads_total')).toBe(2);
    expect(sampleValue(samples, 'traefik_config_last_reload_success')).toBeGreaterThanOrEqual(before);
    expect(sampleValue(samples, 'traefik_service_server_up', { url: 'http://10.0.0.2:80' })).toBe(1);
    expect(sampleValue(samples, 'traefik_service_server_up', { url: 'http://10.0.0.3:80' })).toBe(0);
    expect(sampleValue(samples, 'traefik_open_connections', { entrypoint: 'web', protocol: 'TCP' })).toBe(4);
    expect(sampleValue(samples, 'wharf_docker_events_total', { action: 'start' })).toBe(1);
    expect(sampleValue(samples, 'wharf_provider_diagnostics', { provider: 'docker', severity: 'warning' })).toBe(2);
  });

  it('reads server_up from a live source at scrape time when given one', async () => {
    let state: 'UP' | 'DOWN' = 'UP';
    const metrics = createMetrics({ servers: () => [{ service: 's@file', url: 'http://a', state }] });
    metrics.onServerState({ service: 'gone@file', url: 'http://old', state: 'UP' });
    let { samples } = await scrape(metrics);
    expect(sampleValue(samples, 'traefik_service_server_up', { service: 's@file', url: 'http://a' })).toBe(1);
    expect(sampleValue(samples, 'traefik_service_server_up', { service: 'gone@file' })).toBeUndefined();
    state = 'DOWN';
    ({ samples } = await scrape(metrics));
    expect(sampleValue(samples, 'traefik_service_server_up', { service: 's@file', url: 'http://a' })).toBe(0);
  });
});

describe('createMetrics: TLS request counters (Traefik requests_tls_total)', () => {
  const tls13 = { version: '1.3', cipher: 'TLS_AES_128_GCM_SHA256' };
  const tls12 = { version: '1.2', cipher: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' };

  it('counts TLS requests per entrypoint, router+service and service with tls_version and tls_cipher only', async () => {
    const metrics = createMetrics({ addRoutersLabels: true, processMetrics: false });
    const o = metrics.observer;
    o.onRequestEnd(requestRecord({ entryPoint: 'websecure', tls: tls13 }));
    // an equal object from another connection lands in the same series
    o.onRequestEnd(requestRecord({ entryPoint: 'websecure', tls: { ...tls13 }, status: 502 }));
    o.onRequestEnd(requestRecord({ entryPoint: 'websecure', tls: tls12 }));
    o.onRequestEnd(requestRecord({ entryPoint: 'websecure', tls: tls12, router: undefined, service: undefined, status: 404 }));
    o.onRequestEnd(requestRecord({ entryPoint: 'web' }));
    const { samples, text } = await scrape(metrics);
    expect(text).toContain('# TYPE traefik_entrypoint_requests_tls_total counter');
    expect(text).toContain(
      '# HELP traefik_entrypoint_requests_tls_total How many HTTP requests with TLS processed on an entrypoint, partitioned by TLS Version and TLS cipher Used.',
    );
    const tlsSamples = samples.filter((s) => s.name.endsWith('_requests_tls_total'));
    expect(tlsSamples.map((s) => [s.name, s.labels, s.value])).toEqual(
      expect.arrayContaining([
        ['traefik_entrypoint_requests_tls_total', { tls_version: '1.3', tls_cipher: tls13.cipher, entrypoint: 'websecure' }, 2],
        ['traefik_entrypoint_requests_tls_total', { tls_version: '1.2', tls_cipher: tls12.cipher, entrypoint: 'websecure' }, 2],
        ['traefik_router_requests_tls_total', { tls_version: '1.3', tls_cipher: tls13.cipher, router: 'app@docker', service: 'app@docker' }, 2],
        ['traefik_router_requests_tls_total', { tls_version: '1.2', tls_cipher: tls12.cipher, router: 'app@docker', service: 'app@docker' }, 1],
        ['traefik_service_requests_tls_total', { tls_version: '1.3', tls_cipher: tls13.cipher, service: 'app@docker' }, 2],
        ['traefik_service_requests_tls_total', { tls_version: '1.2', tls_cipher: tls12.cipher, service: 'app@docker' }, 1],
      ]),
    );
    expect(tlsSamples).toHaveLength(6);
    // plaintext 'web' has no TLS series
    expect(tlsSamples.some((s) => s.labels.entrypoint === 'web')).toBe(false);
  });
});

describe('createMetrics: traefik_tls_certs_not_after', () => {
  it("labels cn, decimal serial and the DNS SANs only (Traefik's appendCertMetric), value in Unix seconds", async () => {
    const cert = { commonName: 'api.example.com', serialNumber: '4096', sans: ['10.0.0.5', 'a.example.com', 'api.example.com'], notAfter: '2026-12-10T00:00:00Z' };
    const metrics = createMetrics({ processMetrics: false, certificates: () => [cert] });
    const { samples } = await scrape(metrics);
    expect(samples.filter((s) => s.name === 'traefik_tls_certs_not_after')).toEqual([
      { name: 'traefik_tls_certs_not_after', labels: { cn: 'api.example.com', serial: '4096', sans: 'a.example.com,api.example.com' }, value: Date.UTC(2026, 11, 10) / 1000 },
    ]);
  });
});

import type { RuntimeView } from '@wharf/config';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { loadStaticConfig } from '../static/index.js';
import { createObservability } from './create-observability.js';

const view = { services: {}, diagnostics: [] } as unknown as RuntimeView;
const logger = createLogger({ level: 'ERROR' });

function configFrom(...flags: string[]) {
  return loadStaticConfig({ argv: ['--entrypoints.web.address=127.0.0.1:0', ...flags], env: {}, cwd: process.cwd() });
}

describe('createObservability options', () => {
  it('keeps only live traffic when metrics and access log are off', async () => {
    const obs = await createObservability(configFrom(), { logger, source: { view: () => view } });
    expect(obs.observers).toEqual([obs.traffic.observer]);
    expect(obs.metrics).toBeUndefined();
    expect(obs.accessLog).toBeUndefined();
    const app = Fastify();
    obs.extraRoutes(app);
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/wharf/traffic' })).statusCode).toBe(200);
    await app.close();
    await obs.close();
  });

  it('passes the Traefik metrics flags through', async () => {
    const obs = await createObservability(configFrom('--metrics.prometheus.addEntryPointsLabels=false', '--metrics.prometheus.buckets=0.5,2'), {
      logger,
      source: { view: () => view },
    });
    expect(obs.observers).toEqual([obs.traffic.observer, obs.metrics!.observer]);
    obs.metrics!.observer.onRequestEnd({
      entryPoint: 'web', service: 's@file', method: 'GET', host: 'h', path: '/', protocol: 'HTTP/1.1', status: 200,
      clientIP: '127.0.0.1', startTime: Date.now(), durationMs: 1000, requestBytes: 1, responseBytes: 1, attempts: 0, requestHeaders: {},
    });
    const text = await obs.metrics!.registry.metrics();
    expect(text).not.toContain('traefik_entrypoint_requests_total');
    expect(text).toMatch(/traefik_service_request_duration_seconds_bucket\{[^}]*le="0\.5"[^}]*\} 0/);
    expect(text).toMatch(/traefik_service_request_duration_seconds_bucket\{[^}]*le="2"[^}]*\} 1/);
    await obs.close();
  });
});

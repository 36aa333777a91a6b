// Speed goals for the runtime (not asserted in tests): `vitest bench --project unit packages/runtime`.
// apply() runs on every provider change (throttled to 2s); route() runs per request.
import type { DynamicConfig, Transport } from '@wharf/config';
import { bench, describe } from 'vitest';
import { createRuntime } from '../src/index.js';

const transport: Transport = { forward: async () => ({ status: 200, headers: {}, body: null }) };

function bigConfig(size: number): DynamicConfig {
  const config: DynamicConfig = { http: { routers: {}, services: {}, middlewares: {} } };
  for (let i = 0; i < size; i++) {
    config.http.routers[`app-${i}@docker`] = { rule: `Host(\`app-${i}.example.com\`)`, service: `app-${i}@docker`, middlewares: [`strip-${i}@docker`] };
    config.http.services[`app-${i}@docker`] = { loadBalancer: { servers: [{ url: `http://10.0.${i >> 8}.${i & 255}:80` }] } };
    config.http.middlewares[`strip-${i}@docker`] = { stripPrefix: { prefixes: ['/api'] } };
  }
  return config;
}

describe('runtime', () => {
  const runtime = createRuntime({ entryPoints: [{ name: 'web', address: ':80' }], transport });
  const large = bigConfig(1000);
  runtime.apply(large);
  const req = { host: 'app-500.example.com', path: '/api/x', method: 'GET', headers: {}, query: '', clientIP: '10.1.1.1' };
  bench('apply: 1,000 routers + services + middlewares', () => runtime.apply(large), { time: 2000 });
  bench('current().route(): 1,000 routers, host hit', () => void runtime.current().route('web', req));
  bench('view(): 1,000 routers', () => void runtime.source.view(), { time: 1000 });
});

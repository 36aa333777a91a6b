import { UpstreamErrors } from '@wharf/config';
import type { ForwardTarget, HttpExchange, HttpResponse } from '@wharf/config';
import { createHealthRegistry, createLoadBalancer } from '@wharf/loadbalancer';
import { describe, expect, it } from 'vitest';
import { exchange } from '../../fixtures/exchange.js';
import { createLoadBalancerService } from './load-balancer-service.js';
import { MAX_REDISPATCH } from './redispatch.js';

const refused = (): HttpResponse => ({ status: 502, headers: {}, body: 'Bad Gateway', error: UpstreamErrors.connectFailed('ECONNREFUSED') });

/** A real round-robin balancer over `urls` and a transport that answers per server URL, as the proxy's does. */
function service(urls: string[], answer: (url: string, ex: HttpExchange) => HttpResponse) {
  const calls: string[] = [];
  const svc = createLoadBalancerService({
    name: 's@file',
    config: { servers: urls.map((url) => ({ url })) },
    createLoadBalancer,
    health: createHealthRegistry(),
    signal: new AbortController().signal,
    transport: {
      forward: async (ex: HttpExchange, t: ForwardTarget) => {
        calls.push(t.url);
        ex.triedServers.add(t.url);
        ex.requestSent = false;
        return answer(t.url, ex);
      },
    },
  });
  return { svc, calls };
}

describe('connect-failure redispatch (no retry middleware)', () => {
  it('sends a refused request to another server, for every method, and answers its response', async () => {
    const { svc, calls } = service(['http://dead:1', 'http://live:1'], (url) => (url.includes('dead') ? refused() : { status: 200, headers: {}, body: 'ok' }));
    for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
      calls.length = 0;
      const res = await svc.handler(exchange({ method }));
      expect(res.status, method).toBe(200);
      expect(new Set(calls).has('http://live:1')).toBe(true);
      expect(calls.length).toBeLessThanOrEqual(2);
    }
  });

  it('redispatches a connect timeout that sent nothing', async () => {
    const { svc } = service(['http://slow:1', 'http://live:1'], (url) =>
      url.includes('slow') ? { status: 504, headers: {}, body: 'Gateway Timeout', error: UpstreamErrors.timeout('UND_ERR_CONNECT_TIMEOUT') } : { status: 200, headers: {}, body: 'ok' },
    );
    for (let i = 0; i < 4; i++) expect((await svc.handler(exchange())).status).toBe(200);
  });

  it('never redispatches once the request reached a server (reset, timeout after sending, any status)', async () => {
    const answers: Array<(ex: HttpExchange) => HttpResponse> = [
      (ex) => {
        ex.requestSent = true;
        return { status: 502, headers: {}, body: 'Bad Gateway', error: UpstreamErrors.reset('ECONNRESET') };
      },
      (ex) => {
        ex.requestSent = true;
        return { status: 504, headers: {}, body: 'Gateway Timeout', error: UpstreamErrors.timeout('UND_ERR_HEADERS_TIMEOUT') };
      },
      () => ({ status: 503, headers: {}, body: 'busy' }),
    ];
    for (const answer of answers) {
      const { svc, calls } = service(['http://a:1', 'http://b:1'], (_url, ex) => answer(ex));
      const res = await svc.handler(exchange({ method: 'POST' }));
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(calls).toHaveLength(1);
    }
  });

  it('tries each server at most once, at most MAX_REDISPATCH extra, then answers the last failure (not 503)', async () => {
    const urls = Array.from({ length: MAX_REDISPATCH + 3 }, (_, i) => `http://dead${i}:1`);
    const { svc, calls } = service(urls, () => refused());
    const res = await svc.handler(exchange());
    expect(res.status).toBe(502);
    expect(res.error?.code).toBe(UpstreamErrors.connectFailed.code);
    expect(calls).toHaveLength(MAX_REDISPATCH + 1);
    expect(new Set(calls).size).toBe(calls.length);

    const two = service(['http://dead0:1', 'http://dead1:1'], () => refused());
    expect((await two.svc.handler(exchange())).status).toBe(502);
    expect(two.calls).toHaveLength(2);
  });
});

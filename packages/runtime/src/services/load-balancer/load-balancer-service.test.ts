import { PassThrough } from 'node:stream';
import { UpstreamErrors } from '@wharf/config';
import type { ForwardTarget, HttpResponse } from '@wharf/config';
import type { AttemptOutcome, LoadBalancer, PickRequest, ServerRef } from '@wharf/loadbalancer';
import { createHealthRegistry } from '@wharf/loadbalancer';
import { describe, expect, it } from 'vitest';
import { exchange } from '../../fixtures/exchange.js';
import { textOf } from '../../fixtures/fakes.js';
import { createLoadBalancerService } from './load-balancer-service.js';

function recordingBalancer(servers: ServerRef[]) {
  const log: string[] = [];
  const picks: PickRequest[] = [];
  const outcomes: AttemptOutcome[] = [];
  const balancer: LoadBalancer = {
    pick(req) {
      picks.push(req);
      const server = servers.find((s) => !req.exclude?.has(s.url));
      return server && { server, setCookie: 'pin=abc; Path=/' };
    },
    peek: () => servers[0],
    onAttemptStart: (s) => log.push(`start ${s.url}`),
    onAttemptEnd: (s, o) => {
      outcomes.push(o);
      log.push(`end ${s.url}`);
    },
    servers: () => servers.map((s) => ({ url: s.url, state: 'UP' as const })),
  };
  return { balancer, log, picks, outcomes };
}

function service(rec: ReturnType<typeof recordingBalancer>, forward: (t: ForwardTarget) => Promise<HttpResponse>, extra = {}) {
  const targets: ForwardTarget[] = [];
  const svc = createLoadBalancerService({
    name: 's@file',
    config: {
      servers: [{ url: 'http://a:80', preservePath: true }, { url: 'http://b:80' }],
      passHostHeader: false,
      responseForwarding: { flushInterval: '250ms' },
      ...extra,
    },
    createLoadBalancer: () => rec.balancer,
    health: createHealthRegistry(),
    signal: new AbortController().signal,
    transport: {
      forward: (_ex, t) => {
        targets.push(t);
        return forward(t);
      },
    },
  });
  return { svc, targets };
}

describe('load balancer service', () => {
  it('passes client IP, cookie and tried servers to pick, and forwarding options to the transport', async () => {
    const rec = recordingBalancer([{ url: 'http://a:80', weight: 1 }, { url: 'http://b:80', weight: 1 }]);
    const { svc, targets } = service(rec, async () => ({ status: 200, headers: {}, body: 'ok' }));
    const ex = exchange({ clientIP: '192.0.2.7', headers: { cookie: 'pin=abc' } });
    ex.triedServers.add('http://a:80');
    const res = await svc.handler(ex);
    expect(rec.picks[0]).toMatchObject({ clientIP: '192.0.2.7', cookie: 'pin=abc' });
    expect(targets[0]).toEqual({ url: 'http://b:80', passHostHeader: false, flushIntervalMs: 250, preservePath: false, serversTransport: undefined });
    expect(res.headers['set-cookie']).toBe('pin=abc; Path=/');
    expect(ex.serviceName).toBe('s@file');
  });

  it('ends the attempt when a streamed body ends, not at the headers', async () => {
    const rec = recordingBalancer([{ url: 'http://a:80', weight: 1 }]);
    const body = new PassThrough();
    const { svc } = service(rec, async () => ({ status: 200, headers: { 'set-cookie': 'app=1' }, body }));
    const res = await svc.handler(exchange());
    expect(rec.log).toEqual(['start http://a:80']);
    expect(res.headers['set-cookie']).toEqual(['app=1', 'pin=abc; Path=/']);
    body.end('streamed');
    expect(await textOf(res)).toBe('streamed');
    expect(rec.log).toEqual(['start http://a:80', 'end http://a:80']);
    expect(rec.outcomes).toEqual([{ networkError: false, status: 200 }]);
  });

  it('reports connect failures as network errors and upstream statuses as statuses', async () => {
    const rec = recordingBalancer([{ url: 'http://a:80', weight: 1 }]);
    let next: HttpResponse = { status: 502, headers: {}, body: 'bad gateway', error: UpstreamErrors.connectFailed('ECONNREFUSED') };
    const { svc } = service(rec, async () => next);
    await svc.handler(exchange());
    next = { status: 500, headers: {}, body: null };
    await svc.handler(exchange());
    expect(rec.outcomes).toEqual([{ networkError: true }, { networkError: false, status: 500 }]);
  });

  it('ends the attempt as a network error when the transport throws', async () => {
    const rec = recordingBalancer([{ url: 'http://a:80', weight: 1 }]);
    const { svc } = service(rec, async () => {
      throw new Error('bug');
    });
    await expect(svc.handler(exchange())).rejects.toThrow('bug');
    expect(rec.outcomes).toEqual([{ networkError: true }]);
  });

  it('503 with the coded error when nothing can be picked', async () => {
    const rec = recordingBalancer([]);
    const { svc } = service(rec, async () => ({ status: 200, headers: {}, body: null }));
    const res = await svc.handler(exchange());
    expect(res.status).toBe(503);
    expect(res.error?.code).toBe('WHARF_NO_AVAILABLE_SERVER');
    expect(rec.log).toEqual([]);
  });
});

import type { ContainerInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { container } from '../build/fixtures/containers.js';
import { InspectCache, summaryKey } from './inspect-cache.js';

const summary = (id: string, status: string, ip = '172.17.0.2'): ContainerInfo => ({
  Id: id, State: 'running', Status: status, Ports: [], HostConfig: { NetworkMode: 'bridge' },
  NetworkSettings: { Networks: { bridge: { IPAddress: ip } } },
} as unknown as ContainerInfo);

describe('InspectCache', () => {
  it('ignores uptime text but not health, state or addresses', () => {
    expect(summaryKey(summary('a', 'Up 3 seconds (healthy)'))).toBe(summaryKey(summary('a', 'Up 5 minutes (healthy)')));
    expect(summaryKey(summary('a', 'Up 3 seconds (healthy)'))).not.toBe(summaryKey(summary('a', 'Up 3 seconds (unhealthy)')));
    expect(summaryKey(summary('a', 'Up 3 seconds'))).not.toBe(summaryKey(summary('a', 'Up 3 seconds', '172.17.0.9')));
  });

  it('inspects only new or changed containers and forgets removed ones', async () => {
    const cache = new InspectCache();
    const inspected: string[] = [];
    const inspect = async (id: string) => { inspected.push(id); return container({ id, name: id }); };
    await cache.refresh([summary('a', 'Up 1 second'), summary('b', 'Up 1 second')], inspect);
    const second = await cache.refresh([summary('a', 'Up 2 seconds'), summary('b', 'Up 2 seconds (unhealthy)'), summary('c', 'Up')], inspect);
    expect(inspected).toEqual(['a', 'b', 'b', 'c']);
    expect(second.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    await cache.refresh([summary('a', 'Up')], inspect);
    await cache.refresh([summary('a', 'Up'), summary('b', 'Up 2 seconds (unhealthy)')], inspect);
    expect(inspected).toEqual(['a', 'b', 'b', 'c', 'b']);
  });

  it('drops containers whose inspect fails (removed meanwhile)', async () => {
    const cache = new InspectCache();
    const out = await cache.refresh([summary('gone', 'Up')], async () => { throw new Error('404'); });
    expect(out).toEqual([]);
  });
});

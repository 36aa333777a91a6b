import { describe, expect, it } from 'vitest';
import type { ServerStateChange } from '../types.js';
import { createHealthRegistry } from './health-registry.js';

describe('createHealthRegistry', () => {
  it('stores per service + URL and emits only UP/DOWN transitions', () => {
    const registry = createHealthRegistry();
    const changes: ServerStateChange[] = [];
    const off = registry.subscribe((c) => changes.push(c));
    registry.set('a@docker', { url: 'http://x', state: 'DOWN', reason: 'initial' });
    registry.set('b@docker', { url: 'http://x', state: 'UP' });
    expect(registry.get('a@docker', 'http://x')?.state).toBe('DOWN');
    expect(registry.get('b@docker', 'http://x')?.state).toBe('UP');
    expect(registry.get('c@docker', 'http://x')).toBeUndefined();
    registry.set('a@docker', { url: 'http://x', state: 'DOWN', lastResult: '503' });
    expect(changes).toEqual([]);
    registry.set('a@docker', { url: 'http://x', state: 'UP', lastResult: '200', lastCheck: '2026-01-01T00:00:00.000Z' });
    expect(changes).toEqual([{ service: 'a@docker', url: 'http://x', state: 'UP', lastResult: '200', at: expect.any(String) }]);
    expect(Math.abs(Date.parse(changes[0]?.at as string) - Date.now())).toBeLessThan(60_000);
    off();
    registry.set('a@docker', { url: 'http://x', state: 'DOWN' });
    expect(changes).toHaveLength(1);
  });

  it('keeps its own copy of stored info', () => {
    const registry = createHealthRegistry();
    const info = { url: 'http://x', state: 'UP' as const };
    registry.set('a', info);
    info.state = 'DOWN' as 'UP';
    expect(registry.get('a', 'http://x')?.state).toBe('UP');
  });

  it('a throwing subscriber does not stop the others', async () => {
    const registry = createHealthRegistry();
    let seen = 0;
    registry.subscribe(() => {
      throw new Error('boom');
    });
    registry.subscribe(() => seen++);
    const errors: unknown[] = [];
    const onError = (err: unknown) => errors.push(err);
    process.on('uncaughtException', onError);
    try {
      registry.set('a', { url: 'http://x', state: 'UP' });
      registry.set('a', { url: 'http://x', state: 'DOWN' });
      expect(seen).toBe(1);
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.off('uncaughtException', onError);
    }
  });

  it('prunes entries that no longer exist', () => {
    const registry = createHealthRegistry();
    registry.set('a', { url: 'http://1', state: 'UP' });
    registry.set('a', { url: 'http://2', state: 'UP' });
    registry.set('b', { url: 'http://1', state: 'UP' });
    expect(registry.prune((service, url) => service === 'a' && url === 'http://1')).toBe(2);
    expect(registry.size).toBe(1);
    expect(registry.get('a', 'http://1')).toBeDefined();
  });
});

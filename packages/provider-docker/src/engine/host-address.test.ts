import { describe, expect, it } from 'vitest';
import { resolveHostAddress } from './host-address.js';

describe('resolveHostAddress', () => {
  it('prefers host.docker.internal, then host.containers.internal, then loopback', async () => {
    const table = (known: Record<string, string>) => async (name: string) => {
      if (known[name]) return known[name]!;
      throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await resolveHostAddress(table({ 'host.docker.internal': '172.17.0.1', 'host.containers.internal': '10.0.2.2' }))).toBe('172.17.0.1');
    expect(await resolveHostAddress(table({ 'host.containers.internal': '10.0.2.2' }))).toBe('10.0.2.2');
    expect(await resolveHostAddress(table({}))).toBe('127.0.0.1');
  });
});

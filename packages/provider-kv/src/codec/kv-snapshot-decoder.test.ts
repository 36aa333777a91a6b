import { describe, expect, it } from 'vitest';
import type { ProviderSnapshot } from '@wharf/config';
import { pick, seeded } from '../testing/seeded.js';
import { decodeKv } from './decode-kv.js';
import { KvSnapshotDecoder } from './kv-snapshot-decoder.js';

const opts = { rootKey: 'traefik', provider: 'etcd', source: 'etcd test' };

const KEYS = [
  ...['a', 'A', 'b', '__proto__', 'x@y'].flatMap((r) => ['rule', 'Rule', 'service', 'priority', 'entrypoints/0', 'entrypoints/1', 'tls', 'tls/certresolver'].map((f) => `traefik/http/routers/${r}/${f}`)),
  'traefik/http/services/s/loadbalancer/servers/0/url',
  'traefik/http/services/s/loadbalancer/servers/1/url',
  'traefik/http/services/s/loadbalancer/passhostheader',
  'traefik/http/middlewares/m/stripprefix/prefixes/0',
  'traefik/http/middlewares/m/headers',
  'traefik/tcp/routers/t/rule',
  'traefik/tls/certificates/0/certfile',
  'traefik/tls/options/o/minversion',
  'traefik//http/routers/e//rule',
  'traefik/htp/routers/x/rule',
  'traefik/http/routerz/x/rule',
  `traefik/http/routers/long/${'k'.repeat(5000)}`,
];
/** These tie elements together: the decoder falls back to a full decode while one is present. */
const TYING = [
  'traefik/HTTP/routers/c/rule',
  'traefik/http/Routers/d/rule',
  'traefik/http/routers',
  'traefik/http',
  `traefik/http/${'k'.repeat(5000)}`,
];
const VALUES = ['Path(`/a`)', 'web', 'web,websecure', 'true', '', 'high', '10', 's', 'http://127.0.0.1:1', 'VersionTLS12', 'x'];

/** Same elements and the same diagnostics (diagnostics in any order: the decoder groups them per element). */
function expectSame(actual: ProviderSnapshot, expected: ProviderSnapshot): void {
  expect(JSON.stringify(actual.config)).toBe(JSON.stringify(expected.config)); // same key order too
  const sorted = (s: ProviderSnapshot) => s.diagnostics.map((d) => JSON.stringify(d)).sort();
  expect(sorted(actual)).toEqual(sorted(expected));
}

describe('KvSnapshotDecoder (incremental decodeKv)', () => {
  it.each([
    ['element keys only (always incremental)', KEYS],
    ['with keys that tie elements together (full decode while present)', [...KEYS, ...TYING]],
  ])('equals a full decode of the same pairs after every step of random puts and deletes: %s', (_, keys) => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = seeded(seed);
      const decoder = new KvSnapshotDecoder(opts);
      const pairs = new Map<string, string>();
      for (let step = 0; step < 60; step++) {
        const key = pick(rand, keys);
        if (rand() < 0.35) {
          pairs.delete(key);
          decoder.set(key, undefined);
        } else {
          const value = pick(rand, VALUES);
          pairs.set(key, value);
          decoder.set(key, value);
        }
        if (rand() < 0.3) continue; // several changes between two snapshots, as a burst of events
        const full = decodeKv([...pairs].map(([k, v]) => ({ key: k, value: v })), opts);
        try {
          expectSame(decoder.snapshot(), full);
        } catch (err) {
          throw new Error(`seed ${seed}, step ${step}: ${(err as Error).message}`, { cause: err });
        }
      }
    }
  });

  it('reuses the decoded (frozen) object of every element whose keys did not change', () => {
    const decoder = new KvSnapshotDecoder(opts);
    decoder.set('traefik/http/routers/a/rule', 'Path(`/a`)');
    decoder.set('traefik/http/routers/b/rule', 'Path(`/b`)');
    decoder.set('traefik/http/services/s/loadbalancer/servers/0/url', 'http://127.0.0.1:1');
    const first = decoder.snapshot();
    decoder.set('traefik/http/routers/b/rule', 'Path(`/b2`)');
    const second = decoder.snapshot();
    expect(second.config.http.routers.a).toBe(first.config.http.routers.a);
    expect(second.config.http.services.s).toBe(first.config.http.services.s);
    expect(second.config.http.routers.b).toEqual({ rule: 'Path(`/b2`)' });
    expect(second.config).not.toBe(first.config); // each snapshot is its own full configuration
    expect(Object.isFrozen(second.config.http.routers.a)).toBe(true);
    decoder.set('traefik/http/routers/b/rule', undefined);
    expect(decoder.snapshot().config.http.routers).toEqual({ a: { rule: 'Path(`/a`)' } });
  });

  it('hostile keys still produce the coded errors naming the key', () => {
    const decoder = new KvSnapshotDecoder(opts);
    const long = `traefik/http/routers/long/${'k'.repeat(5000)}`;
    decoder.set('traefik/http/routers/ok/rule', 'Path(`/`)');
    decoder.set('traefik/http/routers/__proto__/rule', 'Path(`/p`)');
    decoder.set('traefik/http/routers/x@y/rule', 'Path(`/x`)');
    decoder.set('traefik/http/routers/p/priority', 'high');
    decoder.set('traefik/http/routers/c/rule', 'Path(`/c`)');
    decoder.set('traefik/http/routers/c/rule/x', 'y');
    decoder.set(long, 'v');
    const s = decoder.snapshot();
    expect(Object.keys(s.config.http.routers)).toEqual(['ok']);
    expect(s.diagnostics.map((d) => [d.code, d.key])).toEqual(
      expect.arrayContaining([
        ['WHARF_CONFIG_BAD_NAME', 'traefik/http/routers/__proto__'],
        ['WHARF_CONFIG_BAD_NAME', 'traefik/http/routers/x@y'],
        ['WHARF_CONFIG_BAD_VALUE', 'traefik/http/routers/p/priority'],
        ['WHARF_KV_CLASH', 'traefik/http/routers/c/rule/x'],
        ['WHARF_KV_TOO_LARGE', long.slice(0, 200)],
      ]),
    );
    expect(s.diagnostics).toHaveLength(5);
    // a value at the section key itself ties every router to it: decoded as one tree, as decodeKv does
    decoder.set('traefik/http/routers', 'oops');
    const tied = decoder.snapshot();
    expect(tied.config.http.routers).toEqual({});
    expect(tied.diagnostics.filter((d) => d.code === 'WHARF_KV_CLASH').map((d) => d.key)).toContain('traefik/http/routers/ok/rule');
  });
});

import { describe, expect, it } from 'vitest';
import { addressRecords, MAX_RECORDS, srvEntries } from './answer-records.js';

describe('A/AAAA records', () => {
  it('keeps valid addresses on the service port, merges duplicates, takes the smallest TTL', () => {
    const out = addressRecords([{ address: '10.0.0.2', ttl: 60 }, { address: '10.0.0.1', ttl: 5 }, { address: '10.0.0.2', ttl: 60 }], 8080, 4, 'web');
    expect(out.records).toEqual([
      { key: '10.0.0.2', addresses: ['10.0.0.2'], port: 8080, weight: 1 },
      { key: '10.0.0.1', addresses: ['10.0.0.1'], port: 8080, weight: 1 },
    ]);
    expect(out.ttlSeconds).toBe(5);
    expect(out.problems).toEqual([]);
  });

  it('drops malformed and wrong-family addresses with a problem naming the record', () => {
    const out = addressRecords([{ address: '10.0.0.300' }, { address: 42 }, { address: '::1' }, { address: '10.0.0.1' }, {} as never, null as never], 80, 4, 'web');
    expect(out.records.map((r) => r.key)).toEqual(['10.0.0.1']);
    expect(out.problems.map((p) => [p.code, p.record])).toEqual([
      ['WHARF_DNS_BAD_RECORD', '10.0.0.300'], ['WHARF_DNS_BAD_RECORD', '42'], ['WHARF_DNS_BAD_RECORD', '::1'],
      ['WHARF_DNS_BAD_RECORD', 'undefined'], ['WHARF_DNS_BAD_RECORD', 'undefined'],
    ]);
  });

  it('treats absurd TTLs as 0 (RFC 2181) and says so', () => {
    const out = addressRecords([{ address: '10.0.0.1', ttl: 2 ** 31 }, { address: '10.0.0.2', ttl: -4 }, { address: '10.0.0.3', ttl: 'x' }], 80, 4, 'web');
    expect(out.records).toHaveLength(3);
    expect(out.ttlSeconds).toBe(0);
    expect(out.problems.map((p) => p.code)).toEqual(['WHARF_DNS_TTL', 'WHARF_DNS_TTL', 'WHARF_DNS_TTL']);
  });

  it('lower-cases IPv6 addresses', () => {
    expect(addressRecords([{ address: 'FD00::1', ttl: 1 }], 80, 6, 'web').records[0]?.key).toBe('fd00::1');
  });

  it('bounds an answer of thousands of records', () => {
    const raw = Array.from({ length: MAX_RECORDS + 900 }, (_, i) => ({ address: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, ttl: 30 }));
    const out = addressRecords(raw, 80, 4, 'big');
    expect(out.records).toHaveLength(MAX_RECORDS);
    expect(out.problems).toEqual([expect.objectContaining({ code: 'WHARF_DNS_TOO_MANY_RECORDS', record: 'big' })]);
  });
});

describe('SRV records', () => {
  it('keeps target (lower case, no trailing dot), port and weight; ignores priority', () => {
    const out = srvEntries([{ name: 'Web-1.Test.', port: 8080, weight: 10, priority: 0 }, { name: 'web-2.test', port: 8081, weight: 0, priority: 9 }], '_http._tcp.web');
    expect(out.entries).toEqual([
      { key: 'web-1.test:8080', target: 'web-1.test', port: 8080, weight: 10 },
      { key: 'web-2.test:8081', target: 'web-2.test', port: 8081, weight: 0 },
    ]);
  });

  it('serves all-zero weights equally (RFC 2782)', () => {
    const out = srvEntries([{ name: 'a.test', port: 1, weight: 0 }, { name: 'b.test', port: 1, weight: 0 }], '_x._tcp.y');
    expect(out.entries.map((e) => e.weight)).toEqual([1, 1]);
  });

  it('drops "." targets, bad names, ports and weights with a problem each', () => {
    const out = srvEntries([
      { name: '.', port: 80, weight: 1 },
      { name: 'bad name.test', port: 80, weight: 1 },
      { name: 'a.test', port: 0, weight: 1 },
      { name: 'a.test', port: 80, weight: 70_000 },
      { name: 'a.test', port: 80.5, weight: 1 },
      { name: null, port: 80, weight: 1 },
      { name: 'ok.test', port: 80, weight: 1 },
      { name: 'OK.test', port: 80, weight: 3 },
    ], '_x._tcp.y');
    expect(out.entries.map((e) => e.key)).toEqual(['ok.test:80']);
    expect(out.problems).toHaveLength(6);
    expect(out.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('"."'), expect.stringContaining('invalid label "bad name"'), expect.stringContaining('port 0'),
      expect.stringContaining('weight 70000'), expect.stringContaining('port 80.5'), expect.stringContaining('no target'),
    ]);
  });
});

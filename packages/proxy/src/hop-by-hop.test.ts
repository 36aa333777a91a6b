import { describe, expect, it } from 'vitest';
import { connectionListed, isHopByHop, stripConnectionListed, upstreamHeaderList } from './hop-by-hop.js';

describe('isHopByHop', () => {
  it('knows every RFC 9110 hop-by-hop name, expect and proxy-*', () => {
    for (const name of ['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect', 'proxy-foo']) {
      expect(isHopByHop(name), name).toBe(true);
    }
  });
  it('keeps end-to-end headers, including ones sharing a first letter', () => {
    for (const name of ['content-type', 'cookie', 'etag', 'pragma', 'x-forwarded-for', 'host', 'user-agent', 'trace-id', 'keep', 'accept']) {
      expect(isHopByHop(name), name).toBe(false);
    }
  });
});

describe('connectionListed', () => {
  it('ignores close and keep-alive in any case, lists other tokens lower-cased', () => {
    expect(connectionListed('keep-alive')).toBeUndefined();
    expect(connectionListed(' Close ')).toBeUndefined();
    expect(connectionListed('Keep-Alive')).toBeUndefined();
    expect(connectionListed('X-Secret')).toEqual(new Set(['x-secret']));
    expect(connectionListed('keep-alive, X-A,x-b')).toEqual(new Set(['x-a', 'x-b']));
    expect(connectionListed(['close', 'X-C'])).toEqual(new Set(['x-c']));
    expect(connectionListed(undefined)).toBeUndefined();
  });
});

describe('upstreamHeaderList', () => {
  it('flattens request headers without hop-by-hop ones and without host', () => {
    const list = upstreamHeaderList({ host: 'h', connection: 'x-drop', te: 'gzip', 'proxy-authorization': 'p', accept: '*/*', cookie: 'c', 'x-multi': ['1', '2'] }, []);
    expect(list).toEqual(['accept', '*/*', 'cookie', 'c', 'x-multi', '1', 'x-multi', '2']);
  });
  it('keeps `TE: trailers` alone (Go\'s ReverseProxy, for gRPC), whatever else TE lists', () => {
    expect(upstreamHeaderList({ te: 'trailers' }, [])).toEqual(['te', 'trailers']);
    expect(upstreamHeaderList({ te: 'gzip;q=0.5, Trailers' }, [])).toEqual(['te', 'trailers']);
    expect(upstreamHeaderList({ te: 'gzip, trailersx' }, [])).toEqual([]);
  });
});

describe('stripConnectionListed', () => {
  it('removes the headers the client lists in Connection', () => {
    const h = { connection: 'keep-alive, X-Drop, Cookie', 'x-drop': '1', cookie: 'c', accept: '*/*' };
    stripConnectionListed(h);
    expect(h).toEqual({ connection: 'keep-alive, X-Drop, Cookie', accept: '*/*' });
  });

  it('never removes the headers wharf sets, in any spelling, nor Host (CVE-2024-45410)', () => {
    const h = {
      connection: 'keep-alive, X-Forwarded-Host, X-Real-Ip, x_forwarded_for, X-Forwarded-Proto, Host',
      host: 'a.example',
      'x-forwarded-host': 'a.example',
      'x-real-ip': '192.0.2.1',
      x_forwarded_for: '192.0.2.9',
      'x-forwarded-proto': 'http',
    };
    const before = { ...h };
    stripConnectionListed(h);
    expect(h).toEqual(before);
  });

  it('does nothing without a Connection header or with only keep-alive / close', () => {
    const h = { connection: 'close', cookie: 'c' };
    stripConnectionListed(h);
    expect(h).toEqual({ connection: 'close', cookie: 'c' });
  });
});

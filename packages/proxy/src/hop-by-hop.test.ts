import { describe, expect, it } from 'vitest';
import { connectionListed, isHopByHop, upstreamHeaderList } from './hop-by-hop.js';

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
    const list = upstreamHeaderList({ host: 'h', connection: 'x-drop', 'x-drop': '1', te: 'trailers', 'proxy-authorization': 'p', accept: '*/*', cookie: 'c', 'x-multi': ['1', '2'] }, []);
    expect(list).toEqual(['accept', '*/*', 'cookie', 'c', 'x-multi', '1', 'x-multi', '2']);
  });
});

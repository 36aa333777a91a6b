import { describe, expect, it } from 'vitest';
import { upstreamHeaderList } from './hop-by-hop.js';
import { responseHeaders } from './response-headers.js';

const raw = (...pairs: string[]): Buffer[] => pairs.map((p) => Buffer.from(p, 'latin1'));

describe('hop-by-hop handling', () => {
  it('drops hop-by-hop and Connection-listed response headers, keeps repeats as arrays', () => {
    const h = responseHeaders(raw('Content-Type', 'text/plain', 'Connection', 'keep-alive, X-Hop', 'Keep-Alive', 'timeout=5', 'X-Hop', '1', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2', 'Transfer-Encoding', 'chunked'));
    expect(h).toEqual({ 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] });
  });

  it('flattens request headers without hop-by-hop ones and without host', () => {
    const list = upstreamHeaderList({ host: 'h', connection: 'x-drop', 'x-drop': '1', te: 'trailers', 'proxy-authorization': 'p', accept: '*/*', cookie: 'c', 'x-multi': ['1', '2'] }, []);
    expect(list).toEqual(['accept', '*/*', 'cookie', 'c', 'x-multi', '1', 'x-multi', '2']);
  });
});

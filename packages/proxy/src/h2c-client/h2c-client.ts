import { connect, constants, type ClientHttp2Session, type IncomingHttpHeaders as H2Headers, type OutgoingHttpHeaders } from 'node:http2';
import type { Readable } from 'node:stream';
import type { HttpExchange, HttpResponse } from '@wharf/config';
import { upstreamFailure } from '../upstream-failure.js';

/**
 * Cleartext HTTP/2 to `h2c://` servers (gRPC services): one multiplexed session per origin,
 * opened on first use and dropped when it closes or fails. The request's meaning is kept (method,
 * path, Host as `:authority`); a client that goes away cancels the upstream stream (RST_STREAM).
 */
export class H2cClient {
  private readonly sessions = new Map<string, ClientHttp2Session>();

  constructor(private readonly connectTimeoutMs: number) {}

  private session(origin: string): ClientHttp2Session {
    let session = this.sessions.get(origin);
    if (session !== undefined && !session.closed && !session.destroyed) return session;
    session = connect(origin);
    const s = session;
    s.setTimeout(this.connectTimeoutMs, () => {
      if (!s.connecting) return;
      s.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' }));
    });
    s.on('error', () => undefined);
    s.once('close', () => {
      if (this.sessions.get(origin) === s) this.sessions.delete(origin);
    });
    this.sessions.set(origin, s);
    return s;
  }

  forward(ex: HttpExchange, origin: string, authority: string, path: string, headerList: readonly string[], body: Readable | Buffer | null): Promise<HttpResponse> {
    return new Promise((resolve) => {
      const headers: OutgoingHttpHeaders = { ':method': ex.method, ':path': path, ':authority': authority, ':scheme': 'http' };
      for (let i = 0; i < headerList.length; i += 2) {
        const name = headerList[i]!;
        // HTTP/2 allows no other TE than `trailers`, the only value upstreamHeaderList keeps
        if (name === 'host') continue;
        const prior = headers[name];
        headers[name] = prior === undefined ? headerList[i + 1]! : `${String(prior)}, ${headerList[i + 1]!}`;
      }
      let settled = false;
      const fail = (err: unknown): void => {
        if (settled) return;
        settled = true;
        resolve(upstreamFailure(err, ex.requestSent));
      };
      let stream;
      try {
        stream = this.session(origin).request(headers, { endStream: body === null });
      } catch (err) {
        return fail(err);
      }
      ex.requestSent = true;
      const cancel = (): void => {
        if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
      };
      ex.res.once('close', cancel);
      stream.on('error', fail);
      // gRPC's status comes in trailers: kept for the client, filled in before the body ends
      const trailers: Record<string, string | string[]> = {};
      stream.once('trailers', (t: H2Headers) => {
        for (const [name, value] of Object.entries(t)) if (name.charCodeAt(0) !== 58 && value !== undefined) trailers[name] = value;
      });
      stream.once('response', (h: H2Headers) => {
        settled = true;
        const out: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(h)) if (name.charCodeAt(0) !== 58 && value !== undefined) out[name] = value;
        resolve({ status: Number(h[':status']), headers: out, body: stream, trailers });
      });
      if (Buffer.isBuffer(body)) stream.end(body);
      else if (body !== null) body.pipe(stream);
    });
  }

  close(): void {
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
  }
}

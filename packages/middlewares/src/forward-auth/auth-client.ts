import { readFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { MiddlewareErrors } from '../errors.js';
import type { ForwardAuthOptions } from './schema.js';

export interface AuthReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** the body exceeded maxResponseBodySize and was cut */
  truncated: boolean;
}

const TIMEOUT_MS = 30_000;

/** One keep-alive agent per middleware instance; destroyed with the generation. */
export function createAuthClient(o: ForwardAuthOptions, signal: AbortSignal, middleware: string) {
  const url = new URL(o.address);
  const secure = url.protocol === 'https:';
  const read = (f?: string) => {
    if (!f) return undefined;
    try {
      return readFileSync(f);
    } catch {
      throw MiddlewareErrors.invalidOptions(middleware, `cannot read TLS file ${f}`);
    }
  };
  const agent = secure
    ? new https.Agent({ keepAlive: true, ca: read(o.tls?.ca), cert: read(o.tls?.cert), key: read(o.tls?.key), rejectUnauthorized: !o.tls?.insecureSkipVerify })
    : new http.Agent({ keepAlive: true });
  signal.addEventListener('abort', () => agent.destroy(), { once: true });
  const maxBody = o.maxResponseBodySize === undefined || o.maxResponseBodySize < 0 ? Infinity : o.maxResponseBodySize;

  return (method: string, headers: OutgoingHttpHeaders, body: Buffer | undefined): Promise<AuthReply> =>
    new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(url, { method, headers, agent, timeout: TIMEOUT_MS, signal }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBody) {
            truncated = true;
            res.destroy();
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.alloc(0), truncated });
          } else chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks), truncated }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('forward auth timeout')));
      req.on('error', reject);
      req.end(body);
    });
}

import { Readable } from 'node:stream';
import { readHeader } from '@wharf/config';
import type { HttpStep } from '@wharf/config';
import { peekStream } from '../body/stream-peek.js';
import { setHeader, withOwnHeaders } from '../response.js';
import type { ContentTypeOptions } from './schema.js';
import { detectContentType } from './sniff.js';

/**
 * Traefik v3: declaring the middleware (`contentType: {}`) turns detection on: responses without a
 * Content-Type get one sniffed from the first 512 bytes (Go's rules). The deprecated
 * `autoDetect: false` turns it off.
 */
export function createContentType(options: ContentTypeOptions): HttpStep {
  if (options.autoDetect === false) return (_ex, next) => next();
  return async (_ex, next) => {
    const upstream = await next();
    const res = withOwnHeaders(upstream);
    if (res.upgraded || res.body === null || readHeader(res.headers, 'content-type') !== undefined) return res;
    if (readHeader(res.headers, 'content-encoding') !== undefined) return res;
    if (res.body instanceof Readable) {
      const whole = await peekStream(res.body, 512);
      const head = whole ?? (res.body.read(Math.min(512, res.body.readableLength)) as Buffer | null) ?? Buffer.alloc(0);
      if (whole === undefined && head.length > 0) res.body.unshift(head);
      if (whole !== undefined && whole.length === 0) return { ...res, body: whole };
      setHeader(res.headers, 'content-type', detectContentType(head));
      return whole === undefined ? res : { ...res, body: whole };
    }
    const buf = Buffer.from(res.body as Buffer | string);
    if (buf.length > 0) setHeader(res.headers, 'content-type', detectContentType(buf));
    return res;
  };
}

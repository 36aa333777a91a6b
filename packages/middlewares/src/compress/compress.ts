import { pipeline, Readable } from 'node:stream';
import { readHeader } from '@wharf/config';
import type { HttpExchange, HttpResponse, HttpStep } from '@wharf/config';
import { peekStream } from '../body/stream-peek.js';
import { setHeader, withOwnHeaders } from '../response.js';
import { negotiateEncoding } from './accept-encoding.js';
import { availableEncodings, createEncoder } from './encoders.js';
import type { CompressOptions } from './schema.js';

/** SSE and gRPC must stream unbuffered: never compressed unless included explicitly. */
const DEFAULT_EXCLUDED = ['application/grpc', 'text/event-stream'];

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function addVary(res: HttpResponse): void {
  const vary = readHeader(res.headers, 'vary');
  if (vary?.toLowerCase().split(',').some((v) => v.trim() === 'accept-encoding' || v.trim() === '*')) return;
  setHeader(res.headers, 'vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/** Compresses eligible responses (gzip, br, zstd) as a stream; sets Vary and Content-Encoding. */
export function createCompress(options: CompressOptions): HttpStep {
  const available = availableEncodings();
  const encodings = (options.encodings ?? available).filter((e) => available.includes(e));
  const min = options.minResponseBodyBytes ?? 1024;
  const included = new Set((options.includedContentTypes ?? []).map((t) => mediaType(t)));
  const excluded = new Set((options.excludedContentTypes ?? DEFAULT_EXCLUDED).map((t) => mediaType(t)));
  const typeAllowed = (ct: string) => (included.size > 0 ? included.has(ct) : !excluded.has(ct));

  const eligible = (ex: HttpExchange, res: HttpResponse): boolean =>
    !ex.isUpgrade && !res.upgraded && res.body !== null && ex.method !== 'HEAD' &&
    res.status >= 200 && res.status !== 204 && res.status !== 206 && res.status !== 304 &&
    readHeader(res.headers, 'content-encoding') === undefined &&
    !/(^|,)\s*no-transform\s*(,|$)/i.test(readHeader(res.headers, 'cache-control') ?? '') &&
    typeAllowed(mediaType(readHeader(res.headers, 'content-type')));

  return async (ex, next) => {
    const accept = readHeader(ex.headers, 'accept-encoding');
    const upstream = await next();
    if (!eligible(ex, upstream)) return upstream;
    const res = withOwnHeaders(upstream);
    addVary(res);
    const encoding = negotiateEncoding(accept, encodings, options.defaultEncoding);
    if (!encoding) return res;
    let source: Readable;
    if (res.body instanceof Readable) {
      const declared = Number(readHeader(res.headers, 'content-length'));
      if (Number.isFinite(declared) && declared < min) return res;
      const whole = await peekStream(res.body, min);
      if (whole !== undefined) return { ...res, body: whole };
      source = res.body;
    } else {
      const buf = Buffer.from(res.body as Buffer | string);
      if (buf.length < min) return res;
      source = Readable.from([buf]);
    }
    setHeader(res.headers, 'content-length', undefined);
    setHeader(res.headers, 'accept-ranges', undefined);
    setHeader(res.headers, 'content-encoding', encoding);
    return { ...res, body: pipeline(source, createEncoder(encoding), () => undefined) };
  };
}

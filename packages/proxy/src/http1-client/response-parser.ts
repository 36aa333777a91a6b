import type { OutgoingHttpHeaders } from 'node:http';
import { connectionListed, isHopByHop } from '../hop-by-hop.js';
import { Http1ClientErrors } from '../errors.js';
import { type Framing, framingOf } from './response-framing.js';

/** Largest response head (status line + headers) and trailer section accepted. */
export const MAX_HEAD_BYTES = 16 * 1024;

/** What the parser reports; called synchronously from `execute`/`finish`. */
export interface ParserSink {
  /** the final (≥ 200) response head; hop-by-hop headers removed */
  onHead(status: number, headers: OutgoingHttpHeaders): void;
  onBody(chunk: Buffer): void;
  /** the response is complete; `keepAlive`: the connection may carry another request */
  onEnd(keepAlive: boolean): void;
}

const HEAD = 0;
const LENGTH = 1;
const CHUNK_SIZE = 2;
const CHUNK_DATA = 3;
const CHUNK_END = 4;
const TRAILERS = 5;
const UNTIL_CLOSE = 6;
const DONE = 7;

const CRLFCRLF = Buffer.from('\r\n\r\n');
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: [^\r\n]*)?$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_CHARS = /[\0\r\n]/;
const CHUNK_HEX = /^[0-9a-fA-F]{1,12}$/;

/**
 * An incremental HTTP/1.1 response parser for one connection: status line and headers,
 * Content-Length, chunked (trailers read and dropped) and close-delimited bodies, no body for
 * HEAD/204/304, interim 1xx answers skipped. Throws a coded `Http1ClientErrors` error on malformed input.
 */
export class ResponseParser {
  private state = DONE;
  private isHead = false;
  private keepAlive = false;
  private remaining = 0;
  private headBuf: Buffer | null = null;
  private line = '';
  private trailerBytes = 0;
  /** a byte of the current response arrived */
  started = false;

  constructor(private readonly sink: ParserSink) {}

  /** prepares for the response to a new request */
  reset(isHead: boolean): void {
    this.state = HEAD;
    this.isHead = isHead;
    this.headBuf = null;
    this.line = '';
    this.started = false;
  }

  /** true while the body runs until the server closes the connection */
  get untilClose(): boolean {
    return this.state === UNTIL_CLOSE;
  }

  execute(chunk: Buffer): void {
    this.started = true;
    let pos = 0;
    const len = chunk.length;
    while (pos < len && this.state !== DONE) {
      switch (this.state) {
        case HEAD:
          pos = this.readHead(chunk, pos);
          break;
        case LENGTH:
        case CHUNK_DATA:
          pos = this.readData(chunk, pos);
          break;
        case UNTIL_CLOSE:
          this.sink.onBody(pos === 0 ? chunk : chunk.subarray(pos));
          pos = len;
          break;
        default:
          pos = this.readLine(chunk, pos);
      }
    }
    if (this.state === DONE) this.sink.onEnd(this.keepAlive && pos === len);
  }

  /** the server closed the connection: ends a close-delimited body, else throws */
  finish(): void {
    if (this.state !== UNTIL_CLOSE) throw Http1ClientErrors.socket('other side closed');
    this.state = DONE;
    this.sink.onEnd(false);
  }

  private readHead(chunk: Buffer, pos: number): number {
    const prior = this.headBuf;
    const priorLen = prior === null ? 0 : prior.length;
    const rest = pos === 0 ? chunk : chunk.subarray(pos);
    const buf = prior === null ? rest : Buffer.concat([prior, rest]);
    const end = buf.indexOf(CRLFCRLF, priorLen > 3 ? priorLen - 3 : 0);
    if (end < 0 || end + 4 > MAX_HEAD_BYTES) {
      if (buf.length > MAX_HEAD_BYTES) throw Http1ClientErrors.headerOverflow();
      this.headBuf = buf;
      return chunk.length;
    }
    this.headBuf = null;
    this.parseHead(buf.toString('latin1', 0, end));
    return pos + end + 4 - priorLen;
  }

  private parseHead(text: string): void {
    const lines = text.split('\r\n');
    const m = STATUS_LINE.exec(lines[0] as string);
    if (m === null) throw Http1ClientErrors.badResponse('status line');
    const status = Number(m[2]);
    if (status < 200) {
      if (status === 101) throw Http1ClientErrors.badResponse('unexpected 101');
      return; // interim answer (100 Continue, 103 Early Hints): the final head follows
    }
    const headers: OutgoingHttpHeaders = {};
    const f: Framing = { contentLength: undefined, transferEncoding: undefined, connection: undefined };
    for (let i = 1; i < lines.length; i++) addHeader(headers, f, lines[i] as string);
    const listed = connectionListed(f.connection);
    if (listed !== undefined) for (const name of listed) delete headers[name];
    const framing = framingOf(f, m[1] === '1', this.isHead || status === 204 || status === 304);
    this.keepAlive = framing.keepAlive;
    if (framing.chunked || framing.untilClose) delete headers['content-length'];
    this.sink.onHead(status, headers);
    if (framing.chunked) this.state = CHUNK_SIZE;
    else if (framing.untilClose) this.state = UNTIL_CLOSE;
    else if (framing.length > 0) {
      this.state = LENGTH;
      this.remaining = framing.length;
    } else this.state = DONE;
  }

  private readData(chunk: Buffer, pos: number): number {
    const n = Math.min(this.remaining, chunk.length - pos);
    this.sink.onBody(pos === 0 && n === chunk.length ? chunk : chunk.subarray(pos, pos + n));
    this.remaining -= n;
    if (this.remaining === 0) this.state = this.state === LENGTH ? DONE : CHUNK_END;
    return pos + n;
  }

  /** chunk-size lines, the CRLF after chunk data, trailer lines */
  private readLine(chunk: Buffer, pos: number): number {
    const nl = chunk.indexOf(10, pos);
    if (nl < 0) {
      this.line += chunk.toString('latin1', pos);
      if (this.line.length > MAX_HEAD_BYTES) throw Http1ClientErrors.badResponse('chunk line too long');
      return chunk.length;
    }
    const line = this.line + chunk.toString('latin1', pos, nl);
    this.line = '';
    if (line.charCodeAt(line.length - 1) !== 13) throw Http1ClientErrors.badResponse('bare LF');
    this.onLine(line.slice(0, -1));
    return nl + 1;
  }

  private onLine(line: string): void {
    if (this.state === CHUNK_END) {
      if (line !== '') throw Http1ClientErrors.badResponse('chunk data longer than its size');
      this.state = CHUNK_SIZE;
    } else if (this.state === CHUNK_SIZE) {
      const semi = line.indexOf(';');
      const hex = (semi < 0 ? line : line.slice(0, semi)).trim();
      if (!CHUNK_HEX.test(hex)) throw Http1ClientErrors.badResponse('chunk size');
      this.remaining = parseInt(hex, 16);
      this.trailerBytes = 0;
      this.state = this.remaining === 0 ? TRAILERS : CHUNK_DATA;
    } else if (line === '') this.state = DONE;
    else if ((this.trailerBytes += line.length + 2) > MAX_HEAD_BYTES) throw Http1ClientErrors.badResponse('trailers too large');
  }
}

function addHeader(out: OutgoingHttpHeaders, f: Framing, line: string): void {
  const colon = line.indexOf(':');
  if (colon <= 0) throw Http1ClientErrors.badResponse('header line');
  const raw = line.slice(0, colon);
  if (!TOKEN.test(raw)) throw Http1ClientErrors.badResponse('header name');
  const value = line.slice(colon + 1).trim();
  if (BAD_CHARS.test(value)) throw Http1ClientErrors.badResponse('header value');
  const name = raw.toLowerCase();
  if (name === 'content-length') f.contentLength = f.contentLength === undefined ? value : `${f.contentLength},${value}`;
  else if (name === 'transfer-encoding') f.transferEncoding = f.transferEncoding === undefined ? value : `${f.transferEncoding},${value}`;
  else if (name === 'connection') f.connection = f.connection === undefined ? value : `${f.connection},${value}`;
  if (isHopByHop(name)) return;
  const prev = out[name];
  if (prev === undefined) out[name] = name === 'set-cookie' ? [value] : value;
  else if (Array.isArray(prev)) prev.push(value);
  else out[name] = [String(prev), value];
}

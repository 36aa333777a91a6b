import type { IncomingMessage, ServerResponse } from 'node:http';
import { createDataStream, parseSize } from './data-stream.js';
import { parseDurationMs, sleep } from './duration.js';
import { buildReport, reportText } from './report.js';

/** Mutable per-server state the handlers read and flip. */
export interface WhoamiState {
  readonly name: string;
  readonly ips: string[];
  healthStatus: number;
}

const BENCH_BODY = Buffer.from('1');

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function readText(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (s: string) => {
      if (text.length < limit) text += s;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

async function health(req: IncomingMessage, res: ServerResponse, state: WhoamiState): Promise<void> {
  if (req.method === 'POST') {
    const code = Number((await readText(req, 16)).trim());
    if (!Number.isInteger(code) || code < 100 || code > 599) return send(res, 400, 'text/plain', 'bad status\n');
    state.healthStatus = code;
  }
  res.writeHead(state.healthStatus, { 'content-length': 0 });
  res.end();
}

function data(res: ServerResponse, q: URLSearchParams): void {
  const size = parseSize(q.get('size'), q.get('unit'));
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (q.get('attachment') === 'true') headers['content-disposition'] = 'attachment; filename="data.txt"';
  res.writeHead(200, headers);
  createDataStream(size).pipe(res);
}

function echo(req: IncomingMessage, res: ServerResponse): void {
  const type = req.headers['content-type'] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'content-type': type };
  const len = req.headers['content-length'];
  if (len !== undefined) headers['content-length'] = len;
  res.writeHead(200, headers);
  req.pipe(res);
}

async function report(req: IncomingMessage, res: ServerResponse, state: WhoamiState, q: URLSearchParams, json: boolean): Promise<void> {
  const wait = q.get('wait');
  const ms = wait === null ? undefined : parseDurationMs(wait);
  if (ms !== undefined) await sleep(ms);
  const r = buildReport(req, state.name, state.ips);
  if (json) send(res, 200, 'application/json', JSON.stringify(r));
  else send(res, 200, 'text/plain; charset=utf-8', reportText(r));
}

/** Routes one request; `/bench` is kept first and allocation-free for the benchmark. */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, state: WhoamiState): Promise<void> {
  const url = req.url ?? '/';
  if (url === '/bench') {
    res.writeHead(200, ['content-type', 'text/plain', 'content-length', '1', 'x-whoami-name', state.name]);
    res.end(BENCH_BODY);
    return;
  }
  res.setHeader('x-whoami-name', state.name);
  const qi = url.indexOf('?');
  const path = qi < 0 ? url : url.slice(0, qi);
  const q = new URLSearchParams(qi < 0 ? '' : url.slice(qi + 1));
  if (path === '/health') return health(req, res, state);
  if (path === '/data') return data(res, q);
  if (path === '/echo') return echo(req, res);
  if (path === '/delay') {
    await sleep(Number(q.get('ms') ?? '0') || 0);
    return send(res, 200, 'text/plain', 'delayed\n');
  }
  if (path.startsWith('/status/')) {
    const code = Number(path.slice(8));
    return send(res, code >= 200 && code <= 599 ? code : 400, 'text/plain', `${code}\n`);
  }
  return report(req, res, state, q, path === '/api');
}

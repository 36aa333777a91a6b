import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { requestRecord } from '../fixtures/records.js';
import { createAccessLog } from './create-access-log.js';

const dir = mkdtempSync(join(tmpdir(), 'wharf-accesslog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Traefik's CLF-like common line
const COMMON = /^(\S+) - (\S+) \[([^\]]+)\] "(\S+) (\S+) (\S+)" (\d+) (\S+) "([^"]*)" "([^"]*)" (\d+) "([^"]*)" "([^"]*)" (\d+)ms$/;

describe('createAccessLog', () => {
  it('writes Traefik common lines to a file, parsed back field by field', async () => {
    const filePath = join(dir, 'common.log');
    const log = createAccessLog({ filePath });
    log.observer.onRequestEnd(requestRecord({ durationMs: 12.7, requestHeaders: { 'user-agent': 'curl/8.5.0', referer: 'http://ref/' } }));
    log.observer.onRequestEnd(requestRecord({ router: undefined, service: undefined, server: undefined, status: 404, responseBytes: 19, path: '/nope' }));
    await log.close();
    const lines = readFileSync(filePath, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const a = COMMON.exec(lines[0]!);
    expect(a, lines[0]).not.toBeNull();
    expect(a!.slice(1)).toEqual([
      '192.0.2.10', '-', '24/Nov/2026:23:00:00 +0000', 'GET', '/', 'HTTP/1.1', '200', '500',
      'http://ref/', 'curl/8.5.0', '1', 'app@docker', 'http://10.0.0.2:80', '12',
    ]);
    const b = COMMON.exec(lines[1]!);
    expect(b!.slice(7, 8)).toEqual(['404']);
    expect([b![5], b![11], b![12], b![13]]).toEqual(['/nope', '2', '-', '-']);
  });

  it('writes JSON with Traefik field names, field filters and header redaction', async () => {
    const filePath = join(dir, 'json.log');
    const log = createAccessLog({
      filePath,
      format: 'json',
      fields: { names: { StartLocal: 'drop', ClientHost: 'redact' }, headers: { defaultMode: 'keep', names: { 'X-Secret': 'drop' } } },
    });
    const auth = `Basic ${Buffer.from('alice:pw').toString('base64')}`;
    log.observer.onRequestEnd(requestRecord({ attempts: 2, requestHeaders: { authorization: auth, cookie: 'sid=1', 'x-secret': 's', 'user-agent': 'ua' } }));
    await log.close();
    const entry = JSON.parse(readFileSync(filePath, 'utf8')) as Record<string, unknown>;
    expect(entry).toMatchObject({
      ClientHost: 'REDACTED', ClientUsername: 'alice', DownstreamStatus: 200, RetryAttempts: 2, RouterName: 'app@docker',
      ServiceName: 'app@docker', ServiceURL: 'http://10.0.0.2:80', ServiceAddr: '10.0.0.2:80', Duration: 12_000_000,
      entryPointName: 'web', 'request_User-Agent': 'ua', request_Authorization: 'REDACTED', request_Cookie: 'REDACTED',
    });
    expect(entry.StartLocal).toBeUndefined();
    expect(entry['request_X-Secret']).toBeUndefined();
    expect(entry.StartUTC).toBe('2026-11-24T23:00:00.000Z');
  });

  it("logs Traefik's RequestScheme https, TLSVersion, TLSCipher (and TLSClientSubject with a client certificate) for a TLS request, none of them for plaintext", async () => {
    const filePath = join(dir, 'tls.log');
    const log = createAccessLog({ filePath, format: 'json' });
    log.observer.onRequestEnd(requestRecord({ protocol: 'HTTP/2.0', tls: { version: '1.3', cipher: 'TLS_AES_128_GCM_SHA256' } }));
    log.observer.onRequestEnd(requestRecord());
    log.observer.onRequestEnd(requestRecord({ tls: { version: '1.3', cipher: 'TLS_AES_128_GCM_SHA256', clientSubject: 'CN=alice,O=Acme' } }));
    await log.close();
    const [tls, plain, mtls] = readFileSync(filePath, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(tls).toMatchObject({ RequestScheme: 'https', RequestProtocol: 'HTTP/2.0', TLSVersion: '1.3', TLSCipher: 'TLS_AES_128_GCM_SHA256' });
    expect(tls!.TLSClientSubject).toBeUndefined();
    expect(mtls).toMatchObject({ TLSClientSubject: 'CN=alice,O=Acme' });
    expect(plain).toMatchObject({ RequestScheme: 'http' });
    expect(Object.keys(plain!).filter((k) => k.startsWith('TLS'))).toEqual([]);
  });

  it('drops header fields by default and writes genericCLF without the wharf tail', async () => {
    const chunks: string[] = [];
    const stream = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) });
    const json = createAccessLog({ stream, format: 'json' });
    json.observer.onRequestEnd(requestRecord({ requestHeaders: { authorization: 'Bearer x' } }));
    await json.close();
    expect(Object.keys(JSON.parse(chunks.join('')) as object).some((k) => k.startsWith('request_'))).toBe(false);
    chunks.length = 0;
    const clf = createAccessLog({ stream, format: 'genericCLF' });
    clf.observer.onRequestEnd(requestRecord());
    await clf.close();
    expect(chunks.join('')).toBe('192.0.2.10 - - [24/Nov/2026:23:00:00 +0000] "GET / HTTP/1.1" 200 500 "-" "curl/8.5.0"\n');
  });

  it('never blocks: a saturated destination drops and counts instead of queueing without bound', async () => {
    let release: (() => void) | undefined;
    const written: string[] = [];
    // a destination that accepts one chunk, then stalls until released
    const stream = new Writable({
      highWaterMark: 1,
      write(c: Buffer, _e, cb) {
        written.push(c.toString());
        release = cb;
      },
    });
    const log = createAccessLog({ stream, bufferingSize: 5 });
    for (let i = 0; i < 3; i++) log.observer.onRequestEnd(requestRecord());
    await new Promise((r) => setImmediate(r)); // first batch handed to the stalled stream
    for (let i = 0; i < 20; i++) log.observer.onRequestEnd(requestRecord());
    expect(log.dropped()).toBe(15);
    release!();
    const closing = log.close();
    for (let i = 0; i < 50 && written.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
      release?.();
    }
    release?.();
    await closing;
    expect(written.join('').trimEnd().split('\n')).toHaveLength(8);
  });
});

describe('createAccessLog reopen', () => {
  it('writes to a fresh file after the old one was moved away (logrotate)', async () => {
    const { renameSync } = await import('node:fs');
    const filePath = join(dir, 'rotate.log');
    const log = createAccessLog({ filePath, format: 'genericCLF' });
    log.observer.onRequestEnd(requestRecord({ path: '/before' }));
    await new Promise((r) => setTimeout(r, 20));
    renameSync(filePath, `${filePath}.1`);
    log.observer.onRequestEnd(requestRecord({ path: '/queued' }));
    await log.reopen();
    log.observer.onRequestEnd(requestRecord({ path: '/after' }));
    await log.close();
    const paths = (f: string) => [...readFileSync(f, 'utf8').matchAll(/"GET (\S+) /g)].map((m) => m[1]);
    expect(paths(`${filePath}.1`)).toEqual(['/before', '/queued']);
    expect(paths(filePath)).toEqual(['/after']);
  });
});

describe('createAccessLog filters', () => {
  it('logs only the requests the filters keep', async () => {
    const chunks: string[] = [];
    const stream = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) });
    const log = createAccessLog({ stream, format: 'genericCLF', filters: { statusCodes: ['500-599'] } });
    log.observer.onRequestEnd(requestRecord({ status: 200, path: '/ok' }));
    log.observer.onRequestEnd(requestRecord({ status: 502, path: '/bad' }));
    await log.close();
    expect(chunks.join('')).toContain('"GET /bad HTTP/1.1" 502');
    expect(chunks.join('')).not.toContain('/ok');
  });
});

describe('createAccessLog close', () => {
  it('gives up on a destination that never drains instead of hanging', async () => {
    const stream = new Writable({ highWaterMark: 1, write: () => undefined }); // never calls back
    const log = createAccessLog({ stream });
    for (let i = 0; i < 3; i++) log.observer.onRequestEnd(requestRecord());
    await new Promise((r) => setImmediate(r));
    log.observer.onRequestEnd(requestRecord());
    const started = Date.now();
    await log.close(200);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('writes a long queue in several batches, all lines in order', async () => {
    const chunks: string[] = [];
    const stream = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), setImmediate(cb)) });
    const log = createAccessLog({ stream, format: 'genericCLF' });
    for (let i = 0; i < 2000; i++) log.observer.onRequestEnd(requestRecord({ path: `/${i}` }));
    await log.close();
    expect(chunks.length).toBeGreaterThan(1);
    const paths = [...chunks.join('').matchAll(/"GET \/(\d+) /g)].map((m) => Number(m[1]));
    expect(paths).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });
});

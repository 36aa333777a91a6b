import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpHandler } from '@wharf/config';
import { startStack, type Stack } from './fixtures/harness.js';
import { applyUnderscoreHeaders } from './underscore-headers.js';

let stacks: Stack[] = [];
afterEach(async () => {
  for (const s of stacks.splice(0)) await s.close();
});

/** answers with the header names it was given */
const names: HttpHandler = async (ex) => ({ status: 200, headers: {}, body: Object.keys(ex.headers).sort().join(',') });

async function stack(http: { underscoreHeadersStrategy?: 'keep' | 'delete' | 'reject'; maxHeaderBytes?: number }): Promise<Stack> {
  const s = await startStack({ routes: () => ({ '': names }), entryPoint: { http } });
  stacks.push(s);
  return s;
}

function raw(port: number, head: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\n`));
    let data = '';
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data));
  });
}

const REQUEST = 'GET / HTTP/1.1\r\nHost: a.test\r\nX_Auth_User: admin\r\nX-Ok: 1\r\nConnection: close\r\n';

describe('http.underscoreHeadersStrategy (Traefik)', () => {
  it('keep (default) forwards, delete drops, reject refuses', async () => {
    expect(await raw((await stack({})).port, REQUEST)).toContain('x_auth_user');
    const deleted = await raw((await stack({ underscoreHeadersStrategy: 'delete' })).port, REQUEST);
    expect(deleted).toMatch(/^HTTP\/1\.1 200/);
    expect(deleted).not.toContain('x_auth_user');
    expect(deleted).toContain('x-ok');
    expect(await raw((await stack({ underscoreHeadersStrategy: 'reject' })).port, REQUEST)).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw((await stack({ underscoreHeadersStrategy: 'reject' })).port, 'GET / HTTP/1.1\r\nHost: a.test\r\nConnection: close\r\n')).toMatch(/^HTTP\/1\.1 200/);
  });

  it('the pure step', () => {
    const h = { 'a_b': '1', c: '2' };
    expect(applyUnderscoreHeaders(h, 'keep')).toBe(true);
    expect(applyUnderscoreHeaders({ ...h }, 'reject')).toBe(false);
    const d = { ...h };
    expect(applyUnderscoreHeaders(d, 'delete')).toBe(true);
    expect(d).toEqual({ c: '2' });
  });
});

describe('http.maxHeaderBytes', () => {
  it('a 40 KiB cookie: 431 under the 16 KiB default, served when the bound is raised', async () => {
    const big = `GET / HTTP/1.1\r\nHost: a.test\r\nCookie: ${'c'.repeat(40 * 1024)}\r\nConnection: close\r\n`;
    expect(await raw((await stack({})).port, big)).toMatch(/^HTTP\/1\.1 431/);
    expect(await raw((await stack({ maxHeaderBytes: 64 * 1024 })).port, big)).toMatch(/^HTTP\/1\.1 200/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, type TestWharf } from '../testing/harness.js';
import { startRecordingBackend, type RecordingBackend } from './backends.js';
import { rawConnection } from './raw-clients.js';

/**
 * The hostile PROXY-protocol corpus: a real wharf whose `admin.test` router admits only
 * 203.0.113.0/24 (`ipAllowList`), on two entrypoints: `lb` reads PROXY headers from loopback (the
 * "load balancer"), `edge` trusts only 10.0.0.0/8, so loopback clients there are the internet.
 * A client must never reach `admin` by forging an address; bad headers close only their own
 * connection; wharf keeps serving. To keep a fix fixed, add a case.
 */

let t: TestWharf;
let app: RecordingBackend;
let admin: RecordingBackend;

beforeAll(async () => {
  [app, admin] = await Promise.all([startRecordingBackend('app'), startRecordingBackend('admin')]);
  t = await startTestWharf(
    {
      http: {
        routers: {
          app: { rule: 'Host(`app.test`)', entryPoints: ['lb', 'edge'], service: 'app' },
          admin: { rule: 'Host(`admin.test`)', entryPoints: ['lb', 'edge'], service: 'admin', middlewares: ['inside'] },
        },
        middlewares: { inside: { ipAllowList: { sourceRange: ['203.0.113.0/24'] } } },
        services: { app: { loadBalancer: { servers: [{ url: app.url }] } }, admin: { loadBalancer: { servers: [{ url: admin.url }] } } },
      },
    },
    [
      '--entrypoints.lb.address=127.0.0.1:0',
      '--entrypoints.lb.proxyProtocol.trustedIPs=127.0.0.1',
      '--entrypoints.lb.transport.respondingtimeouts.readtimeout=1s',
      '--entrypoints.edge.address=127.0.0.1:0',
      '--entrypoints.edge.proxyProtocol.trustedIPs=10.0.0.0/8',
    ],
  );
});
afterAll(async () => {
  await t?.close();
  await Promise.all([app?.kill(), admin?.kill()]);
});

const port = (ep: string) => t.wharf.addresses[ep]!.port;
const request = (host: string, extra = '') => Buffer.from(`GET /x HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`);
const status = (data: Buffer): number | undefined => (data.toString('latin1').startsWith('HTTP/1.1 ') ? Number(data.toString('latin1').slice(9, 12)) : undefined);
const v2 = (src: number[], length = 12) => Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a, 0x21, 0x11, length >> 8, length & 0xff, ...src, 127, 0, 0, 1, 0x10, 0x00, 0x00, 0x50]);
const adminSeen = () => admin.seen.length;

describe('hostile PROXY-protocol corpus against a running wharf', () => {
  it('[forgery] an untrusted client\'s v1 or v2 header is request bytes: 400, admin never sees it', async () => {
    const before = adminSeen();
    const v1 = await rawConnection(port('edge'), [Buffer.from('PROXY TCP4 203.0.113.5 127.0.0.1 1 80\r\n'), request('admin.test')]);
    expect(status(v1.data)).toBe(400);
    const binary = await rawConnection(port('edge'), [v2([203, 0, 113, 5]), request('admin.test')]);
    expect(status(binary.data) ?? 0).not.toBe(200);
    expect(adminSeen()).toBe(before);
  });

  it('[forgery] behind the trusted balancer the header\'s address decides, not an X-Forwarded-For the client adds', async () => {
    const before = adminSeen();
    const forged = await rawConnection(port('lb'), [Buffer.from('PROXY TCP4 198.51.100.1 127.0.0.1 1 80\r\n'), request('admin.test', 'X-Forwarded-For: 203.0.113.5\r\nX-Real-Ip: 203.0.113.5\r\n')]);
    expect(status(forged.data)).toBe(403);
    expect(adminSeen()).toBe(before);
    const inside = await rawConnection(port('lb'), [Buffer.from('PROXY TCP4 203.0.113.9 127.0.0.1 1 80\r\n'), request('admin.test')]);
    expect(status(inside.data)).toBe(200);
    expect(admin.seen.at(-1)?.headers['x-forwarded-for']).toBe('203.0.113.9');
  });

  it('[bounds] a v2 length of 65535 is refused from its 16 fixed bytes; a v1 line without CRLF at 107 bytes too', async () => {
    const huge = await rawConnection(port('lb'), [v2([203, 0, 113, 5], 0xffff).subarray(0, 16)]);
    expect(huge).toMatchObject({ closedByPeer: true });
    expect(huge.data.length).toBe(0);
    expect(huge.ms).toBeLessThan(900); // not the 1 s read timeout: refused on the length field
    const long = await rawConnection(port('lb'), [Buffer.from(`PROXY TCP4 ${'1'.repeat(120)}`)]);
    expect(long).toMatchObject({ closedByPeer: true });
    expect(long.data.length).toBe(0);
  });

  it('[slowloris] a partial signature then silence: the read timeout applies, and others are served meanwhile', async () => {
    const stalled = rawConnection(port('lb'), [Buffer.from('PROX')]);
    const served = await rawConnection(port('lb'), [request('app.test')]);
    expect(status(served.data)).toBe(200);
    const outcome = await stalled;
    // after the 1 s read timeout the four bytes go on as HTTP: never served, always ended
    expect(status(outcome.data) ?? 400).toBe(400);
    expect(outcome.ms).toBeLessThan(4_900);
  });

  it('[dribble] a header and a request split into 1-byte segments still parse as one', async () => {
    const bytes = Buffer.concat([Buffer.from('PROXY TCP4 203.0.113.77 127.0.0.1 1 80\r\n'), request('admin.test')]);
    const parts = [...bytes].map((b) => Buffer.from([b]));
    const answer = await rawConnection(port('lb'), parts, 1);
    expect(status(answer.data)).toBe(200);
    expect(admin.seen.at(-1)?.headers['x-forwarded-for']).toBe('203.0.113.77');
  });

  it('[garbage] 300 connections of signature-led junk are each closed; wharf keeps serving', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const junk = Array.from({ length: 300 }, (_, i) => {
      const body = Buffer.from(Array.from({ length: 1 + (i % 60) }, random));
      return Buffer.concat([i % 2 === 0 ? Buffer.from('PROXY ') : v2([]).subarray(0, 12 + (i % 5)), body]);
    });
    const before = adminSeen();
    const results = await Promise.all(junk.map((j) => rawConnection(port('lb'), [j])));
    expect(results.every((r) => status(r.data) !== 200)).toBe(true);
    expect(adminSeen()).toBe(before);
    expect(status((await rawConnection(port('lb'), [request('app.test')])).data)).toBe(200);
  });
});
